/**
 * A pinned Python virtualenv for tests that drive our stand-ins with real Python clients (tap-kustomer,
 * python-tds, later Meltano, target-jsonl, singer-tools).
 *
 * The venv lives under `.venvs/` at the repository root (git-ignored), named by a hash of the interpreter's
 * version and the pins, so a second run reuses it and a changed pin builds a new one. Building is safe when
 * several test files ask at once: one process holds a `mkdir` lock while it builds in a scratch folder and
 * renames it into place, the others wait for the rename; a crashed builder leaves no half-built venv.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const VENV_ROOT = join(REPO_ROOT, '.venvs');

/** The interpreter the venvs are made from; `PEERS_PYTHON` overrides it. */
const BASE_PYTHON = process.env['PEERS_PYTHON'] ?? 'python3.11';
/** Where pip installs from: the pip default unless `PIP_INDEX_URL` says otherwise. */
const INDEX_URL = process.env['PIP_INDEX_URL'] ?? 'https://pypi.org/simple/';
const PROBE_TIMEOUT_MS = 10_000;
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const LOCK_POLL_MS = 250;
/** A lock older than this whose owner is gone is taken over. */
const LOCK_WAIT_LIMIT_MS = 15 * 60_000;
const COMPLETE_MARKER = '.complete';

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly ms: number;
}

export interface RunOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly input?: string;
  /** SIGKILL after this long; the result says `timedOut`. */
  readonly timeoutMs?: number;
}

export interface Venv {
  readonly dir: string;
  readonly python: string;
  /** True when this call built the venv (false: reused from the cache). */
  readonly built: boolean;
  run(args: readonly string[], options?: RunOptions): Promise<RunResult>;
}

export type VenvResult = { readonly ok: true; readonly venv: Venv } | { readonly ok: false; readonly skip: string };

/** Runs a program asynchronously (the stand-ins usually serve from this same process). */
export function runProgram(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, PYTHONUNBUFFERED: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolveRun({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        ms: Date.now() - started,
      });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Null when the package index answers; otherwise why not (the only reason a peer test may skip). */
export async function probeIndex(): Promise<string | null> {
  try {
    const response = await fetch(new URL('pip/', INDEX_URL), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.arrayBuffer();
    return response.ok ? null : `the package index ${INDEX_URL} answered ${response.status}`;
  } catch (error) {
    return `the package index ${INDEX_URL} cannot be reached (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Pins as `name==version` lines; comments and blank lines are dropped, anything unpinned is refused. */
export function parsePins(text: string): string[] {
  const pins = text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '');
  for (const pin of pins) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*==[A-Za-z0-9.+!_-]+$/.test(pin)) throw new Error(`not an exact pin: ${pin}`);
  }
  return pins.sort();
}

export async function readPins(file: string): Promise<string[]> {
  return parsePins(await readFile(file, 'utf8'));
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function venvHandle(dir: string, built: boolean): Venv {
  const python = join(dir, 'bin', 'python');
  return { dir, python, built, run: (args, options) => runProgram(python, args, options) };
}

function check(result: RunResult, what: string): void {
  if (result.code !== 0) {
    throw new Error(`${what} failed (exit ${String(result.code)}${result.timedOut ? ', timed out' : ''}):\n${result.stdout.slice(-2000)}${result.stderr.slice(-4000)}`);
  }
}

async function build(dir: string, pins: readonly string[]): Promise<void> {
  const scratch = `${dir}.build-${process.pid}`;
  await rm(scratch, { recursive: true, force: true });
  check(await runProgram(BASE_PYTHON, ['-m', 'venv', scratch], { timeoutMs: INSTALL_TIMEOUT_MS }), `${BASE_PYTHON} -m venv`);
  const requirements = join(scratch, 'requirements.txt');
  await writeFile(requirements, pins.join('\n') + '\n');
  // --no-deps: the pins are the whole closure, so nothing unpinned sneaks in.
  check(
    await runProgram(join(scratch, 'bin', 'python'), ['-m', 'pip', 'install', '--no-deps', '--no-input', '-q', '-r', requirements], {
      timeoutMs: INSTALL_TIMEOUT_MS,
    }),
    `pip install ${pins.join(' ')}`,
  );
  check(await runProgram(join(scratch, 'bin', 'python'), ['-m', 'pip', 'check'], { timeoutMs: 60_000 }), 'pip check');
  await writeFile(join(scratch, COMPLETE_MARKER), pins.join('\n') + '\n');
  // Moving a venv is fine as long as it is used through bin/python (console-script shebangs keep the old path).
  await rename(scratch, dir);
}

/** Where the venv for these pins lives: named by a hash of the interpreter's version and the sorted pins. */
export async function venvDir(name: string, pins: readonly string[], root: string = VENV_ROOT): Promise<string> {
  const version = await runProgram(BASE_PYTHON, ['-c', 'import sys; print(sys.version)']);
  check(version, `${BASE_PYTHON} --version`);
  const key = createHash('sha256').update(version.stdout).update('\0').update([...pins].sort().join('\n')).digest('hex').slice(0, 16);
  return join(root, `${name}-${key}`);
}

/**
 * The venv for `pins` (exact `name==version` lines covering every dependency), built on first use.
 * Resolves `{ ok: false, skip }` only when it must be built and the package index cannot be reached;
 * any other failure rejects.
 */
export async function pinnedVenv(name: string, pins: readonly string[], options: { readonly root?: string } = {}): Promise<VenvResult> {
  const root = options.root ?? VENV_ROOT;
  const dir = await venvDir(name, pins, root);
  const marker = join(dir, COMPLETE_MARKER);
  if (await exists(marker)) return { ok: true, venv: venvHandle(dir, false) };

  const unreachable = await probeIndex();
  if (unreachable !== null) return { ok: false, skip: unreachable };

  await mkdir(root, { recursive: true });
  const lock = `${dir}.lock`;
  const waitStarted = Date.now();
  for (;;) {
    if (await exists(marker)) return { ok: true, venv: venvHandle(dir, false) };
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => 'NaN'));
    const ownerGone = Number.isInteger(owner) && !pidAlive(owner);
    if (ownerGone || Date.now() - waitStarted > LOCK_WAIT_LIMIT_MS) {
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    await sleep(LOCK_POLL_MS);
  }
  try {
    await writeFile(join(lock, 'pid'), String(process.pid));
    if (await exists(marker)) return { ok: true, venv: venvHandle(dir, false) };
    await rm(dir, { recursive: true, force: true });
    await build(dir, pins);
    return { ok: true, venv: venvHandle(dir, true) };
  } finally {
    await rm(`${dir}.build-${process.pid}`, { recursive: true, force: true });
    await rm(lock, { recursive: true, force: true });
  }
}
