// Shared fixtures for COPY INTO tests: an Azurite with a container, uploads, SAS tokens, and a CopyIntoHost built on a
// raw DuckDB connection (what the engine provides in production).
import { gzipSync } from 'node:zlib';
import {
  BlobServiceClient, ContainerSASPermissions, StorageSharedKeyCredential, generateBlobSASQueryParameters,
} from '@azure/storage-blob';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { CatalogColumn, CopyIntoHost } from '../../src/contract.js';
import { SqlServerError } from '../../src/contract.js';
import { startAzurite, type AzuriteInstance } from '../../src/azurite.js';
import { TEMPORAL_MACROS } from '../../src/engine/temporal-storage.js';

export const CONTAINER = 'staging';

export interface BlobFixture {
  readonly azurite: AzuriteInstance;
  upload(name: string, body: string | Buffer, gzip?: boolean): Promise<void>;
  /** A container SAS with the given permissions (default read + list, COPY's documented minimum). */
  sas(permissions?: string): string;
  /** https://<account>.blob.core.windows.net/<container>/<path>, as the target writes locations. */
  url(path: string): string;
  stop(): Promise<void>;
}

export async function startBlobFixture(): Promise<BlobFixture> {
  const azurite = await startAzurite();
  const credential = new StorageSharedKeyCredential(azurite.accountName, azurite.accountKey);
  const service = new BlobServiceClient(azurite.blobEndpoint, credential);
  const container = service.getContainerClient(CONTAINER);
  await container.create();
  return {
    azurite,
    async upload(name, body, gzip = false) {
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      const data = gzip ? gzipSync(bytes) : bytes;
      await container.getBlockBlobClient(name).uploadData(data);
    },
    sas(permissions = 'rl') {
      const now = Date.now();
      return generateBlobSASQueryParameters({
        containerName: CONTAINER,
        permissions: ContainerSASPermissions.parse(permissions),
        startsOn: new Date(now - 60_000),
        expiresOn: new Date(now + 3_600_000),
      }, credential).toString();
    },
    url: (path) => `https://${azurite.accountName}.blob.core.windows.net/${CONTAINER}/${path}`,
    stop: () => azurite.stop(),
  };
}

export interface DuckHost {
  readonly host: CopyIntoHost;
  readonly connection: DuckDBConnection;
  readonly commits: { count: number };
  rows(sql: string): Promise<readonly (readonly unknown[])[]>;
  close(): void;
}

/** A CopyIntoHost over one DuckDB connection with one table `main.t` declared with the given T-SQL columns. */
export async function duckHost(tableName: string, columns: readonly CatalogColumn[], ddl: string): Promise<DuckHost> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // The engine's session connection has the temporal macros COPY's conversions call (engine/temporal-storage.ts).
  for (const macro of TEMPORAL_MACROS) await connection.run(macro);
  await connection.run(ddl);
  const commits = { count: 0 };
  const host: CopyIntoHost = {
    resolveTable(name) {
      if (name.replace(/[[\]]/g, '').toLowerCase() !== tableName) throw new SqlServerError(208, `Invalid object name '${name}'.`);
      return { duckdbName: `main."${tableName}"`, columns };
    },
    async runDuckdb(sql) {
      const result = await connection.run(sql);
      return Number(result.rowsChanged);
    },
    async queryDuckdb(sql) {
      return (await connection.runAndReadAll(sql)).getRowsJS();
    },
    beforeCopyCommit() { commits.count += 1; },
  };
  return {
    host, connection, commits,
    async rows(sql) { return (await connection.runAndReadAll(sql)).getRowsJS(); },
    close() { connection.closeSync(); instance.closeSync(); },
  };
}

export const nvarchar = (name: string, length: number | 'max', nullable = true): CatalogColumn =>
  ({ name, type: { name: 'nvarchar', length }, nullable });
export const int = (name: string, nullable = true): CatalogColumn => ({ name, type: { name: 'int' }, nullable });
