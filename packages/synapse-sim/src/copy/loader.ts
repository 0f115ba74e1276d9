// executeCopyInto: the named sequence of one COPY INTO — parse, resolve the target, find the blobs, stage them as
// normalized CSV, read them into DuckDB as VARCHAR, reject bad rows (MAXERRORS), let the fault knob act, insert.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SqlServerError, type BlobStoreSettings, type CopyIntoHost } from '../contract.js';
import { openContainer } from './blob-container.js';
import { planColumns } from './column-plan.js';
import { notEmulated } from './errors.js';
import { expandLocations } from './expand.js';
import {
  createRejectsSql, createStageSql, dropSql, insertRejectsSql, insertTargetSql, raiseRejectSql, REJECT_MARKER, type StageNames,
} from './load-sql.js';
import { parseEndpoint, resolveLocations } from './locations.js';
import { parseCopyInto } from './parser.js';
import { stageFiles } from './stage-files.js';

const TEMP_PREFIX = 'synapse-sim-copy-';
const REJECT_PATTERN = new RegExp(`${REJECT_MARKER}(\\d+)\\|([^\\n]*)`);

/** Runs one COPY INTO statement; resolves to the number of rows loaded. Rejects with SqlServerError. */
export async function executeCopyInto(statementText: string, host: CopyIntoHost, blobStore: BlobStoreSettings): Promise<number> {
  const statement = parseCopyInto(statementText);
  const { options } = statement;
  if (options.errorFile !== undefined) throw notEmulated('ERRORFILE');
  const target = host.resolveTable(statement.table);
  const plan = planColumns(target.columns, statement.columns);
  const endpoint = parseEndpoint(blobStore.blobEndpoint);
  const locations = resolveLocations(statement.locations, endpoint);
  const container = openContainer(endpoint, locations[0]?.container ?? '', options.credential);
  const files = await expandLocations(container, locations);

  const workDir = await mkdtemp(join(tmpdir(), TEMP_PREFIX));
  const id = randomUUID().replace(/-/g, '');
  const names: StageNames = { stage: `__copy_stage_${id}`, rejects: `__copy_rejects_${id}` };
  try {
    const csvPath = join(workDir, 'rows.csv');
    const layout = { ...options, fieldCount: plan.fieldCount, exactFieldCount: plan.exactFieldCount };
    const staged = await stageFiles(container, files, options, layout, csvPath);
    await host.runDuckdb(createStageSql(names, csvPath, plan.fieldCount, staged.maxRecordBytes));
    await host.runDuckdb(createRejectsSql(names));
    const rejected = await host.runDuckdb(insertRejectsSql(names, plan, files, options.dateFormat));
    if (rejected > options.maxErrors) await raiseRejected(host, names, options.maxErrors);
    host.beforeCopyCommit();
    return await host.runDuckdb(insertTargetSql(names, target.duckdbName, plan, options.dateFormat, rejected > 0));
  } finally {
    await dropQuietly(host, names.stage);
    await dropQuietly(host, names.rejects);
    await rm(workDir, { recursive: true, force: true });
  }
}

/** MAXERRORS exceeded: the statement fails with the row that went over the limit (its own number and words). */
async function raiseRejected(host: CopyIntoHost, names: StageNames, maxErrors: number): Promise<never> {
  try {
    await host.runDuckdb(raiseRejectSql(names, maxErrors));
  } catch (error) {
    const match = error instanceof Error ? REJECT_PATTERN.exec(error.message) : null;
    if (match !== null) throw new SqlServerError(Number(match[1]), match[2] ?? '');
    throw error;
  }
  throw new Error('COPY INTO: rejected rows were counted but none could be reported');
}

async function dropQuietly(host: CopyIntoHost, table: string): Promise<void> {
  try {
    await host.runDuckdb(dropSql(table));
  } catch {
    // The session may be gone (an injected connection drop) or its transaction aborted; its temp tables go with it.
  }
}
