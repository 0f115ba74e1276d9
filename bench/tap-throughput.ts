// Throughput of our tap-kustomer against the published singer-io tap-kustomer 1.1.0 in the same run (issue 8
// "Speed"): conversations only, no latency, both against kustomer-sim with budgets too large to matter.
// The comparison runs both taps on the same input, one without ties longer than a search page (kustomer-sim
// `longTies: false`): on the default data singer-io's tap loops on such a tie for ever (bench/tap-kustomer-ties), so
// there is nothing to time. Figures: records/s, distinct records/s, searches and all requests per 10,000 distinct
// records for each, and the ratio; our tap on the default data (with its long ties), at 50 ms latency, and its peak
// RSS at two sizes (it must not grow with the record count). Prints figures, never pass/fail.
// Usage (after building): node bench/tap-throughput.mjs [--records 100000] [--singer-seconds 600] [--no-singer] [--cpu-prof DIR]
import { parseArgs } from 'node:util';
import { start, type Sim } from '@kustomer-synapse/kustomer-sim';
import { runTapKustomer, tapKustomerVenv } from '../test/peers/tap-kustomer-harness.js';
import { runOurs, type OurRun } from './support/our-tap.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    'singer-seconds': { type: 'string', default: '600' },
    'no-singer': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});
const RECORDS = Number(values.records);
/** About a fifth of kustomer-sim's history lies past the 2-year horizon: scale up so search serves RECORDS. */
const HORIZON_SHARE = 0.8;
const START_DATE = '2020-01-01T00:00:00Z';
const UNLIMITED = { max_requests_per_minute: 1e9, search_requests_per_minute: 1e9 };

interface Input {
  readonly records: number;
  readonly latencyMs?: number;
  readonly longTies?: boolean;
}

async function simFor(input: Input): Promise<Sim> {
  return start({ seed: 100, scale: Math.ceil(input.records / HORIZON_SHARE), frozenClock: true, requestLog: true, latencyMs: input.latencyMs ?? 0, longTies: input.longTies ?? true, rateLimits: { orgPerMinute: 1e9, searchPerMinute: 1e9 } });
}

interface Requests {
  readonly searches: number;
  /** Every API request the simulator answered (searches, and whatever else a tap asks). */
  readonly all: number;
}

async function ours(input: Input, nodeFlags: readonly string[] = []): Promise<{ run: OurRun; requests: Requests }> {
  const sim = await simFor(input);
  try {
    const run = await runOurs(sim, { streams: ['conversations'], startDate: START_DATE, settings: UNLIMITED, nodeFlags });
    return { run, requests: requestsOf(sim) };
  } finally {
    await sim.stop();
  }
}

const requestsOf = (sim: Sim): Requests => ({
  searches: sim.requestLog.filter((entry) => entry.path === '/v1/customers/search').length,
  all: sim.requestLog.filter((entry) => entry.path.startsWith('/v1/')).length,
});
const perSecond = (records: number, ms: number): number => Math.round((records * 1000) / ms);
const per10k = (requests: number, records: number): number => Math.round((requests * 10_000 * 10) / Math.max(1, records)) / 10;
const seconds = (ms: number): number => Math.round(ms / 100) / 10;
const requestFigures = (requests: Requests, distinct: number) => ({
  searchRequests: requests.searches, searchesPer10kRecords: per10k(requests.searches, distinct),
  requests: requests.all, requestsPer10kRecords: per10k(requests.all, distinct),
});
const figures = ({ run, requests }: { run: OurRun; requests: Requests }) => ({
  exitCode: run.code, records: run.records, distinct: run.distinct, seconds: seconds(run.ms), recordsPerSecond: perSecond(run.records, run.ms),
  distinctPerSecond: perSecond(run.distinct, run.ms), ...requestFigures(requests, run.distinct), peakRssMb: run.peakRssMb,
});

const report: Record<string, unknown> = { records: RECORDS };
const noLongTies: Input = { records: RECORDS, longTies: false };

const fair = figures(await ours(noLongTies, values['cpu-prof'] === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`]));
report['sameInputNoLongTies'] = { ours: fair };
if (!values['no-singer']) {
  const venv = await tapKustomerVenv();
  if (!venv.ok) {
    report['sameInputNoLongTies'] = { ours: fair, singerIo: { skipped: venv.skip } };
  } else {
    const sim = await simFor(noLongTies);
    try {
      const run = await runTapKustomer(venv.venv, sim, START_DATE, Number(values['singer-seconds']) * 1000, ['conversations']);
      const distinct = new Set(run.records.map((message) => String(message.record.id))).size;
      const singerIo = {
        exitCode: run.result.code, timedOut: run.result.timedOut, records: run.records.length, distinct, seconds: seconds(run.result.ms),
        recordsPerSecond: perSecond(run.records.length, run.result.ms), distinctPerSecond: perSecond(distinct, run.result.ms),
        ...requestFigures(requestsOf(sim), distinct),
      };
      report['sameInputNoLongTies'] = {
        ours: fair,
        singerIo,
        ratioRecordsPerSecond: Math.round((fair.recordsPerSecond / Math.max(1, singerIo.recordsPerSecond)) * 10) / 10,
        ratioDistinctPerSecond: Math.round((fair.distinctPerSecond / Math.max(1, singerIo.distinctPerSecond)) * 10) / 10,
      };
    } finally {
      await sim.stop();
    }
  }
}

const defaultData = figures(await ours({ records: RECORDS }));
report['oursDefaultData'] = defaultData;
const latency = await ours({ records: RECORDS, latencyMs: 50 });
report['oursAt50msLatency'] = { records: latency.run.records, seconds: seconds(latency.run.ms), searchRequests: latency.requests.searches, recordsPerSecond: perSecond(latency.run.records, latency.run.ms) };
const small = Math.round(RECORDS / 4);
report['peakRssMbBySize'] = { [small]: (await ours({ records: small })).run.peakRssMb, [RECORDS]: defaultData.peakRssMb };

console.log(JSON.stringify(report, null, 2));
