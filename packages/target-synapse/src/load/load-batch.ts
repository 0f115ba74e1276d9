// The load of one batch as a named sequence that reads top to bottom (STYLE.md 7, DESIGN.md 4):
// upload parts -> create stages -> COPY INTO stages -> dedupe -> BEGIN TRAN; delete + insert (or MERGE) the
// parent and its children; COMMIT -> drop stages -> delete blobs. Each step is its own function so that
// issue 10 can retry from the step that is safe to repeat (a COPY into a fresh stage, the whole transaction).
import type { Logger } from '@kustomer-synapse/singer';
import type { ChildTablePlan, StreamPlan, TablePlan } from '../plan/types.js';
import type { Batch, LoadMethod, LoadResult } from './loader.js';
import type { BlobStore } from './blob-store.js';
import * as sql from './sql.js';
import { TerminalLoadError } from './sql-errors.js';
import type { SqlSession } from './sql-runner.js';
import { formatStagedFile } from './staged-file.js';

export type UpsertStrategy = 'delete-insert' | 'merge';

export interface LoadSettings {
  readonly loadMethod: LoadMethod;
  readonly upsertStrategy: UpsertStrategy;
  readonly keepStagedFiles: boolean;
}

export interface LoadContext {
  readonly session: SqlSession;
  readonly blobs: BlobStore;
  readonly loadId: string;
  readonly settings: LoadSettings;
  readonly log: Logger;
}

/** One table of the batch with its staged blobs and temp table names. */
export interface StagedTable {
  readonly plan: TablePlan;
  readonly child?: ChildTablePlan;
  readonly blobs: readonly string[];
  /** Rows in the local files; a table with none is not copied. */
  readonly rows: number;
  readonly stage: string;
  readonly deduped: string;
}

/** Runs the whole sequence; the stages are dropped whatever happens, the blobs only after COMMIT. */
export async function loadBatch(ctx: LoadContext, batch: Batch): Promise<LoadResult> {
  const started = Date.now();
  const step = <T>(name: string, work: () => Promise<T>): Promise<T> => timed(ctx, batch, name, work);
  const tables = await step('upload', () => uploadParts(ctx, batch));
  let staged = 0;
  try {
    await step('create stages', () => createStages(ctx, tables));
    staged = await step('copy into stages', () => copyIntoStages(ctx, tables));
    const deduped = await step('dedupe', () => dedupe(ctx, batch.plan, tables));
    await step('upsert transaction', () => upsertInTransaction(ctx, batch, tables, deduped));
  } finally {
    await step('drop stages', () => dropStages(ctx, tables));
  }
  if (!ctx.settings.keepStagedFiles) await step('delete blobs', () => deleteBlobs(ctx, tables));
  return { rowsLoaded: staged, milliseconds: Date.now() - started };
}

/** Each step's duration at debug level: where a batch's time goes (issue 10 measures the warehouse's share). */
async function timed<T>(ctx: LoadContext, batch: Batch, name: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  // The start too, so a log shows which step a killed or hung run was in.
  if (ctx.log.enabled('debug')) ctx.log.debug(`stream ${batch.plan.stream} batch ${batch.sequence}: ${name} started`);
  try {
    return await work();
  } finally {
    if (ctx.log.enabled('debug')) ctx.log.debug(`stream ${batch.plan.stream} batch ${batch.sequence}: ${name} took ${Date.now() - started} ms`);
  }
}

/** Every part file of every table goes to Blob under its formatStagedFile name. */
export async function uploadParts(ctx: LoadContext, batch: Batch): Promise<readonly StagedTable[]> {
  const plans: readonly (readonly [TablePlan, ChildTablePlan | undefined])[] = [
    [batch.plan.root, undefined], ...batch.plan.children.map((c) => [c, c] as const),
  ];
  const result: StagedTable[] = [];
  for (const [plan, child] of plans) {
    const files = batch.files.filter((f) => f.table === plan.name);
    const blobs: string[] = [];
    for (const [part, file] of files.entries()) {
      if (file.rows === 0) continue;
      const name = formatStagedFile({ loadId: ctx.loadId, table: plan.name, sequence: batch.sequence, part });
      await ctx.blobs.upload(name, file.path);
      blobs.push(name);
    }
    result.push({
      plan, ...(child === undefined ? {} : { child }), blobs,
      rows: files.reduce((n, f) => n + f.rows, 0),
      stage: sql.tempTableName(`stg${batch.sequence}`, plan.name),
      deduped: sql.tempTableName(`dd${batch.sequence}`, plan.name),
    });
  }
  const stray = batch.files.filter((f) => !result.some((t) => t.plan.name === f.table));
  if (stray.length > 0) throw new TerminalLoadError(`batch ${batch.sequence} of stream ${batch.plan.stream} has files for tables its plan does not have: ${stray.map((f) => f.table).join(', ')}`);
  return result;
}

/** DDL, outside any transaction (research/synapse.md 1.7). A stage left by a failed attempt is dropped first. */
export async function createStages(ctx: LoadContext, tables: readonly StagedTable[]): Promise<void> {
  for (const table of tables) {
    await ctx.session.run(sql.dropTempTable(table.stage));
    await ctx.session.run(sql.createStage(table.stage, table.plan));
  }
}

