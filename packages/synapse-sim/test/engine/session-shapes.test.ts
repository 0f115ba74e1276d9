// Every statement shape, run through the SqlSession API on a real DuckDB engine.
import t from 'tap';
import { assertNoErrors, batch, harness, param, rowsOf, rpc } from './helpers.js';

const DDL = 'CREATE TABLE [s].[t] ([id] BIGINT NOT NULL, [name] NVARCHAR(10) NULL, [amt] DECIMAL(38,9) NULL, [ts] DATETIMEOFFSET(7) NULL, [ok] BIT NULL, [f] FLOAT NULL, [body] NVARCHAR(MAX) NULL) WITH (DISTRIBUTION = HASH([id]), HEAP)';

t.test('DDL, INSERT, DELETE-insert upsert, UPDATE, MERGE, CTAS swap and SELECT produce the rows a user would see', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  const s = h.session;
  assertNoErrors(await batch(s, `CREATE SCHEMA [s];\n${DDL}`));
  t.same(await batch(s, "INSERT INTO [s].[t] ([id], [name], [amt], [ts], [ok], [f]) VALUES (1, N'one', 12.345678901, '2024-05-06 07:08:09.1234567+02:00', 1, 2.5)"), [{ kind: 'done', rowCount: 1 }]);
  t.same(rowsOf(await batch(s, 'SELECT [id], [name], [amt], [ts], [ok], [f] FROM [s].[t]')), [
    { id: 1n, name: 'one', amt: '12.345678901', ts: '2024-05-06 07:08:09.1234567+02:00', ok: true, f: 2.5 },
  ]);

  assertNoErrors(await batch(s, 'CREATE TABLE [#stg] ([id] BIGINT NOT NULL, [name] NVARCHAR(10) NULL, [seq] INT NULL) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)'));
  for (const [id, name, seq] of [[1, 'uno', 1], [1, 'eins', 2], [2, 'two', 1]] as const) {
    assertNoErrors(await rpc(s, 'INSERT INTO [#stg] ([id], [name], [seq]) VALUES (@id, @name, @seq)', [
      param('@id', { name: 'bigint' }, BigInt(id)), param('@name', { name: 'nvarchar', length: 4000 }, name), param('@seq', { name: 'int' }, seq),
    ]));
  }
  assertNoErrors(await batch(s, 'CREATE TABLE [#dedup] WITH (DISTRIBUTION = ROUND_ROBIN, HEAP) AS SELECT [id], [name] FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY [id] ORDER BY [seq] DESC) AS __rn FROM [#stg]) x WHERE __rn = 1'));
  const upsert = await batch(s, [
    'BEGIN TRAN;',
    'DELETE FROM [s].[t] WHERE EXISTS (SELECT 1 FROM [#dedup] AS src WHERE src.[id] = [s].[t].[id]);',
    'INSERT INTO [s].[t] ([id], [name]) SELECT [id], [name] FROM [#dedup];',
    'COMMIT;',
  ].join('\n'));
  t.same(upsert, [
    { kind: 'transaction', change: 'begin' }, { kind: 'done', rowCount: 1 }, { kind: 'done', rowCount: 2 }, { kind: 'transaction', change: 'commit' },
  ]);
  t.same(rowsOf(await batch(s, 'SELECT [id], [name] FROM [s].[t] ORDER BY [id]')), [{ id: 1n, name: 'eins' }, { id: 2n, name: 'two' }]);

  t.same(await batch(s, "UPDATE [s].[t] SET [s].[t].[name] = src.[name] FROM [#dedup] AS src WHERE src.[id] = [s].[t].[id] AND src.[id] = 2"), [{ kind: 'done', rowCount: 1 }]);
  t.same(await batch(s, 'UPDATE t SET [name] = src.[name] FROM [s].[t] AS t JOIN [#dedup] AS src ON src.[id] = t.[id] WHERE t.[id] = 2'), [{ kind: 'done', rowCount: 1 }]);

  assertNoErrors(await batch(s, "INSERT INTO [#dedup] ([id], [name]) SELECT 3, N'three'"));
  t.same(await batch(s, 'MERGE INTO [s].[t] AS tgt USING [#dedup] AS src ON tgt.[id] = src.[id] WHEN MATCHED THEN UPDATE SET [name] = src.[name] WHEN NOT MATCHED BY TARGET THEN INSERT ([id], [name]) VALUES (src.[id], src.[name]);'), [{ kind: 'done', rowCount: 5 }], 'two updates count as a delete and an insert each, plus one insert');
  t.same(rowsOf(await batch(s, 'SELECT TOP (2) [id], [name] FROM [s].[t] ORDER BY [id] DESC')), [{ id: 3n, name: 'three' }, { id: 2n, name: 'two' }]);
  t.same(rowsOf(await batch(s, 'SELECT COUNT(*) AS n FROM [s].[t] WHERE [name] IS NOT NULL')), [{ n: 3 }]);

  // CTAS swap (research/synapse.md 1.8): new table, RENAME OBJECT twice, DROP.
  assertNoErrors(await batch(s, [
    'CREATE TABLE [s].[t_new] WITH (DISTRIBUTION = HASH([id]), HEAP) AS SELECT [id], ISNULL(CAST([name] AS NVARCHAR(20)), N\'\') AS [name] FROM [s].[t];',
    'RENAME OBJECT [s].[t] TO [t_old];',
    'RENAME OBJECT [s].[t_new] TO [t];',
    'DROP TABLE [s].[t_old];',
  ].join('\n')));
  t.same(rowsOf(await batch(s, 'SELECT [id], [name] FROM [s].[t] ORDER BY [id]')).length, 3);

  assertNoErrors(await batch(s, 'ALTER TABLE [s].[t] ADD [extra] NVARCHAR(4000) NULL'));
  t.same(rowsOf(await batch(s, "SELECT [extra] FROM [s].[t] WHERE [id] = 1")), [{ extra: null }]);
  t.same(await batch(s, "IF OBJECT_ID('[s].[t]', 'U') IS NOT NULL DROP TABLE [s].[t]"), [{ kind: 'done' }]);
  t.same(await batch(s, "IF OBJECT_ID('[s].[t]', 'U') IS NOT NULL DROP TABLE [s].[t]"), [{ kind: 'done' }]);
  t.same(await batch(s, "IF OBJECT_ID('tempdb..#stg') IS NOT NULL DROP TABLE #stg"), [{ kind: 'done' }]);
  t.same(await batch(s, "IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = N'x') EXEC('CREATE SCHEMA [x]')"), [{ kind: 'done' }]);
  t.same(rowsOf(await batch(s, "SELECT name FROM sys.schemas WHERE name = 'x'")), [{ name: 'x' }]);
});

