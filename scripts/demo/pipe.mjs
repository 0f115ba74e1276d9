// One sync as a user runs it: `tap-kustomer --config ... [--state ...] | target-synapse --config ...`, two
// processes joined by an OS pipe. The tap's stderr is read for progress (tap-log.mjs) and both stderr streams are
// kept in log files; the target's stdout (state lines) goes to states.jsonl, and its last line is the next state.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { TapTally } from './tap-log.mjs';

/** How long a side may take to stop after SIGTERM (the target loads what it received first) before SIGKILL. */
const STOP_GRACE_MS = 15_000;
/** The tap prints a progress line (with its record_count METRIC) this often; its default of 5 s is long for a demo. */
const TAP_PROGRESS_INTERVAL_MS = 1_000;

/**
 * @param {{
 *   root: string, dir: string, tapConfig: string, targetConfig: string, stateFile?: string,
 *   onProgress: (tally: TapTally) => void, signal: AbortSignal,
 *   onSpawn?: (pid: number) => void,
 * }} options
 */
export async function runPipe(options) {
  const { root, dir } = options;
  const tapArgs = ['--config', options.tapConfig, ...(options.stateFile === undefined ? [] : ['--state', options.stateFile])];
  const env = { ...process.env, TAP_KUSTOMER_PROGRESS_INTERVAL_MS: String(TAP_PROGRESS_INTERVAL_MS) };
  const tap = spawn(process.execPath, [join(root, 'packages/tap-kustomer/bin/tap-kustomer.js'), ...tapArgs], {
    cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const target = spawn(process.execPath, [join(root, 'packages/target-synapse/bin/target-synapse.js'), '--config', options.targetConfig], {
    cwd: dir, env, stdio: [tap.stdout, 'pipe', 'pipe'],
  });
  // The target holds the read end now. Closing this process's copy makes the pipe break when the target exits,
  // as in a shell pipe; kept open, a tap writing into a pipe no one reads would block forever.
  tap.stdout.destroy();
  for (const child of [tap, target]) if (child.pid !== undefined) options.onSpawn?.(child.pid);

  const tally = new TapTally();
  const tapLog = createWriteStream(join(dir, 'tap-kustomer.log'));
  const targetLog = createWriteStream(join(dir, 'target-synapse.log'));
  const tapLast = lastLines(tap.stderr, (line) => {
    tapLog.write(`${line}\n`);
    if (tally.add(line)) options.onProgress(tally);
  });
  const targetLast = lastLines(target.stderr, (line) => targetLog.write(`${line}\n`));
  /** @type {string[]} */
  const states = [];
  const statesDone = eachLine(target.stdout, (line) => { if (line.trim() !== '') states.push(line); });

  const stop = () => {
    for (const child of [tap, target]) terminate(child);
  };
  options.signal.addEventListener('abort', stop, { once: true });
  // Once the target has exited, the tap's records go nowhere: stop it rather than wait for it to notice.
  target.once('exit', () => terminate(tap));
  try {
    const [tapExit, targetExit] = await Promise.all([exited(tap), exited(target)]);
    await Promise.all([tapLast.done, targetLast.done, statesDone]);
    await Promise.all([close(tapLog), close(targetLog)]);
    await writeFile(join(dir, 'states.jsonl'), states.map((s) => `${s}\n`).join(''));
    const lastState = states.at(-1);
    return {
      tally,
      state: lastState === undefined ? undefined : JSON.parse(lastState),
      tap: { ...tapExit, lastError: tapLast.lastError() },
      target: { ...targetExit, lastError: targetLast.lastError() },
    };
  } finally {
    options.signal.removeEventListener('abort', stop);
  }
}

/** @param {import('node:child_process').ChildProcess} child */
function terminate(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  child.once('exit', () => clearTimeout(timer));
}

/** @param {import('node:child_process').ChildProcess} child @returns {Promise<{ code: number | null, signal: string | null }>} */
function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** @param {import('node:stream').Readable} stream @param {(line: string) => void} onLine */
function eachLine(stream, onLine) {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', onLine);
  return new Promise((resolve) => lines.once('close', resolve));
}

/** The last CRITICAL or ERROR line (the one-line error a failing program prints), else the last line. */
function lastLines(stream, onLine) {
  /** @type {string | undefined} */
  let lastError;
  let last;
  const done = eachLine(stream, (line) => {
    onLine(line);
    if (line.trim() === '') return;
    last = line;
    if (/ (CRITICAL|ERROR) /.test(line)) lastError = line.replace(/^\S+Z /, '');
  });
  return { done, lastError: () => lastError ?? last };
}

/** @param {import('node:fs').WriteStream} stream */
function close(stream) {
  return new Promise((resolve) => stream.end(resolve));
}
