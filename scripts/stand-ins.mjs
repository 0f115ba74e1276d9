// The three local stand-ins the whole pipe needs (DESIGN.md section 5): kustomer-sim, Azurite and synapse-sim,
// each on 127.0.0.1 with a free port, plus the tap and target settings that point at them. `npm run demo`, the
// ecosystem tests and the scheduled-runner tests all start the pipe's world through this one module.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import sql from 'mssql';
import { start as startKustomerSim } from '@kustomer-synapse/kustomer-sim';
import { startAzurite, startSynapseSim } from '@kustomer-synapse/synapse-sim';

export const SQL_USER = 'loader';
export const SQL_PASSWORD = 'Stand-in-Password-1';
export const DATABASE = 'dw';
export const CONTAINER = 'staging';
export const TARGET_SCHEMA = 'kustomer';

/** @param {import('./stand-ins.d.mts').StandInOptions} [options] */
export async function startStandIns(options = {}) {
  const stops = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  try {
    const kustomer = await startKustomerSim({ scale: 200, customAttributes: false, ...options.kustomer });
    stops.push(() => kustomer.stop());
    const azurite = await startAzurite();
    stops.push(() => azurite.stop());
    const key = new StorageSharedKeyCredential(azurite.accountName, azurite.accountKey);
    await new BlobServiceClient(azurite.blobEndpoint, key).getContainerClient(CONTAINER).createIfNotExists();
    if (options.databaseFile !== undefined) await mkdir(dirname(options.databaseFile), { recursive: true });
    const synapse = await startSynapseSim({
      user: SQL_USER, password: SQL_PASSWORD, database: DATABASE, blobStore: { blobEndpoint: azurite.blobEndpoint },
      ...(options.databaseFile === undefined ? {} : { databaseFile: options.databaseFile }),
      ...(options.synapseFaults === undefined ? {} : { faults: options.synapseFaults }),
    });
    stops.push(() => synapse.stop());

    const tapConfig = {
      api_token: kustomer.apiToken, base_url: kustomer.url, start_date: '2024-01-01T00:00:00Z',
    };
    const targetConfig = {
      host: synapse.host, port: synapse.port, database: DATABASE, user: SQL_USER, password: SQL_PASSWORD,
      encrypt: false, trust_server_certificate: true, default_target_schema: TARGET_SCHEMA,
      storage_account: azurite.accountName, container: CONTAINER, storage_account_key: azurite.accountKey,
      storage_endpoint: azurite.blobEndpoint,
    };
    const pool = new sql.ConnectionPool({
      server: synapse.host, port: synapse.port, database: DATABASE, user: SQL_USER, password: SQL_PASSWORD,
      options: { encrypt: false, trustServerCertificate: true }, pool: { max: 1 },
    });
    let connected;
    const query = async (text) => {
      connected ??= pool.connect();
      await connected;
      return (await pool.request().query(text)).recordset ?? [];
    };
    stops.push(async () => { if (connected !== undefined) await pool.close(); });
    const tables = async (schema = TARGET_SCHEMA) => {
      const rows = await query(
        `SELECT TABLE_NAME AS name FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = '${schema.replaceAll("'", "''")}' ORDER BY TABLE_NAME`,
      );
      // The streams' tables: target-synapse's own load ledger (`_sdc_batch`) is not one.
      return rows.map((row) => String(row.name)).filter((name) => !name.startsWith('_sdc_'));
    };
    const rowCount = async (table, schema = TARGET_SCHEMA) => {
      const quote = (name) => `[${name.replaceAll(']', ']]')}]`;
      const rows = await query(`SELECT COUNT_BIG(*) AS n FROM ${quote(schema)}.${quote(table)}`);
      return Number(rows[0]?.n ?? 0);
    };
    return { kustomer, azurite, synapse, tapConfig, targetConfig, query, tables, rowCount, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
