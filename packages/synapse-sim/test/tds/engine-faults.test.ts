// The engine's fault knobs, seen through mssql as a loader's reliability tests would use them: with
// faultStatementPattern only the chosen statements are counted and faulted, so the client's login SET batch and
// the pool's validation SELECT 1 neither shift the count nor draw the fault.
import t, { type Test } from 'tap';
import type { FaultSettings } from '../../src/contract.js';
import { startSynapseSim } from '../../src/server.js';
import { sql, type Mssql } from './mssql.js';
import { tolerateTediousDropRejection } from './tedious-drop.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

async function simWith(t: Teardown, faults: FaultSettings): Promise<() => Promise<Mssql.ConnectionPool>> {
  const sim = await startSynapseSim({ user: 'u', password: 'p', database: 'dw', faults });
  const pools: Mssql.ConnectionPool[] = [];
  t.teardown(async () => {
    await Promise.all(pools.map((p) => p.close().catch(() => undefined)));
    await sim.stop();
  });
  return async () => {
    const pool = new sql.ConnectionPool({
      server: sim.host, port: sim.port, user: 'u', password: 'p', database: 'dw',
      options: { encrypt: false, trustServerCertificate: true }, pool: { max: 1 },
    });
    pools.push(pool);
    return pool.connect();
  };
}

const CREATE = 'CREATE TABLE [dbo].[t] ([id] INT NOT NULL) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)';
const failureOf = (p: Promise<unknown>): Promise<unknown> => p.then(() => undefined, (e: unknown) => e);

t.test('dropConnectionAtStatement with a pattern drops exactly the Nth matching statement; the pool reconnects', async (t) => {
  tolerateTediousDropRejection(t);
  const pool = await (await simWith(t, { dropConnectionAtStatement: 3, faultStatementPattern: /^\s*INSERT\b/i }))();
  await pool.request().batch(CREATE);
  const codes: (string | undefined)[] = [];
  for (let id = 1; id <= 5; id += 1) {
    const error = await failureOf(pool.request().input('id', sql.Int, id).query('INSERT INTO [dbo].[t] ([id]) VALUES (@id)'));
    codes.push((error as { code?: string } | undefined)?.code);
  }
  t.equal(codes.filter((c) => c !== undefined).length, 1, 'one statement was dropped');
  t.match(codes[2], /^(ECONNCLOSED|ECONNRESET|ESOCKET)$/, 'the third INSERT, whatever the pool ran before it');
  const rows = await pool.request().query('SELECT [id] FROM [dbo].[t] ORDER BY [id]');
  t.same(rows.recordset, [{ id: 1 }, { id: 2 }, { id: 4 }, { id: 5 }], 'a new connection serves the rest');
});

/** A two-row textual transaction whose COMMIT meets the knob; returns a new connection once the drop is seen. */
async function textualCommitDropped(t: Test, faults: FaultSettings): Promise<Mssql.ConnectionPool> {
  tolerateTediousDropRejection(t);
  const connect = await simWith(t, { ...faults, faultStatementPattern: /^\s*COMMIT\b/i });
  const pool = await connect();
  await pool.request().batch(CREATE);
  const error = await failureOf(pool.request().batch('BEGIN TRAN;\nINSERT INTO [dbo].[t] ([id]) VALUES (1);\nINSERT INTO [dbo].[t] ([id]) VALUES (2);\nCOMMIT;'));
  t.match(error, { code: /^(ECONNCLOSED|ECONNRESET|ESOCKET)$/ }, 'the client sees the connection drop');
  return connect();
}

t.test('a drop at the textual COMMIT leaves nothing of the transaction committed', async (t) => {
  const other = await textualCommitDropped(t, { dropConnectionAtStatement: 1 });
  t.same((await other.request().query('SELECT COUNT(*) AS n FROM [dbo].[t]')).recordset, [{ n: 0 }], 'nothing committed');
  await other.request().batch('BEGIN TRAN; INSERT INTO [dbo].[t] ([id]) VALUES (3); COMMIT');
  t.same((await other.request().query('SELECT [id] FROM [dbo].[t]')).recordset, [{ id: 3 }], 'the next COMMIT runs normally');
});

