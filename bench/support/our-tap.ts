// Runs our tap-kustomer CLI against a kustomer-sim for the benchmarks: the selected streams from the shipped
// catalog.json, RECORD lines counted as they stream (never held), distinct ids kept, peak RSS sampled from /proc.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sim } from '@kustomer-synapse/kustomer-sim';

const BIN = new URL('../../packages/tap-kustomer/bin/tap-kustomer.js', import.meta.url).pathname;
const CATALOG = new URL('../../catalog.json', import.meta.url);

export interface OurRun {
  readonly records: number;
  readonly distinct: number;
  readonly recordsByStream: Readonly<Record<string, number>>;
  readonly ms: number;
  readonly peakRssMb: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface OurRunOptions {
  readonly streams: readonly string[];
  readonly startDate: string;
  /** More tap settings (rate budgets, page size). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** SIGKILL the tap after this long (a run that would take longer than the bench wants to wait). */
  readonly killAfterMs?: number;
  /** Extra node flags for the tap process (e.g. `--cpu-prof`). */
  readonly nodeFlags?: readonly string[];
}

interface CatalogFile {
  readonly streams: { readonly tap_stream_id: string; readonly metadata: { readonly breadcrumb: readonly string[]; readonly metadata: Record<string, unknown> }[] }[];
}

async function catalogSelecting(streams: readonly string[]): Promise<CatalogFile> {
  const catalog = JSON.parse(await readFile(CATALOG, 'utf8')) as CatalogFile;
  for (const stream of catalog.streams) {
    for (const entry of stream.metadata) if (entry.breadcrumb.length === 0) entry.metadata['selected'] = streams.includes(stream.tap_stream_id);
  }
  return catalog;
}

export async function runOurs(sim: Sim, options: OurRunOptions): Promise<OurRun> {
  const dir = await mkdtemp(join(tmpdir(), 'tap-bench-'));
  try {
    const config = join(dir, 'config.json');
    const catalog = join(dir, 'catalog.json');
    await writeFile(config, JSON.stringify({ api_token: sim.apiToken, base_url: sim.url, start_date: options.startDate, ...options.settings }));
    await writeFile(catalog, JSON.stringify(await catalogSelecting(options.streams)));
    const started = performance.now();
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), BIN, '--config', config, '--catalog', catalog], { stdio: ['ignore', 'pipe', 'ignore'], cwd: dir });
    const killer = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    let peakKb = 0;
    const sampler = setInterval(() => {
      readFile(`/proc/${child.pid}/status`, 'utf8').then((status) => {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
        if (hwm?.[1] !== undefined) peakKb = Math.max(peakKb, Number(hwm[1]));
      }, () => undefined);
    }, 50);
    let records = 0;
    let tail = '';
    const ids = new Set<string>();
    const byStream: Record<string, number> = {};
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (tail + chunk).split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{"type":"RECORD"')) continue;
        records++;
        const stream = /^\{"type":"RECORD","stream":"([a-z_]+)"/.exec(line)?.[1] ?? '?';
        byStream[stream] = (byStream[stream] ?? 0) + 1;
        const id = /"id":"([0-9a-f]{24})"/.exec(line)?.[1];
        if (id !== undefined) ids.add(`${stream}/${id}`);
      }
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    clearInterval(sampler);
    clearTimeout(killer);
    return { records, distinct: ids.size, recordsByStream: byStream, ms: performance.now() - started, peakRssMb: Math.round(peakKb / 1024), code, signal };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