/** One COPY INTO per table that has rows; returns the rows staged. A refused credential becomes one clear line. */
export async function copyIntoStages(ctx: LoadContext, tables: readonly StagedTable[]): Promise<number> {
  let rows = 0;
  for (const table of tables) {
    if (table.blobs.length === 0) continue;
    const statement = sql.copyIntoStage(table.stage, table.plan, table.blobs.map((b) => ctx.blobs.locationOf(b)), ctx.blobs.copyCredential);
    try {
      rows += (await ctx.session.run(statement)).rowsAffected;
    } catch (error) {
      throw copyFailure(table.plan, error);
    }
  }
  return rows;
}

/** Synapse reads the files itself, so a credential it refuses fails here even when the uploads worked. */
const COPY_CANNOT_READ = 105215;

function copyFailure(table: TablePlan, error: unknown): unknown {
  if (!(error instanceof TerminalLoadError) || error.number !== COPY_CANNOT_READ) return error;
  const cause = error.message.replace(/ \(in: .*\)$/, '');
  return new TerminalLoadError(
    `COPY INTO for table ${table.schema}.${table.name} could not read the staged files: ${cause}; check that storage_auth's credential lets Synapse read and list the container`,
    error.number, { cause: error },
  );
}

/** Does this table's batch need the last row per key? Only an upsert of a keyed stream. */
function dedupes(ctx: LoadContext, plan: StreamPlan): boolean {
  return ctx.settings.loadMethod !== 'append-only' && plan.root.keyColumns.length > 0;
}

/** The root stage deduped into its own temp table (CTAS: DDL, so before the transaction). */
export async function dedupe(ctx: LoadContext, plan: StreamPlan, tables: readonly StagedTable[]): Promise<string | undefined> {
  const root = tables[0];
  if (root === undefined || !dedupes(ctx, plan)) return undefined;
  await ctx.session.run(sql.dropTempTable(root.deduped));
  await ctx.session.run(sql.dedupeStage(root.stage, root.deduped, root.plan));
  return root.deduped;
}

/** Everything the batch changes in the target tables, in one transaction, parents before children. */
export async function upsertInTransaction(ctx: LoadContext, batch: Batch, tables: readonly StagedTable[], deduped: string | undefined): Promise<void> {
  const statements = upsertStatements(ctx, batch, tables, deduped);
  await ctx.session.run(sql.beginTransaction);
  try {
    for (const statement of statements) await ctx.session.run(statement);
    await ctx.session.run(sql.commitTransaction);
  } catch (error) {
    await rollback(ctx);
    throw error;
  }
}

/** The transaction's statements, pure: which ones depends on the load method, the keys and the strategy. */
export function upsertStatements(ctx: Pick<LoadContext, 'settings' | 'log'>, batch: Batch, tables: readonly StagedTable[], deduped: string | undefined): readonly sql.Statement[] {
  const [root, ...children] = tables;
  if (root === undefined) return [];
  const replace = ctx.settings.loadMethod === 'overwrite' && batch.replaceContents;
  const out: sql.Statement[] = [];
  if (replace) for (const t of tables) out.push(sql.deleteAll(t.plan.schema, t.plan.name));
  if (deduped === undefined) {
    for (const t of tables) out.push(sql.insertFrom(t.plan, t.stage));
    return out;
  }
  if (ctx.settings.upsertStrategy === 'merge' && root.plan.distribution.kind === 'hash' && !replace) {
    out.push(sql.mergeInto(root.plan, deduped));
  } else {
    if (ctx.settings.upsertStrategy === 'merge' && !replace) ctx.log.warning(`table ${root.plan.name} is not HASH-distributed, so MERGE cannot insert into it; using DELETE + INSERT`);
    if (!replace) out.push(sql.deleteMatching(root.plan, deduped));
    out.push(sql.insertFrom(root.plan, deduped));
  }
  for (const t of children) {
    const child = t.child;
    if (child === undefined) continue;
    if (!replace) out.push(sql.deleteChildrenOf(child, root.plan.keyColumns, deduped));
    out.push(sql.insertChildrenOfWinners(child, t.stage, deduped));
  }
  return out;
}

/** 111214 means Synapse already rolled back (research/synapse.md 1.7); any other rollback failure is logged. */
async function rollback(ctx: LoadContext): Promise<void> {
  try {
    await ctx.session.run(sql.rollbackIfOpen);
  } catch (error) {
    ctx.log.debug(`rollback after a failed transaction: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Best effort: the session's end drops temp tables anyway; a failure here must not hide the load's own error. */
export async function dropStages(ctx: LoadContext, tables: readonly StagedTable[]): Promise<void> {
  for (const table of tables) {
    for (const name of [table.stage, table.deduped]) {
      try {
        await ctx.session.run(sql.dropTempTable(name));
      } catch (error) {
        ctx.log.debug(`could not drop ${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

/** After COMMIT only: until then a retry needs the files. */
export async function deleteBlobs(ctx: LoadContext, tables: readonly StagedTable[]): Promise<void> {
  await ctx.blobs.delete(tables.flatMap((t) => t.blobs));
}
