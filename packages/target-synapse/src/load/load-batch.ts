// The load of one batch as a named sequence that reads top to bottom (STYLE.md 7, DESIGN.md 4):
// upload parts -> create stages -> COPY INTO stages -> dedupe -> BEGIN TRAN; delete + insert (or MERGE) the
// parent and its children and the ledger row; COMMIT -> drop stages -> delete blobs. Each step is its own
// function, and a transient failure is retried from the step that is safe to repeat (issue 10).
import { PermissionError, type Logger } from '@kustomer-synapse/singer';
import type { ChildTablePlan, StreamPlan, TablePlan } from '../plan/types.js';
import type { Batch, LoadMethod, LoadResult } from './loader.js';
import type { BlobStore } from './blob-store.js';
import * as sql from './sql.js';
import { CommitOutcomeUnknown, TerminalLoadError, TransientLoadError, answered } from './sql-errors.js';
import type { SqlResult, SqlSession } from './sql-runner.js';
import { withRetries, type RetryContext } from './retry.js';
import { formatStagedFile } from './staged-file.js';

export type UpsertStrategy = 'delete-insert' | 'merge';

export interface LoadSettings {
  readonly loadMethod: LoadMethod;
  readonly upsertStrategy: UpsertStrategy;
  readonly keepStagedFiles: boolean;
}

export interface LoadContext {
  /** A new connection: the stages of a batch live on one, and a dropped one takes them along. */
  readonly connect: () => Promise<SqlSession>;
  readonly blobs: BlobStore;
  readonly loadId: string;
  readonly settings: LoadSettings;
  readonly log: Logger;
  readonly retry: RetryContext;
  /** Makes sure the batch ledger exists in the schema (once per run and schema). */
  readonly ensureLedger: (session: SqlSession, schema: string) => Promise<void>;
  readonly now: () => Date;
}

/** The SQL steps' context: one live session. */
type SessionContext = LoadContext & { readonly session: SqlSession };

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

/**
 * Runs the whole sequence. Each upload is retried on its own. The SQL steps are retried from the step that is
 * safe to repeat: on a live connection the transaction alone (its stages are still there), after a lost
 * connection everything from a fresh stage on a new one. A COMMIT whose reply was lost is looked up in the
 * ledger first, so a committed batch is never applied twice. Blobs are deleted only after COMMIT.
 */
export async function loadBatch(ctx: LoadContext, batch: Batch): Promise<LoadResult> {
  const started = Date.now();
  const step = <T>(name: string, work: () => Promise<T>): Promise<T> => timed(ctx, batch, name, work);
  const tables = await step('upload', () => uploadParts(ctx, batch));
  const rows = await commitWithRetries(ctx, batch, tables);
  if (!ctx.settings.keepStagedFiles) {
    await step('delete blobs', () => withRetries(ctx.retry, `deleting the staged files of ${describeBatch(batch)}`, () => deleteBlobs(ctx, tables)));
  }
  return { rowsLoaded: rows, milliseconds: Date.now() - started };
}

function describeBatch(batch: Batch): string {
  return `batch ${batch.sequence} of stream ${batch.plan.stream}`;
}

export function ledgerKey(ctx: Pick<LoadContext, 'loadId'>, batch: Batch): sql.LedgerKey {
  return { schema: batch.plan.root.schema, loadId: ctx.loadId, table: batch.plan.root.name, sequence: batch.sequence };
}

/** The stages of one connection, once created, copied and deduped. */
interface Staged {
  readonly rows: number;
  readonly deduped: string | undefined;
}

async function commitWithRetries(ctx: LoadContext, batch: Batch, tables: readonly StagedTable[]): Promise<number> {
  const key = ledgerKey(ctx, batch);
  let session: SqlSession | undefined;
  let staged: Staged | undefined;
  let rows = 0;
  let outcomeUnknown = false;
  const discard = async (): Promise<void> => {
    const dead = session;
    session = undefined;
    staged = undefined;
    await dead?.close().catch(() => undefined);
  };
  try {
    return await withRetries(ctx.retry, describeBatch(batch), async () => {
      session ??= await ctx.connect();
      const sctx: SessionContext = { ...ctx, session };
      const step = <T>(name: string, work: () => Promise<T>): Promise<T> => timed(ctx, batch, name, work);
      if (outcomeUnknown) {
        if (await step('look up the lost commit', () => batchCommitted(sctx, key))) {
          ctx.log.info(`${describeBatch(batch)} was committed before its connection was lost; not applying it again`);
          return rows;
        }
        outcomeUnknown = false;
      }
      if (staged === undefined) {
        await ctx.ensureLedger(session, key.schema);
        await step('create stages', () => createStages(sctx, tables));
        const copied = await step('copy into stages', () => copyIntoStages(sctx, tables));
        staged = { rows: copied, deduped: await step('dedupe', () => dedupe(sctx, batch.plan, tables)) };
        rows = copied;
      }
      await step('upsert transaction', () => upsertInTransaction(sctx, batch, tables, staged!.deduped, sql.recordBatch(key, batch.plan.stream, rows, ctx.now().toISOString())));
      return rows;
    }, {
      beforeRetry: async (error) => {
        if (error instanceof CommitOutcomeUnknown) outcomeUnknown = true;
        if (!answered(error) || session?.closed !== false) await discard();
      },
    });
  } finally {
    if (session !== undefined) {
      await timed(ctx, batch, 'drop stages', () => dropStages({ ...ctx, session: session! }, tables));
      await session.close();
    }
  }
}

