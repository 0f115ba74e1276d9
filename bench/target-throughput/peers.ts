// The loaders the benchmark runs as child processes on the same input: our staged-only program, the real
// target-synapse CLI into synapse-sim through Azurite (from the file, or from lines streamed into its stdin), and
// target-duckdb from PyPI into a DuckDB file.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Venv } from '../../test/support/python-venv.js';
import { watchPeakRss } from './peak-rss.js';

export interface LoaderRun {
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly code: number | null;
  readonly stderrTail: string;
}

const STAGED_ONLY = fileURLToPath(new URL('./staged-only.mjs', import.meta.url));
const TARGET_BIN = fileURLToPath(new URL('../../packages/target-synapse/bin/target-synapse.js', import.meta.url));

/** What a child reads on stdin: a file, or text chunks made as it reads them (pipe() waits for it to drain). */
export type Stdin = { readonly file: string } | { readonly chunks: Iterable<string> };

function runChild(command: string, args: readonly string[], input: Stdin | undefined, env: NodeJS.ProcessEnv = process.env): Promise<LoaderRun & { stdout: string; stderr: string }> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], env });
  const peak = watchPeakRss(child);
  if (input !== undefined && child.stdin) {
    // A child that dies mid-input breaks the pipe (EPIPE); its exit code reports that, so the bench must not crash.
    child.stdin.on('error', () => undefined);
    ('file' in input ? createReadStream(input.file) : Readable.from(input.chunks)).pipe(child.stdin);
  }
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-200_000)));
  return new Promise((resolve) => child.once('close', (code) => resolve({
    code, stdout, stderr, seconds: (performance.now() - started) / 1000, peakRssMb: peak(), stderrTail: stderr.slice(-1_500),
  })));
}

export async function runStagedOnly(input: string): Promise<LoaderRun & { records: number }> {
  const run = await runChild(process.execPath, [STAGED_ONLY, input], undefined);
  const line = run.stdout.trim().split('\n').pop() ?? '{}';
  const parsed = JSON.parse(line) as { records?: number; seconds?: number };
  return { ...run, records: parsed.records ?? 0, seconds: parsed.seconds ?? run.seconds };
}

/**
 * The real CLI, with --input for a file and on stdin for chunks; `loadingSeconds` is the summed load time and
 * `summaryPeakMb` the peak memory its own summary line reports (NaN when it printed none).
 */
export async function runTargetSynapse(input: string | { readonly chunks: Iterable<string> }, settings: object, dir: string): Promise<LoaderRun & { loadingSeconds: number; summaryPeakMb: number }> {
  const config = join(dir, 'target-synapse.json');
  await writeFile(config, JSON.stringify(settings));
  const args = [TARGET_BIN, '--config', config, ...(typeof input === 'string' ? ['--input', input] : [])];
  const run = await runChild(process.execPath, args, typeof input === 'string' ? undefined : input);
  // Progress lines repeat every 30 s with the running total; the last one is the run's.
  const loading = [...run.stderr.matchAll(/in ([\d.]+) s of loading/g)].at(-1);
  const peak = /peak memory (\d+) MB/.exec(run.stderr);
  return { ...run, loadingSeconds: loading ? Number(loading[1]) : Number.NaN, summaryPeakMb: peak ? Number(peak[1]) : Number.NaN };
}

export async function runTargetDuckdb(venv: Venv, input: string, dir: string): Promise<LoaderRun & { database: string }> {
  const database = join(dir, 'target-duckdb.duckdb');
  const config = join(dir, 'target-duckdb.json');
  await writeFile(config, JSON.stringify({ filepath: database, default_target_schema: 'bench' }));
  // Through bin/python: console-script shebangs keep the path the venv was built at (python-venv.ts).
  const run = await runChild(venv.python, ['-c', 'import target_duckdb; target_duckdb.main()', '--config', config], { file: input });
  return { ...run, database };
}

/** Row counts of every table in a DuckDB file's schema. */
export async function duckdbCounts(database: string, schema: string): Promise<Record<string, number>> {
  const instance = await DuckDBInstance.create(database, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const tables = await connection.runAndReadAll(`SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema}' ORDER BY 1`);
    const counts: Record<string, number> = {};
    for (const [name] of tables.getRows()) {
      const result = await connection.runAndReadAll(`SELECT count(*) FROM "${schema}"."${String(name)}"`);
      counts[String(name)] = Number(result.getRows()[0]?.[0] ?? 0);
    }
    return counts;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