t.test('SERVERPROPERTY, @@VERSION, @@TRANCOUNT and the login SET batch answer like Synapse', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  const login = 'set ansi_nulls on\nset ansi_null_dflt_on on\nset ansi_padding on\nset ansi_warnings on\nset arithabort on\nset concat_null_yields_null on\nset datefirst 7\nset dateformat mdy\nset implicit_transactions off\nset language us_english\nset numeric_roundabort off\nset quoted_identifier on\nset textsize 2147483647\nset transaction isolation level read committed\nset xact_abort off';
  t.equal((await batch(h.session, login)).length, 15);
  const [row] = rowsOf(await batch(h.session, "SELECT SERVERPROPERTY('EngineEdition') AS edition, @@VERSION AS version"));
  t.equal(row?.['edition'], 6);
  t.match(row?.['version'], /^Microsoft Azure SQL Data Warehouse - 10\.0\./);
  t.same(rowsOf(await batch(h.session, 'BEGIN TRAN; SELECT @@TRANCOUNT AS n')), [{ n: 1 }]);
  t.same(rowsOf(await batch(h.session, 'COMMIT; SELECT @@TRANCOUNT AS n')), [{ n: 0 }]);
});

t.test('values cross the seam exactly: bigint, decimal(38,9), datetimeoffset(7), date, varbinary, uniqueidentifier', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  const s = h.session;
  assertNoErrors(await batch(s, 'CREATE TABLE [v] ([b] BIGINT, [d] DECIMAL(38,9), [o] DATETIMEOFFSET(7), [dt] DATE, [x] VARBINARY(100), [u] UNIQUEIDENTIFIER, [t2] DATETIME2(7), [tm] TIME(7)) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)'));
  assertNoErrors(await rpc(s, 'INSERT INTO [v] ([b], [d], [o], [dt], [x], [u], [t2], [tm]) VALUES (@b, @d, @o, @dt, @x, @u, @t2, @tm)', [
    param('@b', { name: 'bigint' }, 9223372036854775807n),
    param('@d', { name: 'decimal', precision: 38, scale: 9 }, '-12345678901234567890123456789.123456789'),
    param('@o', { name: 'datetimeoffset', scale: 7 }, '1999-12-31 23:59:59.9999999-05:30'),
    param('@dt', { name: 'date' }, '0001-01-01'),
    param('@x', { name: 'varbinary', length: 100 }, Buffer.from([0, 1, 255])),
    param('@u', { name: 'uniqueidentifier' }, '6f9619ff-8b86-d011-b42d-00c04fc964ff'),
    param('@t2', { name: 'datetime2', scale: 7 }, '2024-02-29 12:34:56.7654321'),
    param('@tm', { name: 'time', scale: 7 }, '23:59:59.9999999'),
  ]));
  const outcomes = await batch(s, 'SELECT * FROM [v]');
  t.same(rowsOf(outcomes), [{
    b: 9223372036854775807n, d: '-12345678901234567890123456789.123456789', o: '1999-12-31 23:59:59.9999999-05:30',
    dt: '0001-01-01', x: Buffer.from([0, 1, 255]), u: '6F9619FF-8B86-D011-B42D-00C04FC964FF', t2: '2024-02-29 12:34:56.7654321', tm: '23:59:59.9999999',
  }]);
  const rows = outcomes[0];
  t.same(rows?.kind === 'rows' ? rows.columns.map((c) => c.type) : [], [
    { name: 'bigint' }, { name: 'decimal', precision: 38, scale: 9 }, { name: 'datetimeoffset', scale: 7 }, { name: 'date' },
    { name: 'varbinary', length: 100 }, { name: 'uniqueidentifier' }, { name: 'datetime2', scale: 7 }, { name: 'time', scale: 7 },
  ]);
});

t.test('T-SQL functions: LEN, DB_NAME, SCHEMA_NAME, @@SPID, GETDATE, SYSDATETIMEOFFSET report T-SQL types', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  const [out] = assertNoErrors(await batch(h.session, "SELECT LEN(N'ab ') AS len, DB_NAME() AS db, SCHEMA_NAME() AS sch, @@SPID AS spid, GETDATE() AS now2, SYSDATETIMEOFFSET() AS nowo"));
  t.same(out?.kind === 'rows' ? out.columns.map((c) => c.type.name) : [], ['int', 'nvarchar', 'nvarchar', 'smallint', 'datetime2', 'datetimeoffset']);
  const row = out?.kind === 'rows' ? out.rows[0] : undefined;
  t.same(row?.slice(0, 4), [2, 'dw', 'dbo', 51]);
  t.match(row?.[5], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{7}\+00:00$/);
});