/**
 * A statement outside the transaction: one that failed with an answer (40501, 1205) did nothing, so it runs
 * again on the same connection; a lost connection goes up to commitWithRetries, which starts on a new one.
 */
async function runAlone(ctx: SessionContext, statement: sql.Statement): Promise<SqlResult> {
  return withRetries(ctx.retry, 'a statement outside the transaction', () => ctx.session.run(statement), { retryable: answered });
}

/** Each step's duration at debug level: where a batch's time goes (issue 10 measures the warehouse's share). */
async function timed<T>(ctx: Pick<LoadContext, 'log'>, batch: Batch, name: string, work: () => Promise<T>): Promise<T> {
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
      await withRetries(ctx.retry, `uploading ${name}`, () => ctx.blobs.upload(name, file.path));
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
export async function createStages(ctx: SessionContext, tables: readonly StagedTable[]): Promise<void> {
  for (const table of tables) {
    await runAlone(ctx, sql.dropTempTable(table.stage));
    await runAlone(ctx, sql.createStage(table.stage, table.plan));
  }
}

/** One COPY INTO per table that has rows; returns the rows staged. A refused credential becomes one clear line. */
export async function copyIntoStages(ctx: SessionContext, tables: readonly StagedTable[]): Promise<number> {
  let rows = 0;
  for (const table of tables) {
    if (table.blobs.length === 0) continue;
    const statement = sql.copyIntoStage(table.stage, table.plan, table.blobs.map((b) => ctx.blobs.locationOf(b)), ctx.blobs.copyCredential);
    try {
      rows += (await runAlone(ctx, statement)).rowsAffected;
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
  // The uploads worked with this credential, so what is missing is Synapse's permission to read: one line for
  // the user, never retried.
  return new PermissionError(
    `COPY INTO for table ${table.schema}.${table.name} could not read the staged files: ${cause}; check that storage_auth's credential lets Synapse read and list the container`,
    { cause: error },
  );
}

/** Does this table's batch need the last row per key? Only an upsert of a keyed stream. */
function dedupes(ctx: Pick<LoadContext, 'settings'>, plan: StreamPlan): boolean {
  return ctx.settings.loadMethod !== 'append-only' && plan.root.keyColumns.length > 0;
}

/** The root stage deduped into its own temp table (CTAS: DDL, so before the transaction). */
export async function dedupe(ctx: SessionContext, plan: StreamPlan, tables: readonly StagedTable[]): Promise<string | undefined> {
  const root = tables[0];
  if (root === undefined || !dedupes(ctx, plan)) return undefined;
  await runAlone(ctx, sql.dropTempTable(root.deduped));
  await runAlone(ctx, sql.dedupeStage(root.stage, root.deduped, root.plan));
  return root.deduped;
}

/**
 * Everything the batch changes in the target tables, in one transaction, parents before children, and the
 * batch's ledger row last. A COMMIT that got no answer may have committed: CommitOutcomeUnknown says so.
 */
export async function upsertInTransaction(ctx: SessionContext, batch: Batch, tables: readonly StagedTable[], deduped: string | undefined, ledgerRow: sql.Statement): Promise<void> {
  const statements = [...upsertStatements(ctx, batch, tables, deduped), ledgerRow];
  await ctx.session.run(sql.beginTransaction);
  try {
    for (const statement of statements) await ctx.session.run(statement);
  } catch (error) {
    await rollback(ctx);
    throw error;
  }
  try {
    await ctx.session.run(sql.commitTransaction);
  } catch (error) {
    if (error instanceof TransientLoadError && error.number === undefined) {
      throw new CommitOutcomeUnknown(`the connection was lost at COMMIT of ${describeBatch(batch)}: ${error.message}`, { cause: error });
    }
    await rollback(ctx);
    throw error;
  }
}

/** Is the batch's ledger row there? Asked on a new connection after a COMMIT whose answer was lost. */
export async function batchCommitted(ctx: SessionContext, key: sql.LedgerKey): Promise<boolean> {
  return (await runAlone(ctx, sql.confirmBatch(key))).rowsAffected > 0;
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

/**
 * 111214 means Synapse already rolled back (research/synapse.md 1.7), hence the guard. A rollback that still
 * fails leaves the session in a state nobody knows: it is closed, so the retry starts on a new connection.
 */
async function rollback(ctx: SessionContext): Promise<void> {
  try {
    await runAlone(ctx, sql.rollbackIfOpen);
  } catch (error) {
    ctx.log.debug(`rollback after a failed transaction: ${error instanceof Error ? error.message : String(error)}`);
    await ctx.session.close().catch(() => undefined);
  }
}

/** Best effort: the session's end drops temp tables anyway; a failure here must not hide the load's own error. */
export async function dropStages(ctx: SessionContext, tables: readonly StagedTable[]): Promise<void> {
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
