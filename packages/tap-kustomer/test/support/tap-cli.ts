// Drives the real CLI (`node packages/tap-kustomer/bin/tap-kustomer.js`) as a user would: config, catalog and state
// files in a temporary directory, stdout parsed as Singer messages, stderr kept as text. Also the expected data,
// read from kustomer-sim directly (not through search).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KindName, Sim } from '@kustomer-synapse/kustomer-sim';
import { KINDS_OF } from './sim-records.js';

const BIN = new URL('../../bin/tap-kustomer.js', import.meta.url).pathname;
const SCHEMAS = new URL('../../../../schemas/', import.meta.url);

export const SEARCH_STREAMS = ['customers', 'conversations', 'messages', 'notes', 'companies', 'kobjects'] as const;
export type SearchStream = (typeof SEARCH_STREAMS)[number];

export const KINDS = Object.fromEntries(SEARCH_STREAMS.map((stream) => [stream, KINDS_OF[stream] ?? []])) as Readonly<Record<SearchStream, readonly KindName[]>>;

export interface Message {
  readonly type: string;
  readonly stream?: string;
  readonly record?: Record<string, unknown>;
  readonly value?: State;
  readonly schema?: { readonly properties: Record<string, unknown> };
}

export interface State {
  readonly bookmarks: Record<string, { replication_key?: string; replication_key_value?: string } | string>;
  readonly currently_syncing?: string | null;
}

export interface TapRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly messages: readonly Message[];
  readonly stderr: string;
  readonly stdout: string;
}

export interface RunOptions {
  readonly state?: unknown;
  readonly catalog?: unknown;
  readonly args?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** SIGKILL the tap once this many complete stdout lines arrived; only those lines are kept (what a target saw). */
  readonly killAfterLines?: number;
  /** stdout is not Singer messages (--about, --version): keep it as text only. */
  readonly raw?: boolean;
}

export function tempDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'tap-kustomer-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function simConfig(sim: Sim, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    api_token: sim.apiToken, base_url: sim.url, start_date: '2020-01-01T00:00:00Z',
    max_requests_per_minute: 100_000, search_requests_per_minute: 100_000, ...extra,
  };
}

export const schemaFields = (stream: SearchStream): string[] =>
  Object.keys((JSON.parse(readFileSync(new URL(`${stream}.json`, SCHEMAS), 'utf8')) as { properties: Record<string, unknown> }).properties);

/** A catalog selecting these streams with every field, or without the fields named in `deselect`. */
export function searchCatalog(streams: readonly SearchStream[], deselect: readonly string[] = []): unknown {
  return {
    streams: streams.map((name) => {
      const schema = JSON.parse(readFileSync(new URL(`${name}.json`, SCHEMAS), 'utf8')) as { properties: Record<string, unknown> };
      return {
        tap_stream_id: name, stream: name, schema, key_properties: ['id'],
        metadata: [
          { breadcrumb: [], metadata: { selected: true, 'replication-key': 'updated_at', 'table-key-properties': ['id'] } },
          ...Object.keys(schema.properties).map((field) => ({
            breadcrumb: ['properties', field],
            metadata: field === 'id' || field === 'updated_at' ? { inclusion: 'automatic' } : { inclusion: 'available', selected: !deselect.includes(field) },
          })),
        ],
      };
    }),
  };
}

export async function runTap(dir: string, config: Record<string, unknown>, options: RunOptions = {}): Promise<TapRun> {
  const args = ['--config', write(dir, 'config.json', config)];
  if (options.catalog !== undefined) args.push('--catalog', write(dir, 'catalog.json', options.catalog));
  if (options.state !== undefined) args.push('--state', write(dir, 'state.json', options.state));
  args.push(...(options.args ?? []));
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  let killed = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    if (killed) return;
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (options.killAfterLines !== undefined && lines.length >= options.killAfterLines) {
        killed = true;
        child.kill('SIGKILL');
        return;
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  if (!killed && partial !== '') lines.push(partial);
  return { code, signal, messages: options.raw === true ? [] : lines.map((line) => JSON.parse(line) as Message), stderr, stdout: lines.join('\n') };
}

function write(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

export const recordsOf = (run: TapRun, stream: string): Record<string, unknown>[] =>
  run.messages.filter((m) => m.type === 'RECORD' && m.stream === stream).map((m) => m.record ?? {});

export const statesOf = (run: TapRun): State[] => run.messages.filter((m) => m.type === 'STATE').map((m) => m.value as State);

export const lastState = (run: TapRun): State | undefined => statesOf(run).at(-1);

/** The stderr lines at this level (INFO, WARNING, CRITICAL...), METRIC lines excluded. */
export const logLines = (run: TapRun, level: string): string[] =>
  run.stderr.split('\n').filter((line) => line.includes(` ${level} tap-kustomer: `) && !line.includes('METRIC: '));

export interface Expected {
  readonly id: string;
  readonly updatedAt: string;
}

/** What search serves for the stream now: every record of its kinds updated inside the 2-year horizon. */
export function expected(sim: Sim, stream: SearchStream, from?: string): Expected[] {
  const horizon = new Date(sim.clock.now());
  horizon.setUTCFullYear(horizon.getUTCFullYear() - 2);
  const lower = Math.max(horizon.getTime(), from === undefined ? 0 : Date.parse(from));
  const out: Expected[] = [];
  for (const kind of KINDS[stream]) {
    for (let i = 0; i < sim.count(kind); i++) {
      const record = sim.record(kind, i);
      const updatedAt = record.attributes['updatedAt'] as string;
      if (Date.parse(updatedAt) >= lower) out.push({ id: record.id, updatedAt });
    }
  }
  return out;
}

/** A seeded sequence in [0, 1) (mulberry32), for reproducible kill points. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
