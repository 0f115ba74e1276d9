// Drives the kustomer-synapse-sync CLI as a user runs it, in a config directory of its own, with the fake tap and
// target of fixtures/ (or the real ones). Spawned asynchronously: the tests' own stand-ins live in this process.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUNNER_BIN = fileURLToPath(new URL('../../bin/kustomer-synapse-sync.js', import.meta.url));
const FAKE_TAP = fileURLToPath(new URL('../fixtures/fake-tap.mjs', import.meta.url));
const FAKE_TARGET = fileURLToPath(new URL('../fixtures/fake-target.mjs', import.meta.url));

const quoted = (path: string): string => `'${path.replaceAll("'", "'\\''")}'`;
export const FAKE_TAP_COMMAND = `${quoted(process.execPath)} ${quoted(FAKE_TAP)}`;
export const FAKE_TARGET_COMMAND = `${quoted(process.execPath)} ${quoted(FAKE_TARGET)}`;
/** --tap and --target for the fakes. */
export const FAKES: readonly string[] = ['--tap', FAKE_TAP_COMMAND, '--target', FAKE_TARGET_COMMAND];

export interface Runner {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly closed: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
}

/** A config directory with tap.json and target.json (the fakes read their knobs from them); removed after the test. */
export function configDir(t: { teardown(fn: () => void): void }, tap: object = {}, target: object = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'sync-runner-'));
  writeFileSync(join(dir, 'tap.json'), JSON.stringify(tap));
  writeFileSync(join(dir, 'target.json'), JSON.stringify(target));
  t.teardown(() => {
    for (const pid of childPids(dir)) kill(pid);
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

export function startRunner(dir: string, args: readonly string[] = FAKES): Runner {
  const child = spawn(process.execPath, [RUNNER_BIN, '--config-dir', dir, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => stdout, stderr: () => stderr, closed };
}

/** Runs to the end. */
export async function runRunner(dir: string, args: readonly string[] = FAKES): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const runner = startRunner(dir, args);
  const end = await runner.closed;
  return { ...end, stdout: runner.stdout(), stderr: runner.stderr() };
}

/** What each fake tap run recorded: its pid, argv and the state it was given. */
export function tapRuns(dir: string): readonly { readonly pid: number; readonly argv: readonly string[]; readonly state: unknown }[] {
  const path = join(dir, 'tap-run.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { pid: number; argv: string[]; state: unknown });
}

/** Every pid the fake tap and target recorded in the directory. */
export function childPids(dir: string): readonly number[] {
  const targets = existsSync(join(dir, 'target-pids')) ? readFileSync(join(dir, 'target-pids'), 'utf8').split('\n').filter((line) => line !== '').map(Number) : [];
  return [...tapRuns(dir).map((run) => run.pid), ...targets];
}

/** Running: a process that exists and is not a zombie (an exited orphan that no init has reaped yet). */
export function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] !== 'Z';
  } catch {
    return false;
  }
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

/** The state text the fake target prints for bookmark value `value` (with the tap's padding). */
export function stateText(value: number, padBytes = 0): string {
  return JSON.stringify({ bookmarks: { s: { replication_key_value: value } }, ...(padBytes === 0 ? {} : { pad: 'x'.repeat(padBytes) }) });
}

export function readState(dir: string): string {
  return readFileSync(join(dir, 'state.json'), 'utf8');
}

/**
 * Ended by the signal, as a shell sees it: killed by it, or exit code 128 + its number. Under tap the second is
 * what happens: tap's process-info hook, loaded into every child, catches the runner's re-raised signal.
 */
export function endedBy(end: { readonly code: number | null; readonly signal: NodeJS.Signals | null }, signal: NodeJS.Signals): boolean {
  return end.signal === signal || end.code === 128 + constants.signals[signal];
}

export async function waitFor(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
