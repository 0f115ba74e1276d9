// The engine's drop-connection knob, seen through mssql: the statement fails with a connection error,
// and the pool carries on with a fresh connection.
import t from 'tap';
import { startSynapseSim } from '../../src/server.js';
import { sql } from './mssql.js';
import { tolerateTediousDropRejection } from './tedious-drop.js';

t.test('dropConnectionAtStatement drops exactly one statement; the pool reconnects', async (t) => {
  tolerateTediousDropRejection(t);
  // Statement numbers include the client's own SET batch and pool validation, so aim past them.
  const dropAt = 80;
  const sim = await startSynapseSim({ user: 'u', password: 'p', database: 'dw', faults: { dropConnectionAtStatement: dropAt } });
  const pool = await new sql.ConnectionPool({
    server: sim.host, port: sim.port, user: 'u', password: 'p', database: 'dw',
    options: { encrypt: false, trustServerCertificate: true }, pool: { max: 1 },
  }).connect();
  t.teardown(async () => {
    await pool.close().catch(() => undefined);
    await sim.stop();
  });
  const failures: string[] = [];
  for (let i = 0; i < dropAt; i += 1) {
    const outcome = await pool.request().query('SELECT 1 AS one').then(() => undefined, (e: { code?: string }) => e.code ?? 'error');
    if (outcome !== undefined) failures.push(outcome);
  }
  t.equal(failures.length, 1, 'one statement was dropped');
  t.match(failures[0], /^(ECONNCLOSED|ECONNRESET|ESOCKET)$/);
  const after = await pool.request().query('SELECT 1 AS one');
  t.same(after.recordset, [{ one: 1 }], 'a new connection serves the next query');
});
