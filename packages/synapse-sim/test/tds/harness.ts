// Starts a simulator on a free port around a test and connects the real mssql client to it.
import { sql, type Mssql } from './mssql.js';
import { startSynapseSim, type SynapseSim } from '../../src/server.js';
import type { SqlEngine } from '../../src/contract.js';

export const USER = 'loader';
export const PASSWORD = 'S3cret!pässword';
export const DATABASE = 'dw';

export interface Harness {
  readonly sim: SynapseSim;
  connect(overrides?: Partial<Mssql.config>): Promise<Mssql.ConnectionPool>;
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

export async function startHarness(t: Teardown, engine: SqlEngine | undefined): Promise<Harness> {
  const sim = await startSynapseSim({ user: USER, password: PASSWORD, database: DATABASE, ...(engine === undefined ? {} : { engine }) });
  const pools: Mssql.ConnectionPool[] = [];
  t.teardown(async () => {
    await Promise.all(pools.map((pool) => pool.close().catch(() => undefined)));
    await sim.stop();
  });
  return {
    sim,
    async connect(overrides = {}) {
      const pool = new sql.ConnectionPool({
        server: sim.host,
        port: sim.port,
        user: USER,
        password: PASSWORD,
        database: DATABASE,
        options: { encrypt: false, trustServerCertificate: true },
        pool: { max: 1 },
        ...overrides,
      });
      pools.push(pool);
      return pool.connect();
    },
  };
}
