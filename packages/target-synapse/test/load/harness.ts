// Test helpers for the load path: Azurite + synapse-sim on 127.0.0.1 with free ports, hand-built plans,
// hand-written gzip CSV files (first field the arrival ordinal), a logger that keeps every line.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  BlobServiceClient, ContainerSASPermissions, StorageSharedKeyCredential, generateBlobSASQueryParameters,
} from '@azure/storage-blob';
import { Logger, Redactor } from '@kustomer-synapse/singer';
import { startAzurite, startSynapseSim, type AzuriteInstance, type FaultSettings, type SynapseSim } from '@kustomer-synapse/synapse-sim';
import type { ChildTablePlan, ColumnPlan, Distribution, SqlType, StreamPlan, TableIndex, TablePlan } from '../../src/plan/types.js';
import type { Batch, LocalCsvFile } from '../../src/load/loader.js';
import type { SynapseLoaderOptions } from '../../src/load/synapse-loader.js';
import type { StorageAuth } from '../../src/load/blob-store.js';
import { createSqlConnector, type SqlSession } from '../../src/load/sql-runner.js';
import { statement } from '../../src/load/sql.js';

export const USER = 'loader';
export const PASSWORD = 'sim-Password-1';
export const DATABASE = 'dw';
export const CONTAINER = 'staging';
export const SCHEMA = 'tap';

export interface Harness {
  readonly azurite: AzuriteInstance;
  readonly sim: SynapseSim;
  readonly dir: string;
  readonly logs: string[];
  readonly log: Logger;
  /** A container SAS (default: read, add, create, write, delete, list). */
  sas(permissions?: string): string;
  options(overrides?: Partial<SynapseLoaderOptions> & { storageAuth?: StorageAuth; storageKind?: 'blob' | 'adls' }): SynapseLoaderOptions;
  /** Runs SQL on a fresh connection; returns the rows. */
  query(text: string): Promise<readonly Readonly<Record<string, unknown>>[]>;
  blobNames(): Promise<readonly string[]>;
  stop(): Promise<void>;
}

/** Retries that wait milliseconds, not seconds: the faults tests turn knobs that fail many statements. */
export const FAST_RETRY = { retries: 6, initialDelayMs: 5, maxDelayMs: 40 } as const;

export async function startHarness(faults?: FaultSettings): Promise<Harness> {
  const azurite = await startAzurite();
  const sim = await startSynapseSim({ user: USER, password: PASSWORD, database: DATABASE, blobStore: { blobEndpoint: azurite.blobEndpoint }, ...(faults === undefined ? {} : { faults }) });
  const key = new StorageSharedKeyCredential(azurite.accountName, azurite.accountKey);
  const container = new BlobServiceClient(azurite.blobEndpoint, key).getContainerClient(CONTAINER);
  await container.create();
  const dir = await mkdtemp(join(tmpdir(), 'target-load-'));
  const logs: string[] = [];
  const log = new Logger('target-synapse', 'debug', { write: (line: string) => logs.push(line) }, new Redactor());
  const connection = {
    host: sim.host, port: sim.port, database: DATABASE, auth: { kind: 'password', user: USER, password: PASSWORD },
    encrypt: false, trustServerCertificate: true,
  } as const;
  const quiet = new Logger('test-query', 'error', { write: () => undefined }, new Redactor());
  const sas = (permissions = 'racwdl'): string => {
    const now = Date.now();
    return generateBlobSASQueryParameters({
      containerName: CONTAINER, permissions: ContainerSASPermissions.parse(permissions),
      startsOn: new Date(now - 60_000), expiresOn: new Date(now + 3_600_000),
    }, key).toString();
  };
  return {
    azurite, sim, dir, logs, log, sas,
    options(overrides = {}) {
      const { storageAuth, storageKind, ...rest } = overrides;
      return {
        connection,
        storage: {
          account: azurite.accountName, container: CONTAINER, kind: storageKind ?? 'blob',
          auth: storageAuth ?? { kind: 'key', accountKey: azurite.accountKey }, endpoint: azurite.blobEndpoint,
        },
        loadMethod: 'upsert', upsertStrategy: 'delete-insert', hardDelete: true, keepStagedFiles: false,
        maxParallelism: 2, log, retry: FAST_RETRY, ...rest,
      };
    },
    async query(text) {
      const session: SqlSession = await createSqlConnector(connection, quiet).connect();
      try { return (await session.run(statement(text))).rows; } finally { await session.close(); }
    },
    async blobNames() {
      const names: string[] = [];
      for await (const blob of container.listBlobsFlat()) names.push(blob.name);
      return names;
    },
    async stop() {
      await sim.stop();
      await azurite.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const col = (name: string, type: SqlType, nullable = true): ColumnPlan =>
  ({ name, type, nullable, source: { kind: 'property', path: [name], asJson: false } });
export const BIGINT: SqlType = { kind: 'bigint' };
export const TEXT = (length: number | 'max' = 200): SqlType => ({ kind: 'nvarchar', length });

export function table(name: string, columns: readonly ColumnPlan[], keys: readonly string[], extra: { index?: TableIndex; distribution?: Distribution } = {}): TablePlan {
  return {
    schema: SCHEMA, name, columns, keyColumns: keys, index: extra.index ?? 'heap',
    distribution: extra.distribution ?? { kind: 'round_robin' },
  };
}

export function child(name: string, columns: readonly ColumnPlan[], sourceKeys: readonly string[], path: readonly string[]): ChildTablePlan {
  return { ...table(name, columns, [], {}), path, depth: 1, sourceKeyColumns: sourceKeys };
}

export function streamPlan(root: TablePlan, children: readonly ChildTablePlan[] = [], keyProperties: readonly string[] = root.keyColumns): StreamPlan {
  return { stream: root.name, keyProperties, root, children };
}

/** A CSV field: null is an empty unquoted field, a string is always quoted (synapse-sim's ''-vs-NULL rule). */
export function csvLine(fields: readonly (string | number | bigint | null)[]): string {
  return fields.map((f) => (f === null ? '' : `"${String(f).replace(/"/g, '""')}"`)).join(',');
}

let fileCounter = 0;
export async function csvFile(h: Harness, tableName: string, rows: readonly (readonly (string | number | bigint | null)[])[]): Promise<LocalCsvFile> {
  fileCounter += 1;
  const path = join(h.dir, `${tableName}-${fileCounter}.csv.gz`);
  const body = gzipSync(Buffer.from(rows.map((r) => `${csvLine(r)}\n`).join(''), 'utf8'));
  await writeFile(path, body);
  return { table: tableName, path, rows: rows.length, bytes: body.length };
}

export function batch(plan: StreamPlan, sequence: number, files: readonly LocalCsvFile[], replaceContents = false): Batch {
  return { plan, sequence, files, records: files.filter((f) => f.table === plan.root.name).reduce((n, f) => n + f.rows, 0), maxLengths: new Map(), replaceContents };
}
