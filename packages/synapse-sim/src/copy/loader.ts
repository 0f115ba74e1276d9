// executeCopyInto: the named sequence of one COPY INTO — parse, resolve the target, find the blobs, stage them as
// normalized CSV, read and convert them into a DuckDB stage (one pass: typed values plus each rejected row's error),
// enforce MAXERRORS, let the fault knob act, insert the good rows.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { BlobStoreSettings, CopyIntoHost } from '../contract.js';
import { openContainer } from './blob-container.js';
import { planColumns } from './column-plan.js';
import { notEmulated, parseRowError } from '../errors.js';
import { expandLocations } from './expand.js';
import { countRejectsSql, createStageSql, dropSql, firstRejectOverLimitSql, insertTargetSql } from './load-sql.js';
import { parseEndpoint, resolveLocations } from './locations.js';
import { parseCopyInto } from './parser.js';
import { stageFiles } from './stage-files.js';

const TEMP_PREFIX = 'synapse-sim-copy-';

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
  const stage = `__copy_stage_${randomUUID().replace(/-/g, '')}`;
  try {
    const csvPath = join(workDir, 'rows.csv');
    const layout = { ...options, fieldCount: plan.fieldCount, exactFieldCount: plan.exactFieldCount };
    const staged = await stageFiles(container, files, options, layout, csvPath);
    await host.runDuckdb(createStageSql(stage, plan, {
      csvPath, fieldCount: plan.fieldCount, maxRecordBytes: staged.maxRecordBytes, files, dateFormat: options.dateFormat,
    }));
    const rejected = await countRejects(host, stage);
    if (rejected > options.maxErrors) throw await rejectOverLimit(host, stage, options.maxErrors);
    host.beforeCopyCommit();
    return await host.runDuckdb(insertTargetSql(stage, target.duckdbName, plan, rejected > 0));
  } finally {
    await dropQuietly(host, stage);
    await rm(workDir, { recursive: true, force: true });
  }
}

async function countRejects(host: CopyIntoHost, stage: string): Promise<number> {
  const [row] = await host.queryDuckdb(countRejectsSql(stage));
  return Number(row?.[0] ?? 0);
}

/** MAXERRORS exceeded: the statement fails with the row that went over the limit (its own number and words). */
async function rejectOverLimit(host: CopyIntoHost, stage: string, maxErrors: number): Promise<Error> {
  const [row] = await host.queryDuckdb(firstRejectOverLimitSql(stage, maxErrors));
  const text = row?.[0];
  if (typeof text !== 'string') return new Error('COPY INTO: rejected rows were counted but none could be read back');
  return parseRowError(text);
}

async function dropQuietly(host: CopyIntoHost, table: string): Promise<void> {
  try {
    await host.runDuckdb(dropSql(table));
  } catch {
    // The session may be gone (an injected connection drop) or its transaction aborted; its temp tables go with it.
  }
}
