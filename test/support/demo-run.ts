// Runs `node scripts/demo.mjs` as a user does, watching which processes it starts, and checks that none of
// them, and none of the stand-ins' ports, outlives it.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';
import { alive, watchDescendants } from './process-tree.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Small enough for a test, large enough for the demo's updates (scripts/demo/updates.mjs). */
export const SCALE = 400;

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly pids: ReadonlySet<number>;
}

/** `detached` gives the demo a process group of its own, as a shell gives a foreground job. */
export function runDemo(dir: string, onStderr?: (text: string, pid: number) => void, detached = false): Promise<Run> {
  const child = spawn(process.execPath, [join(ROOT, 'scripts/demo.mjs')], {
    cwd: ROOT, env: { ...process.env, DEMO_SCALE: String(SCALE), DEMO_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'], detached,
  });
  const watch = watchDescendants(child.pid as number);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    onStderr?.(stderr, child.pid as number);
  });
  return new Promise((resolve) => child.once('close', (code, signal) => {
    watch.stop();
    resolve({ code, signal, stdout, stderr, pids: watch.seen });
  }));
}

/** The ports of the stand-ins, from the configs the demo wrote. */
export function standInPorts(dir: string): readonly number[] {
  const tap = JSON.parse(readFileSync(join(dir, 'tap-kustomer.json'), 'utf8')) as { base_url: string };
  const target = JSON.parse(readFileSync(join(dir, 'target-synapse.json'), 'utf8')) as { port: number; storage_endpoint: string };
  return [Number(new URL(tap.base_url).port), target.port, Number(new URL(target.storage_endpoint).port)];
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(true));
  });
}

export async function noneLeft(t: Test, run: Run, dir: string): Promise<void> {
  const left = [...run.pids].filter(alive);
  t.same(left, [], `none of the ${run.pids.size} processes the demo started is running`);
  for (const port of standInPorts(dir)) t.ok(await refused(port), `port ${port} of a stand-in is closed`);
}

