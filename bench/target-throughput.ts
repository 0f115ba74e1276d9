// Throughput of target-synapse (issue 10 "Benchmarks"), every figure from this one run on one input file:
//  (a) staged files only (the real target with a loader that commits at once: read, parse, plan, CSV, gzip),
//      as a ratio to the bare floor (read + JSON.parse + flatten + CSV + gzip) on one thread and on two;
//  (b) end to end through the real CLI into synapse-sim via Azurite: records/s, the rows in every table, and the
//      share of the wall time the warehouse adds over (a);
//  (c) target-duckdb 0.8.0 from PyPI on the same file into DuckDB, the engine synapse-sim runs on: records/s,
//      rows, and (b)/(c).
// Peak RSS for each. Prints figures and ratios, never pass/fail.
// Usage (after building): node bench/target-throughput.mjs [--records 1000000] [--no-duckdb] [--no-e2e]
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startStandIns } from '../scripts/stand-ins.mjs';
import { pinnedVenv, readPins, REPO_ROOT } from '../test/support/python-venv.js';
import { floorOneThread, floorWorkers } from './target-throughput/floor.js';
import { duckdbCounts, runStagedOnly, runTargetDuckdb, runTargetSynapse } from './target-throughput/peers.js';
import { STREAM, writeInput } from './target-throughput/records.js';

const { values } = parseArgs({
  options: { records: { type: 'string', default: '1000000' }, 'no-duckdb': { type: 'boolean', default: false }, 'no-e2e': { type: 'boolean', default: false } },
});
const RECORDS = Number(values.records);
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
