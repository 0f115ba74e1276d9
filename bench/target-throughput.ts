// Throughput of target-synapse (issue 10 "Benchmarks"), every figure from this one run on one input file:
//  (a) staged files only (the real target with a loader that commits at once: read, parse, plan, CSV, gzip),
//      as a ratio to the bare floor (read + JSON.parse + flatten + CSV + gzip) on one thread and on two;
//  (b) end to end through the real CLI into synapse-sim via Azurite: records/s, the rows in every table, and the
//      share of the wall time the warehouse adds over (a);
//  (c) target-duckdb 0.8.0 from PyPI on the same file into DuckDB, the engine synapse-sim runs on: records/s,
//      rows, and (b)/(c);
//  (d) only with --rss (it is long): bounded memory, the real CLI at each size with COPY INTO slowed down and the
//      input streamed to its stdin (bench/target-throughput/rss.ts): records/s, peak RSS, the rows in every table,
//      and the ratio of the largest to the smallest peak RSS (goal under 1.20x). A failed run prints FAILED and
//      makes the bench exit 1.
// Peak RSS for each. Prints figures and ratios; (a) to (c) never pass/fail.
// Usage (after building): node bench/target-throughput.mjs [--records 1000000] [--no-duckdb] [--no-e2e]
//   [--rss [1000000,5000000]] [--copy-delay-ms 1000]
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startStandIns } from '../scripts/stand-ins.mjs';
import { pinnedVenv, readPins, REPO_ROOT } from '../test/support/python-venv.js';
import { floorOneThread, floorWorkers } from './target-throughput/floor.js';
import { duckdbCounts, runStagedOnly, runTargetDuckdb, runTargetSynapse } from './target-throughput/peers.js';
import { writeInput } from './target-throughput/records.js';
import { runRss, type RssRun } from './target-throughput/rss.js';

const RSS_SIZES = '1000000,5000000';
// parseArgs has no optional values: a bare --rss (last, or before another flag) means the issue's two sizes.
const argv = process.argv.slice(2);
const rssAt = argv.indexOf('--rss');
if (rssAt >= 0 && (argv[rssAt + 1] === undefined || argv[rssAt + 1]!.startsWith('--'))) argv.splice(rssAt + 1, 0, RSS_SIZES);
const { values } = parseArgs({
  args: argv,
  options: {
    records: { type: 'string', default: '1000000' }, 'no-duckdb': { type: 'boolean', default: false }, 'no-e2e': { type: 'boolean', default: false },
    rss: { type: 'string' }, 'copy-delay-ms': { type: 'string', default: '1000' },
  },
});
const RECORDS = Number(values.records);
const rssSizes = values.rss?.split(',').map(Number) ?? [];
const COPY_DELAY_MS = Number(values['copy-delay-ms']);
if (rssSizes.some((n) => !Number.isInteger(n) || n <= 0) || !(COPY_DELAY_MS >= 0)) {
  throw new Error(`--rss takes record counts separated by commas (got ${values.rss}), --copy-delay-ms a number of ms`);
}
const CACHE = join(REPO_ROOT, '.bench', 'target-throughput');

const rate = (records: number, seconds: number): string => `${Math.round(records / seconds).toLocaleString('en-US')} records/s`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
const mb = (n: number): string => `${Math.round(n)} MB`;

async function input(): Promise<string> {
  await mkdir(CACHE, { recursive: true });
  const path = join(CACHE, `conversations-${RECORDS}.jsonl`);
  const existing = await stat(path).catch(() => undefined);
  if (existing === undefined) {
    const bytes = await writeInput(`${path}.tmp`, RECORDS);
    await import('node:fs/promises').then((fs) => fs.rename(`${path}.tmp`, path));
    console.log(`input: wrote ${RECORDS.toLocaleString('en-US')} records, ${(bytes / RECORDS).toFixed(0)} bytes per line, ${path}`);
  } else {
    console.log(`input: ${RECORDS.toLocaleString('en-US')} records, ${(existing.size / RECORDS).toFixed(0)} bytes per line (cached), ${path}`);
  }
  return path;
}

const path = await input();
const one = await floorOneThread(path);
console.log(`floor, one thread:   ${rate(RECORDS, one.seconds)} (${one.seconds.toFixed(1)} s)`);
const two = await floorWorkers(path, 2);
console.log(`floor, two threads:  ${rate(RECORDS, two.seconds)} (${two.seconds.toFixed(1)} s)`);

