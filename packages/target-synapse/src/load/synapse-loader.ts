// The Loader (loader.ts) for a Synapse dedicated SQL pool: a thin orchestrator over the SQL runner, the blob
// store and the load sequence. It executes what plan/ decided and decides no policy itself.
import { randomBytes } from 'node:crypto';
import type { Logger } from '@kustomer-synapse/singer';
import type { LiveTable, StreamPlan, TableChange } from '../plan/types.js';
import { createBlobStore, type BlobStore, type HeldLease, type StorageOptions } from './blob-store.js';
import { LEDGER_RETENTION_MS, rebuildRepairs, removeAbandonedFiles } from './restart-hygiene.js';
import { formatRunMarker, stagedFolder } from './staged-file.js';
import { Semaphore } from './semaphore.js';
import { describeTables } from './describe.js';
import { loadBatch, type UpsertStrategy } from './load-batch.js';
import type { Batch, LoadMethod, LoadResult, Loader } from './loader.js';
import * as sql from './sql.js';
import { LoadFailedError, TerminalLoadError, TransientLoadError, answered } from './sql-errors.js';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryContext, type RetryPolicy } from './retry.js';
import { createSqlConnector, type SqlConnectionOptions, type SqlConnector, type SqlSession } from './sql-runner.js';

export interface SynapseLoaderOptions {
  /** host, port, database, auth (password | azure-default | service-principal), encrypt, trustServerCertificate. */
  readonly connection: SqlConnectionOptions;
  /** account, container, kind (blob | adls), auth (sas | key | identity), endpoint. */
  readonly storage: StorageOptions;
  readonly loadMethod: LoadMethod;
  readonly upsertStrategy: UpsertStrategy;
  /** ACTIVATE_VERSION deletes older rows (true) or sets `_sdc_deleted_at` on them (false). */
  readonly hardDelete: boolean;
  readonly keepStagedFiles: boolean;
  /** Loads running at once, each on its own connection. */
  readonly maxParallelism: number;
  readonly log: Logger;
  /** Names this run's staged blobs (`[A-Za-z0-9-]`); default: the start time and 6 random hex digits. */
  readonly loadId?: string;
  /** The clock for `_sdc_deleted_at` and the ledger; tests pin it. */
  readonly now?: () => Date;
  /** Retries of a step that failed with a transient error; default DEFAULT_RETRY_POLICY. */
  readonly retry?: RetryPolicy;
}

/** Marks this run's staged folder as live, then deletes what runs that are gone left behind (restart-hygiene.ts). */
export async function createSynapseLoader(options: SynapseLoaderOptions): Promise<Loader> {
  const blobs = createBlobStore(options.storage);
  const connector = createSqlConnector(options.connection, options.log);
  const loadId = options.loadId ?? newLoadId();
  let lease: HeldLease | undefined;
  try {
    lease = await blobs.holdLease(formatRunMarker(loadId));
  } catch (error) {
    options.log.warning(`other runs cannot tell this run is alive, so they leave its staged files for an hour: ${error instanceof Error ? error.message : String(error)}`);
  }
  await removeAbandonedFiles(blobs, loadId, options.log, (options.now ?? (() => new Date()))());
  return new SynapseLoader(options, connector, blobs, loadId, lease);
}

export function newLoadId(now: Date = new Date()): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

class SynapseLoader implements Loader {
  private readonly slots: Semaphore;
  private readonly retry: RetryContext;
  private readonly now: () => Date;
  private readonly ledgers = new Map<string, Promise<void>>();
  private readonly ledgerSchemas = new Set<string>();

  constructor(
    private readonly options: SynapseLoaderOptions,
    private readonly connector: SqlConnector,
    private readonly blobs: BlobStore,
    private readonly loadId: string,
    private readonly lease: HeldLease | undefined,
  ) {
    this.slots = new Semaphore(Math.max(1, options.maxParallelism));
    this.retry = { policy: options.retry ?? DEFAULT_RETRY_POLICY, log: options.log };
    this.now = options.now ?? (() => new Date());
  }

  /** A rebuild that a killed run left half done is finished first (restart-hygiene.ts), so no table seems missing. */
  describe(schema: string, tables: readonly string[]) {
    return this.withSession(`reading the tables of schema ${schema}`, async (session) => {
      const sides = tables.flatMap((t) => Object.values(sql.rebuildNames(t)));
      const live = await describeTables(session, schema, [...tables, ...sides]);
      const repairs = rebuildRepairs(schema, tables, live);
      if (repairs.length === 0) return pick(live, tables);
      for (const repair of repairs) {
        this.options.log.info(`finishing a rebuild an earlier run left half done: ${repair.why}`);
        for (const statement of repair.statements) await session.run(statement);
      }
      return describeTables(session, schema, tables);
    });
  }