t.test('dropConnectionAfterStatement at a textual COMMIT: the client loses the connection, yet the transaction committed', async (t) => {
  const other = await textualCommitDropped(t, { dropConnectionAfterStatement: 1 });
  t.same((await other.request().query('SELECT [id] FROM [dbo].[t] ORDER BY [id]')).recordset, [{ id: 1 }, { id: 2 }], 'both rows are committed');
});

t.test("a drop at mssql's Transaction commit (TRANSACTION_MANAGER) leaves nothing committed", async (t) => {
  tolerateTediousDropRejection(t);
  // Statement 1 is the first transaction's COMMIT TRANSACTION request, statement 2 the second's.
  const connect = await simWith(t, { dropConnectionAtStatement: 2, faultStatementPattern: /^COMMIT TRANSACTION$/ });
  const pool = await connect();
  await pool.request().batch(CREATE);
  const first = new sql.Transaction(pool);
  await first.begin();
  await new sql.Request(first).query('INSERT INTO [dbo].[t] ([id]) VALUES (1)');
  await first.commit();
  const second = new sql.Transaction(pool);
  await second.begin();
  await new sql.Request(second).query('INSERT INTO [dbo].[t] ([id]) VALUES (2)');
  await new sql.Request(second).query('INSERT INTO [dbo].[t] ([id]) VALUES (3)');
  const error = await failureOf(second.commit());
  t.ok(error instanceof Error, 'commit fails');
  t.match(String((error as Error).message), /closed|reset|lost|hang up/i, 'with a connection error');
  const other = await connect();
  t.same((await other.request().query('SELECT [id] FROM [dbo].[t]')).recordset, [{ id: 1 }], 'only the first transaction committed');
});

t.test('transientErrorRate 1 on a chosen statement: connecting works, that statement fails with RequestError 40501', async (t) => {
  const connect = await simWith(t, { transientErrorRate: 1, faultStatementPattern: /^\s*INSERT INTO \[dbo\]\.\[t\] \(\[id\]\) VALUES \(2\)/ });
  const pool = await connect();
  await pool.request().batch(CREATE);
  await pool.request().batch('INSERT INTO [dbo].[t] ([id]) VALUES (1)');
  const error = await failureOf(pool.request().batch('INSERT INTO [dbo].[t] ([id]) VALUES (2)'));
  t.ok(error instanceof sql.RequestError, 'a RequestError, not a connection error');
  t.match(error, { number: 40501, class: 20, message: /^The service is currently busy\. Retry the request after 10 seconds\. Incident ID: .*\. Code: 40501\.$/ });
  t.same((await pool.request().query('SELECT [id] FROM [dbo].[t]')).recordset, [{ id: 1 }], 'the failed statement did not run');
  const retry = await failureOf(pool.request().batch('INSERT INTO [dbo].[t] ([id]) VALUES (2)'));
  t.match(retry, { number: 40501 }, 'rate 1: every matching statement fails, so a retry loop gives up as it would');
});

t.test('a transient error on a textual COMMIT reaches mssql as 40501; the transaction is rolled back', async (t) => {
  const connect = await simWith(t, { transientErrorRate: 1, faultStatementPattern: /^\s*COMMIT\b/i });
  const pool = await connect();
  await pool.request().batch(CREATE);
  const error = await failureOf(pool.request().batch('BEGIN TRAN; INSERT INTO [dbo].[t] ([id]) VALUES (1); COMMIT'));
  t.match(error, { number: 40501 });
  const other = await connect();
  t.same((await other.request().query('SELECT COUNT(*) AS n FROM [dbo].[t]')).recordset, [{ n: 0 }]);
});

t.test("a transient error on mssql's Transaction begin reaches the client as 40501 inside a TransactionError", async (t) => {
  const connect = await simWith(t, { transientErrorRate: 1, faultStatementPattern: /^BEGIN TRANSACTION$/ });
  const pool = await connect();
  const tx = new sql.Transaction(pool);
  const error = await failureOf(tx.begin());
  t.match(error, { name: 'TransactionError' });
  t.match((error as { originalError?: unknown }).originalError, { number: 40501 });
  t.same((await pool.request().query('SELECT @@TRANCOUNT AS tc')).recordset, [{ tc: 0 }], 'no transaction was opened');
});
