// Throughput of our tap-kustomer against the published singer-io tap-kustomer 1.1.0 in the same run (issue 8
// "Speed"): conversations only, no latency, both against kustomer-sim with budgets too large to matter. Figures:
// records/s and requests per 10,000 records for each; our wall time at 50 ms latency; our peak RSS at two sizes
// (it must not grow with the record count). Prints figures, never pass/fail.
// Usage (after building): node bench/tap-throughput.mjs [--records 100000] [--singer-seconds 120] [--no-singer]
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { start, type Sim } from '@kustomer-synapse/kustomer-sim';
import { runTapKustomer, tapKustomerVenv } from '../test/peers/tap-kustomer-harness.js';

const { values } = parseArgs({
  options: { records: { type: 'string', default: '100000' }, 'singer-seconds': { type: 'string', default: '120' }, 'no-singer': { type: 'boolean', default: false } },
});
const RECORDS = Number(values.records);
const BIN = new URL('../packages/tap-kustomer/bin/tap-kustomer.js', import.meta.url).pathname;
const SCHEMA = new URL('../schemas/conversations.json', import.meta.url);
/** About a fifth of kustomer-sim's history lies past the 2-year horizon: scale up so search serves RECORDS. */
const HORIZON_SHARE = 0.8;
const START_DATE = '2020-01-01T00:00:00Z';

interface OurRun {
  readonly records: number;
  readonly distinct: number;
  readonly ms: number;
  readonly peakRssMb: number;
  readonly code: number | null;
}

async function simFor(records: number, latencyMs = 0): Promise<Sim> {
  return start({ seed: 100, scale: Math.ceil(records / HORIZON_SHARE), frozenClock: true, requestLog: true, latencyMs, rateLimits: { orgPerMinute: 1e9, searchPerMinute: 1e9 } });
}

/** Runs our CLI on conversations; counts RECORD lines as they stream (never holding them) and samples RSS. */
async function runOurs(sim: Sim): Promise<OurRun> {
  const dir = await mkdtemp(join(tmpdir(), 'tap-throughput-'));
  try {
    const config = join(dir, 'config.json');
    const catalog = join(dir, 'catalog.json');
    await writeFile(config, JSON.stringify({ api_token: sim.apiToken, base_url: sim.url, start_date: START_DATE, max_requests_per_minute: 1e9, search_requests_per_minute: 1e9 }));
    const schema = JSON.parse(await readFile(SCHEMA, 'utf8')) as unknown;
    await writeFile(catalog, JSON.stringify({ streams: [{ tap_stream_id: 'conversations', stream: 'conversations', schema, metadata: [{ breadcrumb: [], metadata: { selected: true } }] }] }));
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, '--config', config, '--catalog', catalog], { stdio: ['ignore', 'pipe', 'ignore'] });
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
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (tail + chunk).split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{"type":"RECORD"')) continue;
        records++;
        const id = /"id":"([0-9a-f]{24})"/.exec(line)?.[1];
        if (id !== undefined) ids.add(id);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(sampler);
    return { records, distinct: ids.size, ms: performance.now() - started, peakRssMb: Math.round(peakKb / 1024), code };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const searches = (sim: Sim): number => sim.requestLog.filter((entry) => entry.path === '/v1/customers/search').length;
const perSecond = (records: number, ms: number): number => Math.round((records * 1000) / ms);
const per10k = (requests: number, records: number): number => Math.round((requests * 10_000 * 10) / Math.max(1, records)) / 10;

const report: Record<string, unknown> = { records: RECORDS };

{
  const sim = await simFor(RECORDS);
  try {
    const ours = await runOurs(sim);
    report['ours'] = { exitCode: ours.code, records: ours.records, distinct: ours.distinct, seconds: Math.round(ours.ms / 100) / 10, recordsPerSecond: perSecond(ours.records, ours.ms), searchRequests: searches(sim), requestsPer10kRecords: per10k(searches(sim), ours.records), peakRssMb: ours.peakRssMb };
  } finally {
    await sim.stop();
  }
}

if (!values['no-singer']) {
  const venv = await tapKustomerVenv();
  if (!venv.ok) {
    report['singerIo'] = { skipped: venv.skip };
  } else {
    const sim = await simFor(RECORDS);
    try {
      const run = await runTapKustomer(venv.venv, sim, START_DATE, Number(values['singer-seconds']) * 1000, ['conversations']);
      const distinct = new Set(run.records.map((message) => String(message.record.id))).size;
      report['singerIo'] = {
        exitCode: run.result.code, timedOut: run.result.timedOut, records: run.records.length, distinct, seconds: Math.round(run.result.ms / 100) / 10,
        recordsPerSecond: perSecond(run.records.length, run.result.ms), distinctPerSecond: perSecond(distinct, run.result.ms),
        searchRequests: searches(sim), requestsPer10kDistinctRecords: per10k(searches(sim), distinct),
      };
      const ours = report['ours'] as { recordsPerSecond: number };
      report['speedup'] = Math.round((ours.recordsPerSecond / Math.max(1, perSecond(distinct, run.result.ms))) * 10) / 10;
    } finally {
      await sim.stop();
    }
  }
}

{
  const sim = await simFor(RECORDS, 50);
  try {
    const ours = await runOurs(sim);
    report['oursAt50msLatency'] = { records: ours.records, seconds: Math.round(ours.ms / 100) / 10, searchRequests: searches(sim), recordsPerSecond: perSecond(ours.records, ours.ms) };
  } finally {
    await sim.stop();
  }
}

{
  const small = Math.round(RECORDS / 4);
  const sim = await simFor(small);
  try {
    const ours = await runOurs(sim);
    report['peakRssMbBySize'] = { [small]: ours.peakRssMb, [RECORDS]: (report['ours'] as { peakRssMb: number }).peakRssMb };
  } finally {
    await sim.stop();
  }
}

console.log(JSON.stringify(report, null, 2));
