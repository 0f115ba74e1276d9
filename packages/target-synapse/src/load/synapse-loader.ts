// The Loader (loader.ts) for a Synapse dedicated SQL pool: a thin orchestrator over the SQL runner, the blob
// store and the load sequence. It executes what plan/ decided and decides no policy itself.
import { randomBytes } from 'node:crypto';
import type { Logger } from '@kustomer-synapse/singer';
import type { StreamPlan, TableChange } from '../plan/types.js';
import { createBlobStore, type BlobStore, type StorageOptions } from './blob-store.js';
import { Semaphore } from './semaphore.js';
import { describeTables } from './describe.js';
import { describeRepairingRebuilds } from './rebuild-recovery.js';
import { loadBatch, type UpsertStrategy } from './load-batch.js';
import type { Batch, LoadMethod, LoadResult, Loader } from './loader.js';
import * as sql from './sql.js';
import { TerminalLoadError } from './sql-errors.js';
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
  /** The clock for `_sdc_deleted_at`; tests pin it. */
  readonly now?: () => Date;
}

export async function createSynapseLoader(options: SynapseLoaderOptions): Promise<Loader> {
  const blobs = createBlobStore(options.storage);
  const connector = createSqlConnector(options.connection, options.log);
  return new SynapseLoader(options, connector, blobs, options.loadId ?? newLoadId());
}

export function newLoadId(now: Date = new Date()): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

class SynapseLoader implements Loader {
  private readonly slots: Semaphore;

  constructor(
    private readonly options: SynapseLoaderOptions,
    private readonly connector: SqlConnector,
    private readonly blobs: BlobStore,
    private readonly loadId: string,
  ) {
    this.slots = new Semaphore(Math.max(1, options.maxParallelism));
  }

  describe(schema: string, tables: readonly string[]) {
    return this.withSession((session) => describeRepairingRebuilds(session, schema, tables, this.options.log));
  }

  apply(changes: readonly TableChange[]): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    return this.withSession(async (session) => {
      for (const change of changes) {
        this.options.log.info(`schema change: ${describeChange(change)}`);
        for (const statement of await statementsFor(session, change)) await session.run(statement);
      }
    });
  }

  /** One connection per load: the stages are temp tables of that session (research/synapse.md 1.12). */
  load(batch: Batch): Promise<LoadResult> {
    return this.slots.run(() => this.withSession(async (session) => {
      const result = await loadBatch({
        session, blobs: this.blobs, loadId: this.loadId, log: this.options.log,
        settings: { loadMethod: this.options.loadMethod, upsertStrategy: this.options.upsertStrategy, keepStagedFiles: this.options.keepStagedFiles },
      }, batch);
      this.options.log.info(`loaded batch ${batch.sequence} of stream ${batch.plan.stream}: ${result.rowsLoaded} rows staged in ${result.milliseconds} ms`);
      return result;
    }));
  }

  activateVersion(plan: StreamPlan, version: number): Promise<void> {
    const statements = activateVersionStatements(plan, version, this.options.hardDelete, (this.options.now ?? (() => new Date()))());
    if (statements.length === 0) {
      this.options.log.warning(`ACTIVATE_VERSION for stream ${plan.stream} ignored: table ${plan.root.name} has no ${sql.TABLE_VERSION_COLUMN} column (enable add_record_metadata)`);
      return Promise.resolve();
    }
    return this.slots.run(() => this.withSession(async (session) => {
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

  async close(): Promise<void> {
    await this.slots.drain();
  }

  private async withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    const session = await this.connector.connect();
    try {
      return await work(session);
    } finally {
      await session.close();
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
