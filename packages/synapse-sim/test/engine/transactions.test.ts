// Transactions as text and as TM requests, the doomed-transaction rule, and #temp isolation between sessions.
import t from 'tap';
import { assertNoErrors, batch, errorNumber, harness, rowsOf } from './helpers.js';

const TABLE = 'CREATE TABLE [t] ([id] BIGINT NOT NULL, [name] NVARCHAR(5) NULL) WITH (DISTRIBUTION = HASH([id]), HEAP)';

t.test('ROLLBACK undoes DML; COMMIT keeps it; outcomes report each transaction change', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  const s = h.session;
  assertNoErrors(await batch(s, TABLE));
  t.same(await batch(s, 'BEGIN TRAN; INSERT INTO [t] ([id]) VALUES (1); ROLLBACK'), [
    { kind: 'transaction', change: 'begin' }, { kind: 'done', rowCount: 1 }, { kind: 'transaction', change: 'rollback' },
  ]);
  t.same(rowsOf(await batch(s, 'SELECT COUNT(*) AS n FROM [t]')), [{ n: 0 }]);
  assertNoErrors(await batch(s, 'BEGIN TRANSACTION\nINSERT INTO [t] ([id]) VALUES (2)\nCOMMIT TRANSACTION'));
  t.same(rowsOf(await batch(s, 'SELECT [id] FROM [t]')), [{ id: 2n }]);
  t.equal(s.inTransaction, false);
});

t.test('TM requests (beginTransaction/commit/rollback) behave as the statements', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  const s = h.session;
  assertNoErrors(await batch(s, TABLE));
  await s.beginTransaction();
  t.equal(s.inTransaction, true);
  assertNoErrors(await batch(s, 'INSERT INTO [t] ([id]) VALUES (1)'));
  await s.rollback();
  t.same(rowsOf(await batch(s, 'SELECT COUNT(*) AS n FROM [t]')), [{ n: 0 }]);
  await s.beginTransaction();
  assertNoErrors(await batch(s, 'INSERT INTO [t] ([id]) VALUES (1)'));
  await s.commit();
  t.same(rowsOf(await batch(s, 'SELECT COUNT(*) AS n FROM [t]')), [{ n: 1 }]);
  const noTx = await s.commit().then(() => undefined, (e: unknown) => e);
  t.match(noTx, { number: 111214 });
});

t.test('an error inside a transaction dooms it: work is rolled back, every statement fails with 111233 until ROLLBACK, then a second ROLLBACK raises 111214', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  const s = h.session;
  assertNoErrors(await batch(s, TABLE));
  const out = await batch(s, "BEGIN TRAN; INSERT INTO [t] ([id]) VALUES (1); INSERT INTO [t] ([id], [name]) VALUES (2, N'toolong'); INSERT INTO [t] ([id]) VALUES (3)");
  t.same(out.map((o) => o.kind), ['transaction', 'done', 'error']);
  t.equal(errorNumber(out), 8152);
  t.equal(s.inTransaction, true, 'still in a (doomed) transaction');
  t.equal(errorNumber(await batch(s, 'SELECT COUNT(*) AS n FROM [t]')), 111233);
  t.equal(errorNumber(await batch(s, "INSERT INTO [t] ([id]) VALUES (4)")), 111233);
  t.equal(errorNumber(await batch(s, 'COMMIT')), 111233);
  t.same(await batch(s, 'ROLLBACK'), [{ kind: 'transaction', change: 'rollback' }]);
  t.equal(s.inTransaction, false);
  t.equal(errorNumber(await batch(s, 'ROLLBACK')), 111214);
  t.same(rowsOf(await batch(s, 'SELECT COUNT(*) AS n FROM [t]')), [{ n: 0 }], 'the first insert was rolled back too');
});

t.test('IF @@TRANCOUNT > 0 ROLLBACK ends a doomed transaction and does nothing outside one', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  t.same(await batch(h.session, 'IF @@TRANCOUNT > 0 ROLLBACK'), [{ kind: 'done' }]);
  t.equal(errorNumber(await batch(h.session, 'BEGIN TRAN; SELECT * FROM [nope]')), 208);
  t.same(await batch(h.session, 'IF @@TRANCOUNT > 0 ROLLBACK TRAN'), [{ kind: 'transaction', change: 'rollback' }]);
  t.equal(h.session.inTransaction, false);
});

t.test('closing a session rolls back its open transaction', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  assertNoErrors(await batch(h.session, TABLE));
  const other = await h.open();
  assertNoErrors(await batch(other, 'BEGIN TRAN; INSERT INTO [t] ([id]) VALUES (9)'));
  await other.close();
  t.same(rowsOf(await batch(h.session, 'SELECT COUNT(*) AS n FROM [t]')), [{ n: 0 }]);
});

t.test('#temp tables belong to their session and go away when it closes', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  const a = h.session;
  const b = await h.open();
  assertNoErrors(await batch(a, "CREATE TABLE #stg ([v] NVARCHAR(10)) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP); INSERT INTO #stg ([v]) VALUES (N'a')"));
  assertNoErrors(await batch(b, "CREATE TABLE [#stg] ([v] NVARCHAR(10)) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP); INSERT INTO [#stg] ([v]) VALUES (N'b')"));
  t.same(rowsOf(await batch(a, 'SELECT [v] FROM [#stg]')), [{ v: 'a' }]);
  t.same(rowsOf(await batch(b, 'SELECT [v] FROM #stg')), [{ v: 'b' }]);
  await b.close();
  const c = await h.open();
  t.equal(errorNumber(await batch(c, 'SELECT * FROM #stg')), 208);
  t.same(await batch(c, "IF OBJECT_ID('tempdb..#stg') IS NOT NULL DROP TABLE #stg"), [{ kind: 'done' }]);
  t.same(rowsOf(await batch(a, 'SELECT [v] FROM [#stg]')), [{ v: 'a' }]);
});

t.test('a transaction cannot change the #temp tables: their DDL is refused inside it, so a rollback keeps them as they were', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  assertNoErrors(await batch(h.session, 'CREATE TABLE #a ([v] INT) WITH (HEAP)'));
  for (const ddl of ['CREATE TABLE #b ([v] INT) WITH (HEAP)', 'DROP TABLE #a', 'ALTER TABLE #a ADD [w] INT']) {
    await h.session.beginTransaction();
    t.equal(errorNumber(await batch(h.session, ddl)), 574, `${ddl} is refused inside a transaction`);
    await h.session.rollback();
  }
  await h.session.beginTransaction();
  t.equal(errorNumber(await batch(h.session, 'SELECT * FROM [nope]')), 208);
  await h.session.rollback();
  t.same(rowsOf(await batch(h.session, 'SELECT COUNT(*) AS n FROM #a')), [{ n: 0 }], '#a survives doom and rollback');
  t.equal(errorNumber(await batch(h.session, 'SELECT * FROM #b')), 208, '#b was never created');
});
