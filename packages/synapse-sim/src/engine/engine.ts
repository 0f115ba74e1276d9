// createDuckdbEngine: one DuckDB database per engine, one DuckDB connection per session, a shared shadow catalog.
import { DuckDBInstance } from '@duckdb/node-api';
import type { BlobStoreSettings, FaultSettings, SessionOptions, SqlEngine, SqlSession } from '../contract.js';
import { loadCatalog, saveCatalog } from './catalog-store.js';
import { FaultInjector } from './faults.js';
import { CatalogLock, DuckdbSession, type CopyIntoFn, type EngineShared } from './session.js';
import { DATABASE_SETUP_SQL, SESSION_SETUP_SQL } from './session-setup.js';

export interface DuckdbEngineOptions {
  /** A DuckDB database file; in memory when absent. The shadow catalog is stored in it too. */
  readonly databaseFile?: string;
  readonly faults?: FaultSettings;
  readonly blobStore?: BlobStoreSettings;
  /** The COPY INTO implementation (src/copy/); without it COPY INTO statements fail clearly. */
  readonly copyInto?: CopyIntoFn;
}

/** SQL Server user session ids start above the system ones (sys.dm_exec_sessions: user sessions > 50). */
const FIRST_SESSION_ID = 51;

export async function createDuckdbEngine(options: DuckdbEngineOptions = {}): Promise<SqlEngine> {
  const instance = await DuckDBInstance.create(options.databaseFile ?? ':memory:');
  const setup = await instance.connect();
  await setup.run(DATABASE_SETUP_SQL);
  const catalog = await loadCatalog(setup);
  setup.closeSync();
  const shared: EngineShared = {
    catalog: { state: catalog },
    persistCatalog: saveCatalog,
    faults: new FaultInjector(options.faults),
    blobStore: options.blobStore ?? {},
    copyInto: options.copyInto,
    catalogLock: new CatalogLock(),
  };
  const sessions = new Set<DuckdbSession>();
  let nextSessionId = FIRST_SESSION_ID;
  return {
    async openSession(sessionOptions: SessionOptions): Promise<SqlSession> {
      const conn = await instance.connect();
      for (const sql of SESSION_SETUP_SQL) await conn.run(sql);
      const session = new DuckdbSession(conn, shared, sessionOptions, nextSessionId++);
      sessions.add(session);
      return session;
    },
    async close(): Promise<void> {
      for (const s of sessions) await s.close();
      sessions.clear();
      instance.closeSync();
    },
  };
}
