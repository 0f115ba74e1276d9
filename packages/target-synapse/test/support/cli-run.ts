// The target-synapse CLI as a user runs it, loading into synapse-sim through Azurite (the load harness's
// stand-ins): a config file written from the harness, Singer lines on stdin, stdout and stderr kept.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATABASE, PASSWORD, SCHEMA, USER, CONTAINER, type Harness } from '../load/harness.js';

export const TARGET_BIN = fileURLToPath(new URL('../../bin/target-synapse.js', import.meta.url));

export interface TargetRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout's lines, without the empty last one. */
  readonly stateLines: readonly string[];
}

/** Settings for synapse-sim and Azurite (schema `tap`, account-key auth, TLS off); `overrides` win. */
export function targetSettings(h: Harness, overrides: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    host: h.sim.host, port: h.sim.port, database: DATABASE, user: USER, password: PASSWORD,
    encrypt: false, trust_server_certificate: true, default_target_schema: SCHEMA,
    storage_account: h.azurite.accountName, container: CONTAINER, storage_account_key: h.azurite.accountKey,
    storage_endpoint: h.azurite.blobEndpoint, ...overrides,
  };
}

let configCounter = 0;
export async function writeTargetConfig(h: Harness, overrides: Readonly<Record<string, unknown>> = {}): Promise<string> {
  configCounter += 1;
  const path = join(h.dir, `target-${configCounter}.json`);
  await writeFile(path, JSON.stringify(targetSettings(h, overrides)));
  return path;
}

/** Starts the CLI with `--config` for the harness; the caller writes stdin (for kill tests and streaming). */
export async function spawnTarget(
  h: Harness, overrides: Readonly<Record<string, unknown>> = {}, args: readonly string[] = [], env: Readonly<Record<string, string>> = {},
): Promise<ChildProcessWithoutNullStreams> {
  const config = await writeTargetConfig(h, overrides);
  return spawn(process.execPath, [TARGET_BIN, '--config', config, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
}

export function collect(child: ChildProcessWithoutNullStreams): Promise<TargetRun> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({
    code, signal, stdout, stderr, stateLines: stdout.split('\n').filter((line) => line !== ''),
  })));
}

/** Runs the CLI to its end on `input` (Singer lines as objects, or raw text). */
export async function runTarget(h: Harness, input: readonly object[] | string, overrides: Readonly<Record<string, unknown>> = {}): Promise<TargetRun> {
  const child = await spawnTarget(h, overrides);
  const done = collect(child);
  child.stdin.on('error', () => undefined); // the target may exit (an input error) before reading everything
  child.stdin.end(typeof input === 'string' ? input : input.map((line) => `${JSON.stringify(line)}\n`).join(''));
  return done;
}