  /** Each change retried on its own; a retry first checks whether the lost attempt already made it. */
  async apply(changes: readonly TableChange[]): Promise<void> {
    for (const change of changes) {
      const what = `schema change: ${describeChange(change)}`;
      this.options.log.info(what);
      await this.withSession(what, async (session, attempt) => {
        if (attempt > 1 && await alreadyApplied(session, change)) return;
        for (const statement of await statementsFor(session, change)) await session.run(statement);
      });
    }
  }

  /**
   * One connection per load at a time: the stages are temp tables of that session (research/synapse.md 1.12).
   * A load that cannot be done, after retries, ends the run with one line naming the stream.
   */
  load(batch: Batch): Promise<LoadResult> {
    return this.slots.run(async () => {
      let result: LoadResult;
      try {
        result = await loadBatch({
          connect: () => this.connector.connect(), blobs: this.blobs, loadId: this.loadId, log: this.options.log,
          settings: { loadMethod: this.options.loadMethod, upsertStrategy: this.options.upsertStrategy, keepStagedFiles: this.options.keepStagedFiles },
          retry: this.retry, ensureLedger: (session, schema) => this.ensureLedger(session, schema), now: this.now,
        }, batch);
      } catch (error) {
        throw asLoadFailure(`stream ${batch.plan.stream}: batch ${batch.sequence} could not be loaded`, error);
      }
      this.options.log.info(`loaded batch ${batch.sequence} of stream ${batch.plan.stream}: ${result.rowsLoaded} rows staged in ${result.milliseconds} ms`);
      return result;
    });
  }

  /** Once per schema and run; concurrent runs may race to create it, so the check is in the statement. */
  private ensureLedger(session: SqlSession, schema: string): Promise<void> {
    const key = schema.toLowerCase();
    let done = this.ledgers.get(key);
    this.ledgerSchemas.add(schema);
    if (done === undefined) {
      done = withRetries(this.retry, `creating the batch ledger in schema ${schema}`, () => session.run(sql.createLedgerIfMissing(schema)), { retryable: answered }).then(() => undefined);
      this.ledgers.set(key, done);
      done.catch(() => this.ledgers.delete(key));
    }
    return done;
  }

  activateVersion(plan: StreamPlan, version: number): Promise<void> {
    const statements = activateVersionStatements(plan, version, this.options.hardDelete, this.now());
    if (statements.length === 0) {
      this.options.log.warning(`ACTIVATE_VERSION for stream ${plan.stream} ignored: table ${plan.root.name} has no ${sql.TABLE_VERSION_COLUMN} column (enable add_record_metadata)`);
      return Promise.resolve();
    }
    // Deleting (or marking) older versions again changes nothing more, so the transaction is safe to redo.
    return this.slots.run(() => this.withSession(`ACTIVATE_VERSION ${version} for stream ${plan.stream}`, async (session) => {
      await session.run(sql.beginTransaction);
      try {
        for (const statement of statements) await session.run(statement);
        await session.run(sql.commitTransaction);
      } catch (error) {
        await session.run(sql.rollbackIfOpen).catch(() => undefined);
        throw error;
      }
    }));
  }

