/**
 * Runs the published singer-io tap-kustomer (pinned, in a venv) against a kustomer-sim: discover, select
 * every stream, sync. Shared by the acceptance test and the tie benchmark.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinnedVenv, readPins, REPO_ROOT, type RunResult, type Venv, type VenvResult } from '../support/python-venv.js';

const PINS = join(REPO_ROOT, 'test/peers/requirements/tap-kustomer.txt');
const WRAPPER = join(REPO_ROOT, 'test/peers/python/run_tap_kustomer.py');

/** The nine streams of tap-kustomer 1.1.0 (tap_kustomer/streams.py). */
export const TAP_STREAMS = ['customers', 'kobjects', 'conversations', 'messages', 'users', 'teams', 'tags', 'shortcuts', 'notes'] as const;
export type TapStream = (typeof TAP_STREAMS)[number];

export const tapKustomerVenv = async (): Promise<VenvResult> => pinnedVenv('tap-kustomer', await readPins(PINS));

export interface SingerRecord {
  readonly type: 'RECORD';
  readonly stream: string;
  readonly record: { readonly id?: unknown; readonly updated_at?: unknown };
}

export interface TapRun {
  readonly result: RunResult;
  readonly records: readonly SingerRecord[];
  readonly lines: number;
}

interface CatalogEntry {
  readonly tap_stream_id: string;
  readonly metadata: { readonly breadcrumb: readonly string[]; metadata: Record<string, unknown> }[];
}

export interface TapTarget {
  readonly url: string;
  readonly apiToken: string;
}

/** Singer messages from the tap's stdout; a line that is not JSON is an error (it would be for a target too). */
export function parseSinger(stdout: string): { records: SingerRecord[]; lines: number } {
  const records: SingerRecord[] = [];
  const lines = stdout.split('\n').filter((line) => line !== '');
  for (const line of lines) {
    const message = JSON.parse(line) as { type?: unknown };
    if (message.type === 'RECORD') records.push(message as SingerRecord);
  }
  return { records, lines: lines.length };
}

/** Syncs `streams` (default: all nine) from `startDate`; the run is killed after `timeoutMs`. */
export async function runTapKustomer(
  venv: Venv,
  sim: TapTarget,
  startDate: string,
  timeoutMs: number,
  streams: readonly TapStream[] = TAP_STREAMS,
): Promise<TapRun> {
  const dir = await mkdtemp(join(tmpdir(), 'tap-kustomer-'));
  try {
    const env = { KUSTOMER_API_HOST: sim.url };
    const config = join(dir, 'config.json');
    // user_agent is read with config['user_agent'] (tap_kustomer/__init__.py), so it must be present.
    await writeFile(config, JSON.stringify({ api_token: sim.apiToken, start_date: startDate, user_agent: 'kustomer-synapse peer test' }));
    const discovered = await venv.run([WRAPPER, '--config', config, '--discover'], { env, timeoutMs: 60_000 });
    if (discovered.code !== 0) throw new Error(`tap-kustomer --discover failed:\n${discovered.stderr.slice(-4000)}`);
    const catalog = JSON.parse(discovered.stdout) as { streams: CatalogEntry[] };
    const wanted = new Set<string>(streams);
    for (const stream of catalog.streams) {
      for (const entry of stream.metadata) if (entry.breadcrumb.length === 0) entry.metadata['selected'] = wanted.has(stream.tap_stream_id);
    }
    const catalogFile = join(dir, 'catalog.json');
    await writeFile(catalogFile, JSON.stringify(catalog));
    const result = await venv.run([WRAPPER, '--config', config, '--catalog', catalogFile], { env, timeoutMs });
    // A killed run may end mid-line; keep the complete lines.
    const complete = result.timedOut ? result.stdout.slice(0, result.stdout.lastIndexOf('\n') + 1) : result.stdout;
    return { result, ...parseSinger(complete) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
