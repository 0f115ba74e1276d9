// Persists the shared shadow catalog inside the DuckDB database itself, so a file-backed engine reopens with the
// declared T-SQL types it had. Only permanent tables are stored (#temp tables die with their session).
import type { DuckDBConnection } from '@duckdb/node-api';
import { emptyCatalog, type CatalogState, type SchemaDef, type TableDef } from './catalog.js';
import { duckString } from './lexer.js';

const STORE_SCHEMA = '__synapse_sim';
const STORE_TABLE = `${STORE_SCHEMA}.shadow_catalog`;
/** The single row holding the catalog. */
const ROW_ID = 1;

interface Stored {
  readonly schemas: readonly SchemaDef[];
  readonly tables: readonly (readonly [string, TableDef])[];
  readonly nextId: number;
}

export async function loadCatalog(conn: DuckDBConnection): Promise<CatalogState> {
  await conn.run(`CREATE SCHEMA IF NOT EXISTS ${STORE_SCHEMA}`);
  await conn.run(`CREATE TABLE IF NOT EXISTS ${STORE_TABLE} (id INTEGER PRIMARY KEY, body VARCHAR NOT NULL)`);
  const reader = await conn.runAndReadAll(`SELECT body FROM ${STORE_TABLE} WHERE id = ${ROW_ID}`);
  const body = reader.getRows()[0]?.[0];
  if (typeof body !== 'string') return emptyCatalog();
  const stored = JSON.parse(body) as Stored;
  return {
    schemas: new Map(stored.schemas.map((s) => [s.name.toLowerCase(), s])),
    tables: new Map(stored.tables),
    nextId: stored.nextId,
  };
}

export async function saveCatalog(conn: DuckDBConnection, state: CatalogState): Promise<void> {
  const stored: Stored = { schemas: [...state.schemas.values()], tables: [...state.tables], nextId: state.nextId };
  await conn.run(`INSERT OR REPLACE INTO ${STORE_TABLE} VALUES (${ROW_ID}, ${duckString(JSON.stringify(stored))})`);
}