  /**
   * After the last load: this run's ledger rows, and its staged files that a failed load kept for a retry,
   * go; then the lease. Each is best effort: what is left, the next run removes.
   */
  async close(): Promise<void> {
    await this.slots.drain();
    const log = this.options.log;
    const before = new Date(this.now().getTime() - LEDGER_RETENTION_MS).toISOString();
    for (const schema of this.ledgerSchemas) {
      // One attempt: after a failed run the warehouse may be what failed, and the next run prunes old rows too.
      try {
        const session = await this.connector.connect();
        try { await session.run(sql.forgetLedgerRows(schema, this.loadId, before)); } finally { await session.close(); }
      } catch (error) {
        log.warning(`could not remove this run's rows from ${schema}.${sql.LEDGER_TABLE}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const marker = formatRunMarker(this.loadId);
    const steps: readonly (readonly [string, () => Promise<void>])[] = [
      ...(this.options.keepStagedFiles ? [] : [['remove this run\'s staged files', async () => {
        await this.blobs.delete((await this.blobs.list(stagedFolder(this.loadId))).map((e) => e.name).filter((n) => n !== marker));
      }] as const]),
      ['release this run\'s lease', async () => { await this.lease?.release(); }],
    ];
    for (const [what, step] of steps) {
      await step().catch((error: unknown) => log.warning(`could not ${what}: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  /** `work` on a new connection per attempt, retried on transient errors; what still fails is one line. */
  private async withSession<T>(what: string, work: (session: SqlSession, attempt: number) => Promise<T>): Promise<T> {
    try {
      return await withRetries(this.retry, what, async (attempt) => {
        const session = await this.connector.connect();
        try {
          return await work(session, attempt);
        } finally {
          await session.close();
        }
      });
    } catch (error) {
      throw asLoadFailure(what, error);
    }
  }
}

/** Pure: the transaction's statements for ACTIVATE_VERSION; none when the table has no version column. */
export function activateVersionStatements(plan: StreamPlan, version: number, hardDelete: boolean, now: Date): readonly sql.Statement[] {
  const { root } = plan;
  const has = (name: string): boolean => root.columns.some((c) => c.name.toLowerCase() === name);
  if (!has(sql.TABLE_VERSION_COLUMN)) return [];
  if (!Number.isSafeInteger(version)) throw new TerminalLoadError(`ACTIVATE_VERSION for stream ${plan.stream}: version ${version} is not an integer`);
  if (!hardDelete) {
    if (!has(sql.DELETED_AT_COLUMN)) {
      throw new TerminalLoadError(`ACTIVATE_VERSION for stream ${plan.stream} with hard_delete false needs a ${sql.DELETED_AT_COLUMN} column in table ${root.name}; enable add_record_metadata or set hard_delete true`);
    }
    return [sql.softDeleteOlderVersions(root.schema, root.name, BigInt(version), now.toISOString())];
  }
  const keyed = root.keyColumns.length > 0;
  return [
    sql.deleteOlderVersions(root.schema, root.name, BigInt(version)),
    // A keyed root's children go with their root row; a keyless stream's children by their own version column.
    ...plan.children.flatMap((child) => (keyed ? [sql.deleteOrphans(child, root)]
      : child.columns.some((c) => c.name.toLowerCase() === sql.TABLE_VERSION_COLUMN) ? [sql.deleteOlderVersions(child.schema, child.name, BigInt(version))] : [])),
  ];
}

function pick(live: ReadonlyMap<string, LiveTable>, tables: readonly string[]): ReadonlyMap<string, LiveTable> {
  const wanted = new Set(tables.map((t) => t.toLowerCase()));
  return new Map([...live].filter(([key]) => wanted.has(key)));
}

function asLoadFailure(what: string, error: unknown): unknown {
  return error instanceof TerminalLoadError || error instanceof TransientLoadError ? new LoadFailedError(what, error) : error;
}

/** After a lost connection: did the change land before it was lost? CREATE and ADD cannot simply run again. */
async function alreadyApplied(session: SqlSession, change: TableChange): Promise<boolean> {
  const schema = change.kind === 'create-table' ? change.table.schema : change.schema;
  const name = change.kind === 'create-table' ? change.table.name : change.table;
  const live = (await describeTables(session, schema, [name])).get(name.toLowerCase());
  switch (change.kind) {
    case 'create-table': return live !== undefined;
    case 'add-column': return live?.columns.some((c) => c.name.toLowerCase() === change.column.name.toLowerCase()) ?? false;
    case 'alter-column': case 'rebuild-as-heap': return false;
  }
}

async function statementsFor(session: SqlSession, change: TableChange): Promise<readonly sql.Statement[]> {
  switch (change.kind) {
    case 'create-table': return [sql.createSchemaIfMissing(change.table.schema), sql.createTable(change.table)];
    case 'add-column': return [sql.addColumn(change.schema, change.table, change.column)];
    case 'alter-column': return [sql.alterColumn(change.schema, change.table, change.column)];
    case 'rebuild-as-heap': {
      const live = (await describeTables(session, change.schema, [change.table])).get(change.table.toLowerCase());
      if (live === undefined) throw new TerminalLoadError(`cannot rebuild ${change.schema}.${change.table} as a heap: the table does not exist`);
      if (live.index === 'heap') return [];
      return sql.rebuildAsHeap(change.schema, live.name, live.distribution);
    }
  }
}

function describeChange(change: TableChange): string {
  switch (change.kind) {
    case 'create-table': return `create table ${change.table.schema}.${change.table.name} (${change.table.columns.length} columns)`;
    case 'add-column': return `add column ${change.column.name} ${sql.sqlTypeName(change.column.type)} to ${change.schema}.${change.table}`;
    case 'alter-column': return `widen column ${change.column.name} of ${change.schema}.${change.table} from ${sql.sqlTypeName(change.from)} to ${sql.sqlTypeName(change.column.type)}`;
    case 'rebuild-as-heap': return `rebuild ${change.schema}.${change.table} as a heap`;
  }
}
