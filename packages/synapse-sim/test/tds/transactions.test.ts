// Transactions through mssql: its Transaction API (TRANSACTION_MANAGER requests) and T-SQL text in batches.
import t from 'tap';
import { SqlServerError } from '../../src/contract.js';
import { FakeEngine } from './fake-engine.js';
import { startHarness } from './harness.js';
import { sql } from './mssql.js';

t.test("mssql's Transaction begin and commit reach the session as TRANSACTION_MANAGER calls", async (t) => {
  const engine = new FakeEngine();
  const pool = await (await startHarness(t, engine)).connect();
  const transaction = new sql.Transaction(pool);
  await transaction.begin();
  const inserted = await new sql.Request(transaction).query("INSERT ROW 'a'");
  t.same(inserted.rowsAffected, [1]);
  const open = await new sql.Request(transaction).query('SELECT TRANCOUNT');
  t.same(open.recordset, [{ n: 1 }]);
  await transaction.commit();
  t.same(engine.transactionCalls.map(({ call }) => call), ['begin', 'commit']);
  const after = await pool.request().query('SELECT TRANCOUNT');
  t.same(after.recordset, [{ n: 0 }]);
});

t.test("mssql's Transaction rollback reaches the session", async (t) => {
  const engine = new FakeEngine();
  const pool = await (await startHarness(t, engine)).connect();
  const transaction = new sql.Transaction(pool);
  await transaction.begin();
  await transaction.rollback();
  t.same(engine.transactionCalls.map(({ call }) => call), ['begin', 'rollback']);
  // A second transaction on the same connection works: the first one's ENVCHANGE 10 closed it for tedious.
  const again = new sql.Transaction(pool);
  await again.begin();
  await again.commit();
  t.same(engine.transactionCalls.map(({ call }) => call), ['begin', 'rollback', 'begin', 'commit']);
});

t.test('a refused commit surfaces as an error with its number', async (t) => {
  const engine = new FakeEngine();
  const pool = await (await startHarness(t, engine)).connect();
  const transaction = new sql.Transaction(pool);
  await transaction.begin();
  engine.transactionError = new SqlServerError(111214, 'An attempt to complete a transaction has failed. No corresponding transaction found.');
  const error = await transaction.commit().then(() => undefined, (e: unknown) => e);
  // mssql wraps the tedious RequestError of a TRANSACTION_MANAGER request in a TransactionError.
  t.match(error, { name: 'TransactionError', message: /No corresponding transaction found/ });
  t.match((error as { originalError?: unknown }).originalError, { number: 111214 });
});

t.test('BEGIN TRAN and COMMIT in a batch run as text, counting the rows in between', async (t) => {
  const engine = new FakeEngine();
  const pool = await (await startHarness(t, engine)).connect();
  const result = await pool.request().batch("BEGIN TRAN; INSERT ROW 'a'; COMMIT");
  t.same(result.rowsAffected, [1]);
  t.same(engine.userRequests().at(-1)?.request, { kind: 'batch', text: "BEGIN TRAN; INSERT ROW 'a'; COMMIT" });
  t.same(engine.transactionCalls, [], 'no TRANSACTION_MANAGER request was involved');
});

t.test('a textual ROLLBACK inside an mssql Transaction tells the client the transaction ended (ENVCHANGE 10)', async (t) => {
  const engine = new FakeEngine();
  const pool = await (await startHarness(t, engine)).connect();
  const transaction = new sql.Transaction(pool);
  let aborted: boolean | undefined;
  transaction.on('rollback', (wasAborted: boolean) => { aborted = wasAborted; });
  await transaction.begin();
  await new sql.Request(transaction).batch('ROLLBACK');
  const error = await transaction.commit().then(() => undefined, (e: unknown) => e);
  t.match(error, { code: 'EABORT' });
  t.equal(aborted, true);
});