const staged = await runStagedOnly(path);
if (staged.code !== 0 || staged.records !== RECORDS) console.log(`(a) staged-only FAILED (exit ${staged.code}, ${staged.records} records): ${staged.stderrTail}`);
console.log(`(a) staged only:     ${rate(RECORDS, staged.seconds)} (${staged.seconds.toFixed(1)} s), peak RSS ${mb(staged.peakRssMb)}; ` +
  `${ratio(one.seconds, staged.seconds)} of the one-thread floor, ${ratio(two.seconds, staged.seconds)} of the two-thread floor (goal 0.7x)`);

let ours: number | undefined;
if (!values['no-e2e']) {
  const dir = await mkdtemp(join(tmpdir(), 'target-throughput-'));
  const standIns = await startStandIns({ kustomer: { scale: 1 }, databaseFile: join(dir, 'synapse-sim.duckdb') });
  try {
    const run = await runTargetSynapse(path, { ...standIns.targetConfig, default_target_schema: 'bench' }, dir);
    const tables = await standIns.tables('bench');
    const counts = await Promise.all(tables.map(async (table) => `${table} ${(await standIns.rowCount(table, 'bench')).toLocaleString('en-US')}`));
    if (run.code !== 0) console.log(`(b) target-synapse FAILED (exit ${run.code}): ${run.stderrTail}`);
    ours = RECORDS / run.seconds;
    const share = Math.max(0, 1 - staged.seconds / run.seconds);
    console.log(`(b) end to end:      ${rate(RECORDS, run.seconds)} (${run.seconds.toFixed(1)} s), peak RSS ${mb(run.peakRssMb)}; ` +
      `the warehouse adds ${(share * 100).toFixed(0)}% of the wall time over (a); loads took ${run.loadingSeconds.toFixed(1)} s summed over parallel loads`);
    console.log(`    rows: ${counts.join(', ')}`);
  } finally {
    await standIns.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (!values['no-duckdb']) {
  const venv = await pinnedVenv('target-duckdb', await readPins(join(REPO_ROOT, 'bench/requirements/target-duckdb.txt')));
  if (!venv.ok) {
    console.log(`(c) target-duckdb skipped: ${venv.skip}`);
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'target-duckdb-'));
    try {
      const run = await runTargetDuckdb(venv.venv, path, dir);
      if (run.code !== 0) console.log(`(c) target-duckdb FAILED (exit ${run.code}): ${run.stderrTail}`);
      const counts = run.code === 0 ? await duckdbCounts(run.database, 'bench') : {};
      console.log(`(c) target-duckdb:   ${rate(RECORDS, run.seconds)} (${run.seconds.toFixed(1)} s), peak RSS ${mb(run.peakRssMb)}`);
      console.log(`    rows: ${Object.entries(counts).map(([table, n]) => `${table} ${n.toLocaleString('en-US')}`).join(', ')}`);
      if (ours !== undefined) console.log(`(b)/(c): ${ratio(ours, RECORDS / run.seconds)} (goal 4x)`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

if (rssSizes.length > 0) {
  console.log(`(d) bounded memory: COPY INTO slowed by ${COPY_DELAY_MS} ms, the input streamed to the CLI's stdin, fresh stand-ins per size`);
  const runs: RssRun[] = [];
  for (const records of rssSizes) {
    const run = await runRss(records, COPY_DELAY_MS);
    const size = `${records.toLocaleString('en-US')} records`;
    if (run.failure !== undefined) {
      console.log(`    ${size} FAILED: ${run.failure}`);
      process.exitCode = 1;
    } else {
      runs.push(run);
    }
    const summary = Number.isNaN(run.summaryPeakMb) ? 'no summary from the CLI' : `${mb(run.summaryPeakMb)} in the CLI's summary`;
    console.log(`    ${size}: ${rate(records, run.seconds)} (${run.seconds.toFixed(1)} s), peak RSS ${mb(run.peakRssMb)} (VmHWM; ${summary})`);
    console.log(`      rows: ${run.rows.map(([table, n]) => `${table} ${n.toLocaleString('en-US')}`).join(', ') || 'no tables'}`);
  }
  if (runs.length > 1) {
    const peaks = runs.map((run) => run.peakRssMb);
    console.log(`    peak RSS, largest / smallest: ${ratio(Math.max(...peaks), Math.min(...peaks))} (goal under 1.20x)`);
  }
}
