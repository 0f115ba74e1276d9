// Issue 10 (d), bounded memory: one size per call, on fresh stand-ins whose synapse-sim holds every COPY INTO for
// a while (the latency knob), so the warehouse is the slow end and the target has to stop reading. The generator's
// lines are streamed into the real CLI's stdin (5,000,000 lines would be a 7 GB file), default nesting (two child
// tables); the result is the CLI's peak RSS (VmHWM) and the rows of every table checked against the input.
// The lines are made in this process, and synapse-sim's DuckDB runs here too: both take CPU from the same two cores
// as the CLI. That lowers records/s, not the CLI's peak RSS, which is the figure (d) asks for.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandIns } from '../../scripts/stand-ins.mjs';
import { runTargetSynapse } from './peers.js';
import { inputChunks, STREAM } from './records.js';

const SCHEMA = 'bench';
const COPY_INTO = /^\s*COPY\s+INTO\b/i;

export interface RssRun {
  readonly records: number;
  readonly seconds: number;
  readonly peakRssMb: number;
  /** The peak memory the CLI's own summary line reports (process.resourceUsage().maxRSS). */
  readonly summaryPeakMb: number;
  /** Rows per table, in table-name order. */
  readonly rows: readonly (readonly [string, number])[];
  /** Why the run does not count: the CLI's exit, or a table without every record's rows. */
  readonly failure?: string;
}

/** Rows each table must hold for `records` input records: every conversation has 2 channels and 3 events. */
const expectedRows = (records: number): ReadonlyMap<string, number> =>
  new Map([[STREAM, records], [`${STREAM}__channels`, 2 * records], [`${STREAM}__events`, 3 * records]]);

function missingRows(records: number, rows: readonly (readonly [string, number])[]): string | undefined {
  const found = new Map(rows);
  const wrong = [...expectedRows(records)]
    .filter(([table, n]) => found.get(table) !== n)
    .map(([table, n]) => `${table} has ${found.get(table)?.toLocaleString('en-US') ?? 'no table and no'} rows, expected ${n.toLocaleString('en-US')}`);
  return wrong.length === 0 ? undefined : wrong.join('; ');
}

export async function runRss(records: number, copyDelayMs: number): Promise<RssRun> {
  const dir = await mkdtemp(join(tmpdir(), 'target-rss-'));
  const standIns = await startStandIns({
    kustomer: { scale: 1 }, databaseFile: join(dir, 'synapse-sim.duckdb'),
    synapseFaults: { slowStatementMs: copyDelayMs, slowStatementPattern: COPY_INTO },
  });
  try {
    const run = await runTargetSynapse({ chunks: inputChunks(records) }, { ...standIns.targetConfig, default_target_schema: SCHEMA }, dir);
    const tables = await standIns.tables(SCHEMA);
    const rows = await Promise.all(tables.map(async (table) => [table, await standIns.rowCount(table, SCHEMA)] as const));
    const failure = run.code !== 0 ? `target-synapse exited ${run.code}: ${run.stderrTail}` : missingRows(records, rows);
    return { records, seconds: run.seconds, peakRssMb: run.peakRssMb, summaryPeakMb: run.summaryPeakMb, rows, ...(failure === undefined ? {} : { failure }) };
  } finally {
    await standIns.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
