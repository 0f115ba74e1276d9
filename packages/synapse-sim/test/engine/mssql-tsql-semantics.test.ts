// T-SQL semantics and loader statement shapes (issue 7), end to end through the real mssql client: what passes or
// fails here must pass or fail the same way on Synapse.
import t from 'tap';
import { startSynapseSim } from '../../src/server.js';
import { createRequire } from 'node:module';
import type * as Tedious from 'tedious';
import { failure, sql, type Mssql } from '../tds/mssql.js';

const tedious = createRequire(import.meta.url)('tedious') as typeof Tedious;

const USER = 'loader';
const PASSWORD = 'pw-for-tests';

interface Teardown {
  teardown(fn: () => unknown): void;
}

async function connect(t: Teardown, extra: Partial<Mssql.config> = {}): Promise<Mssql.ConnectionPool> {
  const sim = await startSynapseSim({ user: USER, password: PASSWORD, database: 'dw' });
  const pool = new sql.ConnectionPool({
    server: sim.host, port: sim.port, user: USER, password: PASSWORD, database: 'dw',
    options: { encrypt: false, trustServerCertificate: true }, pool: { max: 1 }, ...extra,
  });
  t.teardown(async () => {
    await pool.close().catch(() => undefined);
    await sim.stop();
  });
  return pool.connect();
}

async function value(pool: Mssql.ConnectionPool, expression: string): Promise<unknown> {
  const r = await pool.request().query(`SELECT ${expression} AS v`);
  return (r.recordset[0] as { v: unknown }).v;
}

export { connect, failure, value };

t.test('integer operands divide as integers, a zero divisor is 8134, and CAST to INT truncates toward zero', async (t) => {
  const pool = await connect(t);
  t.equal(await value(pool, '7 / 2'), 3);
  t.equal(await value(pool, '-7 / 2'), -3);
  t.equal(await value(pool, 'CAST(2.7 AS INT)'), 2);
  t.equal(await value(pool, 'CAST(-2.7 AS INT)'), -2);
  t.equal(await value(pool, "CAST('' AS INT)"), 0);
  t.equal(await value(pool, "CAST(' 42 ' AS INT)"), 42);
  t.equal(await value(pool, '7 % 3'), 1);
  t.equal(await value(pool, '(4 + 2) / -2 * 3'), -9);
  t.same(await failure(pool.request().query('SELECT 1 / 0 AS v')), { number: 8134, message: 'Divide by zero error encountered.' });
  t.equal((await failure(pool.request().query('SELECT 5 % (1 - 1) AS v'))).number, 8134);
  const bad = await failure(pool.request().query("SELECT CAST(N'abc' AS INT) AS v"));
  t.same(bad, { number: 245, message: "Conversion failed when converting the nvarchar value '...' to data type int." }); // the value is masked: it may be a secret
});

t.test('ORDER BY puts NULLs first ascending and last descending', async (t) => {
  const pool = await connect(t);
  await pool.request().batch('CREATE TABLE [n] ([x] INT NULL) WITH (HEAP)');
  for (const x of ['1', 'NULL', '2']) await pool.request().batch(`INSERT INTO [n] ([x]) VALUES (${x})`);
  const asc = await pool.request().query('SELECT [x] FROM [n] ORDER BY [x] ASC');
  t.same(asc.recordset.map((r: { x: unknown }) => r.x), [null, 1, 2]);
  const desc = await pool.request().query('SELECT [x] FROM [n] ORDER BY [x] DESC');
  t.same(desc.recordset.map((r: { x: unknown }) => r.x), [2, 1, null]);
});

t.test('an unknown function is error 195 naming it, as SQL Server words it, even when DuckDB has one of that name', async (t) => {
  const pool = await connect(t);
  const f = await failure(pool.request().query('SELECT no_such_fn(1) AS v'));
  t.equal(f.number, 195);
  t.equal(f.message, "'no_such_fn' is not a recognized built-in function name.");
  t.same(await failure(pool.request().query('SELECT list_value(1, 2) AS v')), { number: 195, message: "'list_value' is not a recognized built-in function name." });
  t.equal((await failure(pool.request().query("SELECT [x] FROM (SELECT 1 AS [x]) AS t WHERE regexp_matches('a', 'a')"))).number, 195);
  const convert = await failure(pool.request().query("SELECT CONVERT(INT, '1') AS v"));
  t.same(convert, { number: 50000, message: 'synapse-sim does not support the built-in function CONVERT.' }, 'a T-SQL built-in the sim lacks is its own gap, not 195');
  t.equal(await value(pool, 'ABS(-2) + LEN(N\'ab\')'), 4, 'built-ins still run');
});

t.test('a decimal precision over 38 is 2750, a scale over its precision 2751, a fractional-seconds scale over 7 is 1002', async (t) => {
  const pool = await connect(t);
  const p = await failure(pool.request().batch('CREATE TABLE [d] ([a] INT NULL, [b] DECIMAL(39,0) NULL) WITH (HEAP)'));
  t.equal(p.number, 2750);
  t.equal(p.message, 'Column or parameter #2: Specified column precision 39 is greater than the maximum precision of 38.');
  t.equal((await failure(pool.request().query('SELECT CAST(1 AS DECIMAL(5,6)) AS v'))).number, 2751);
  const s = await failure(pool.request().batch('CREATE TABLE [o] ([a] DATETIMEOFFSET(8) NULL) WITH (HEAP)'));
  t.equal(s.number, 1002);
  t.equal(s.message, 'Line 1: Specified scale 8 is invalid.');
});

t.test('no error message a client can provoke carries DuckDB text', async (t) => {
  const pool = await connect(t);
  await pool.request().batch('CREATE TABLE [e] ([id] INT NOT NULL, [s] NVARCHAR(10) NULL, [b] VARBINARY(4) NULL) WITH (HEAP)');
  const provocations = [
    'SELECT dateadd_typo(day, 1, 2) AS v',
    'SELECT list_value(1, 2) FROM [nope]',
    'SELECT [zz] FROM [e]',
    "SELECT CAST('abc' AS INT) AS v",
    "SELECT CAST('abc' AS UNIQUEIDENTIFIER) AS v",
    "SELECT CAST('2024-13-45' AS DATE) AS v",
    "INSERT INTO [e] ([id], [s]) VALUES ('x', N'a')",
    'INSERT INTO [e] ([id]) VALUES (NULL)',
    'SELECT 1 + FROM [e]',
    'SELECT [s] + 1 FROM [e] WHERE [s] = 1',
    'SELECT [b] + [id] FROM [e]',
    'SELECT * FROM [e] WHERE [id] IN (SELECT [s], [id] FROM [e])',
    'SELECT SUM([s]) AS v FROM [e]',
    'SELECT CAST(1 AS BIT) + CAST(1 AS UNIQUEIDENTIFIER) AS v',
    "SELECT DATEADD(hour, 1, CAST('2024-01-01' AS DATE)) AS v",
    'SELECT [e].[nope] FROM [e]',
    'UPDATE [e] SET [id] = [s] * 2',
    'SELECT 2147483647 + 1 AS v',
  ];
  // DuckDB's error classes and the words it uses for its own types, as it spells them.
  const duckdbVocabulary = /Catalog Error|Binder Error|Parser Error|Conversion Error|Invalid Input Error|Constraint Error|Out of Range Error|INTERNAL Error|[Dd]uck[Dd][Bb]|LINE \d+:|Did you mean|Candidate functions|\b(?:INT(?:8|16|32|64|128)|VARCHAR|STRING_LITERAL|TIMESTAMP_NS|BLOB)\b/;
  for (const statement of provocations) {
    const f = await failure(pool.request().query(statement));
    t.not(f.number, undefined, `${statement} fails`);
    t.notMatch(f.message, duckdbVocabulary, `${statement}: ${f.message}`);
  }
});

t.test('USE naming the current database succeeds with the database-change notice; another database is 40508', async (t) => {
  const pool = await connect(t);
  const request = pool.request();
  const infos: { number: number; message: string }[] = [];
  request.on('info', (info: { number: number; message: string }) => infos.push({ number: info.number, message: info.message }));
  await request.batch('USE [dw]');
  t.same(infos, [{ number: 5701, message: "Changed database context to 'dw'." }]);
  await pool.request().batch('use DW;');
  t.equal(await value(pool, 'DB_NAME()'), 'dw');
  const other = await failure(pool.request().batch('USE [master]'));
  t.equal(other.number, 40508);
  t.equal(other.message, 'USE statement is not supported to switch between databases. Use a new connection to connect to a different database.');
});

t.test("string + concatenates strings, and 'a' + NULL is NULL; CHAR(n) is the character, NULL outside 0-255", async (t) => {
  const pool = await connect(t);
  await pool.request().batch("CREATE TABLE [c] ([a] NVARCHAR(10) NULL, [b] VARCHAR(10) NULL, [n] INT NULL) WITH (HEAP); INSERT INTO [c] ([a], [b], [n]) VALUES (N'x', 'y', 5)");
  t.equal(await value(pool, "N'a' + N'b' + 'c'"), 'abc');
  t.equal(await value(pool, "'a' + NULL"), null);
  const r = await pool.request().query("SELECT [a] + '-' + [b] AS v, [n] + 1 AS m, 'k' + CHAR(10) + 'l' AS w FROM [c]");
  t.same(r.recordset, [{ v: 'x-y', m: 6, w: 'k\nl' }]);
  t.equal(await value(pool, "N'[' + QUOTENAME(N'a') + ']'"), '[[a]]');
  t.equal(await value(pool, 'CHAR(65)'), 'A');
  t.equal(await value(pool, 'CHAR(256)'), null);
  const p = await pool.request().input('s', sql.NVarChar(10), 'p').query("SELECT @s + N'q' AS v");
  t.equal((p.recordset[0] as { v: unknown }).v, 'pq');
});

t.test('DATEADD keeps the type of its date and clamps month ends; DATEDIFF counts the boundaries crossed', async (t) => {
  const pool = await connect(t);
  const dates = await pool.request().query("SELECT DATEADD(month, 1, CAST('2024-01-31' AS DATE)) AS a, DATEADD(day, 2.9, CAST('2024-01-01' AS DATE)) AS b");
  t.same(dates.recordset.map((r: { a: Date; b: Date }) => [r.a.toISOString(), r.b.toISOString()]), [['2024-02-29T00:00:00.000Z', '2024-01-03T00:00:00.000Z']]);
  t.same(dates.recordset.columns.a?.type, sql.Date);
  const dt2 = await pool.request().query("SELECT DATEADD(hour, -1, CAST('2024-01-01 00:30:00.1234567' AS DATETIME2(7))) AS v");
  t.equal((dt2.recordset[0] as { v: Date }).v.toISOString(), '2023-12-31T23:30:00.123Z');
  t.equal(await value(pool, "DATEDIFF(year, '2024-12-31 23:59:59', '2025-01-01 00:00:00')"), 1);
  t.equal(await value(pool, "DATEDIFF(day, '2024-01-01 23:59', '2024-01-02 00:01')"), 1);
  t.equal(await value(pool, "DATEDIFF(second, '2024-01-01 00:00:00.9', '2024-01-01 00:00:01.1')"), 1);
  // Weeks start on Sunday: 2024-01-06 is a Saturday, 2024-01-07 a Sunday.
  t.equal(await value(pool, "DATEDIFF(week, '2024-01-06', '2024-01-07')"), 1);
  t.equal(await value(pool, "DATEDIFF(week, '2024-01-07', '2024-01-13')"), 0);
  t.equal(await value(pool, "DATEDIFF(month, '2024-03-01', '2024-01-31')"), -2);
  t.equal((await failure(pool.request().query("SELECT DATEDIFF(millisecond, '1900-01-01', '2024-01-01') AS v"))).number, 535);
  t.equal((await failure(pool.request().query("SELECT DATEADD(hour, 1, CAST('2024-01-01' AS DATE)) AS v"))).number, 9810);
  t.equal((await failure(pool.request().query("SELECT DATEADD(fortnight, 1, '2024-01-01') AS v"))).number, 155);
});

t.test('XACT_STATE is 0 outside a transaction, 1 inside, and -2 once it failed (then only ROLLBACK runs)', async (t) => {
  // Pool validation would run SELECT 1 on the doomed connection and replace it; keep the one connection.
  const pool = await connect(t, { validateConnection: 'socket' } as Partial<Mssql.config>);
  t.equal(await value(pool, 'XACT_STATE()'), 0);
  const inside = await pool.request().batch('BEGIN TRAN; SELECT XACT_STATE() AS v');
  t.equal((inside.recordset[0] as { v: unknown }).v, 1);
  t.equal((await failure(pool.request().batch('SELECT 1 FROM [nope]'))).number, 208);
  t.equal((await failure(pool.request().batch('SELECT XACT_STATE() AS v'))).number, 111233, 'a failed transaction refuses even SELECT');
  await pool.request().batch('IF XACT_STATE() = -2 ROLLBACK');
  t.equal(await value(pool, 'XACT_STATE()'), 0);
  t.equal(await value(pool, '@@TRANCOUNT'), 0);
});

t.test('DATALENGTH counts bytes: 2 per UTF-16 unit for nvarchar, 1 per character for varchar, fixed sizes for numbers', async (t) => {
  const pool = await connect(t);
  await pool.request().batch('CREATE TABLE [l] ([n] NVARCHAR(10) NULL, [v] VARCHAR(10) NULL, [b] VARBINARY(10) NULL, [i] INT NULL, [g] BIGINT NULL) WITH (HEAP)');
  await pool.request().input('n', sql.NVarChar(10), 'a😀').input('b', sql.VarBinary(10), Buffer.from([1, 2, 3]))
    .query("INSERT INTO [l] ([n], [v], [b], [i], [g]) VALUES (@n, 'abc', @b, 7, 7)");
  const r = await pool.request().query('SELECT DATALENGTH([n]) AS n, DATALENGTH([v]) AS v, DATALENGTH([b]) AS b, DATALENGTH([i]) AS i, DATALENGTH([g]) AS g FROM [l]');
  t.same(r.recordset, [{ n: 6, v: 3, b: 3, i: 4, g: 8 }]);
  t.equal(await value(pool, "DATALENGTH(N'abc')"), 6);
  t.equal(await value(pool, "DATALENGTH('abc')"), 3);
  t.equal(await value(pool, 'DATALENGTH(NULL)'), null);
});

t.test('NEWID returns a fresh uniqueidentifier; QUOTENAME doubles the closing quote and is NULL over 128 characters', async (t) => {
  const pool = await connect(t);
  const ids = await pool.request().query('SELECT NEWID() AS a, NEWID() AS b');
  const row = ids.recordset[0] as { a: string; b: string };
  t.match(row.a, /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  t.not(row.a, row.b);
  t.equal(await value(pool, "QUOTENAME(N'a]b')"), '[a]]b]');
  t.equal(await value(pool, "QUOTENAME(N'a\"b', '\"')"), '"a""b"');
  t.equal(await value(pool, "QUOTENAME(N'it''s', '''')"), "'it''s'");
  t.equal(await value(pool, `QUOTENAME(N'${'x'.repeat(128)}')`), `[${'x'.repeat(128)}]`);
  t.equal(await value(pool, `QUOTENAME(N'${'x'.repeat(129)}')`), null);
  t.equal(await value(pool, "QUOTENAME(N'a', 'x')"), null);
});

t.test('MERGE is refused with 8672 when a target row matches two source rows; unmatched duplicates are all inserted', async (t) => {
  const pool = await connect(t);
  await pool.request().batch([
    'CREATE TABLE [tgt] ([id] INT NOT NULL, [v] NVARCHAR(10) NULL) WITH (DISTRIBUTION = HASH([id]), HEAP);',
    "INSERT INTO [tgt] ([id], [v]) VALUES (1, N'old');",
    'CREATE TABLE [#src] ([id] INT NOT NULL, [v] NVARCHAR(10) NULL) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);',
    "INSERT INTO [#src] ([id], [v]) SELECT 1, N'a' UNION ALL SELECT 1, N'b'",
  ].join('\n'));
  const upsert = 'MERGE INTO [tgt] AS t USING [#src] AS s ON t.[id] = s.[id] WHEN MATCHED THEN UPDATE SET t.[v] = s.[v] WHEN NOT MATCHED THEN INSERT ([id], [v]) VALUES (s.[id], s.[v]);';
  const dup = await failure(pool.request().batch(upsert));
  t.equal(dup.number, 8672);
  t.match(dup.message, /^The MERGE statement attempted to UPDATE or DELETE the same row more than once\. This happens when a target row matches more than one source row\./);
  t.same((await pool.request().query('SELECT [id], [v] FROM [tgt]')).recordset, [{ id: 1, v: 'old' }], 'nothing changed');
  const del = await failure(pool.request().batch('MERGE [tgt] USING [#src] ON [tgt].[id] = [#src].[id] WHEN MATCHED THEN DELETE;'));
  t.equal(del.number, 8672, 'DELETE too, with the target unaliased');
  const insertOnly = await pool.request().batch('MERGE INTO [tgt] AS t USING [#src] AS s ON t.[id] = s.[id] WHEN NOT MATCHED THEN INSERT ([id], [v]) VALUES (s.[id], s.[v]);');
  t.same(insertOnly.rowsAffected, [0], 'without WHEN MATCHED two matches touch nothing, so no error');

  await pool.request().batch("TRUNCATE TABLE [#src]; INSERT INTO [#src] ([id], [v]) SELECT 2, N'x' UNION ALL SELECT 2, N'y'");
  const inserted = await pool.request().batch(upsert);
  t.same(inserted.rowsAffected, [2]);
  t.same((await pool.request().query('SELECT [id], [v] FROM [tgt] ORDER BY [v]')).recordset, [{ id: 1, v: 'old' }, { id: 2, v: 'x' }, { id: 2, v: 'y' }]);
});

t.test('ALTER TABLE ADD of a NOT NULL column is refused with 4901 on a table with rows and allowed on an empty one', async (t) => {
  const pool = await connect(t);
  await pool.request().batch('CREATE TABLE [a] ([id] INT NOT NULL) WITH (HEAP); CREATE TABLE [b] ([id] INT NOT NULL) WITH (HEAP); INSERT INTO [a] ([id]) VALUES (1)');
  const refused = await failure(pool.request().batch('ALTER TABLE [a] ADD [c] INT NOT NULL'));
  t.equal(refused.number, 4901);
  t.match(refused.message, /Column 'c' cannot be added to non-empty table 'a' because it does not satisfy these conditions\.$/);
  const cols = await pool.request().query("SELECT COUNT(*) AS n FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'a'");
  t.equal((cols.recordset[0] as { n: number }).n, 1, 'the column was not added');
  await pool.request().batch('ALTER TABLE [a] ADD [d] INT NULL');
  await pool.request().batch('ALTER TABLE [b] ADD [c] INT NOT NULL');
  const defaulted = await failure(pool.request().batch('ALTER TABLE [a] ADD [e] INT NOT NULL DEFAULT 0'));
  t.match(defaulted.message, /does not support DEFAULT constraints/, 'a DEFAULT is refused loudly, not dropped');
});

t.test('SELECT ... INTO #tmp creates and fills a temp table with the source columns declared types, as a loader stages rows', async (t) => {
  const pool = await connect(t);
  await pool.request().batch("CREATE TABLE [src] ([id] BIGINT NOT NULL, [name] NVARCHAR(20) NULL) WITH (HEAP); INSERT INTO [src] ([id], [name]) SELECT 1, N'a' UNION ALL SELECT 2, N'b'");
  const into = await pool.request().batch('SELECT * INTO [#tmp] FROM (SELECT [id], [name] FROM [src] WHERE [id] > 1) AS t;');
  t.same(into.rowsAffected, [1]);
  const rows = await pool.request().query('SELECT [id], [name] FROM [#tmp]');
  t.same(rows.recordset, [{ id: '2', name: 'b' }]);
  const { id, name } = rows.recordset.columns as unknown as Record<string, { type: unknown; length: number; nullable: boolean }>;
  t.same([id?.type, id?.nullable, name?.type, name?.length], [sql.BigInt, false, sql.NVarChar, 40], 'declared types carried over (mssql reports nvarchar length in bytes)');
  await pool.request().batch('SELECT * INTO [dbo].[src_empty] FROM [src] WHERE 1 = 0');
  t.same((await pool.request().query('SELECT COUNT(*) AS n FROM [dbo].[src_empty]')).recordset, [{ n: 0 }]);
  t.equal((await failure(pool.request().batch('SELECT * INTO [src] FROM [src]'))).number, 2714);
  t.equal((await failure(pool.request().batch('BEGIN TRAN; SELECT * INTO [#t2] FROM [src]'))).number, 574, 'refused inside a transaction like CTAS');
});

t.test('DELETE t FROM t JOIN s ON ... deletes the matching target rows, with or without an alias', async (t) => {
  const pool = await connect(t);
  await pool.request().batch([
    'CREATE TABLE [dbo].[t] ([id] INT NOT NULL, [v] INT NULL) WITH (HEAP);',
    'INSERT INTO [dbo].[t] ([id], [v]) SELECT 1, 10 UNION ALL SELECT 2, 20 UNION ALL SELECT 3, 30 UNION ALL SELECT 4, 40;',
    'CREATE TABLE [#s] ([id] INT NOT NULL) WITH (HEAP);',
    'INSERT INTO [#s] ([id]) SELECT 1 UNION ALL SELECT 2',
  ].join('\n'));
  const joined = await pool.request().batch('DELETE [dbo].[t] FROM [dbo].[t] JOIN [#s] ON [dbo].[t].[id] = [#s].[id] WHERE [dbo].[t].[v] > 10');
  t.same(joined.rowsAffected, [1]);
  const aliased = await pool.request().batch('DELETE d FROM [dbo].[t] AS d INNER JOIN [#s] AS s ON d.[id] = s.[id]');
  t.same(aliased.rowsAffected, [1]);
  const implicit = await pool.request().batch('DELETE FROM [t] FROM [t], [#s] WHERE [t].[id] = [#s].[id] + 2');
  t.same(implicit.rowsAffected, [2]);
  t.same((await pool.request().query('SELECT COUNT(*) AS n FROM [t]')).recordset, [{ n: 0 }]);
  t.equal((await failure(pool.request().batch('DELETE x FROM [t] AS d JOIN [#s] AS s ON d.[id] = s.[id]'))).number, 208);
});

t.test('DROP SCHEMA drops an empty schema; one with tables is 3729, a missing one 15151, dbo 3708', async (t) => {
  const pool = await connect(t);
  await pool.request().batch('CREATE SCHEMA [stage]');
  await pool.request().batch('CREATE TABLE [stage].[x] ([id] INT NULL) WITH (HEAP)');
  const inUse = await failure(pool.request().batch('DROP SCHEMA [stage]'));
  t.equal(inUse.number, 3729);
  t.equal(inUse.message, "Cannot drop schema 'stage' because it is being referenced by object 'x'.");
  await pool.request().batch('DROP TABLE [stage].[x]');
  await pool.request().batch('DROP SCHEMA [stage]');
  t.same((await pool.request().query("SELECT COUNT(*) AS n FROM sys.schemas WHERE name = 'stage'")).recordset, [{ n: 0 }]);
  await pool.request().batch('CREATE SCHEMA [stage]');
  t.equal((await failure(pool.request().batch('DROP SCHEMA [nope]'))).number, 15151);
  t.equal((await failure(pool.request().batch('DROP SCHEMA [dbo]'))).number, 3708);
});

t.test('USE [dw] answers with the ENVCHANGE database change a client tracks (tedious databaseChange)', async (t) => {
  const sim = await startSynapseSim({ user: USER, password: PASSWORD, database: 'dw' });
  t.teardown(() => sim.stop());
  const connection = new tedious.Connection({
    server: sim.host,
    authentication: { type: 'default', options: { userName: USER, password: PASSWORD } },
    options: { port: sim.port, database: 'dw', encrypt: false, trustServerCertificate: true },
  });
  const changes: string[] = [];
  connection.on('databaseChange', (name: string) => changes.push(name));
  await new Promise<void>((resolve, reject) => {
    connection.on('connect', (e) => (e === undefined || e === null ? resolve() : reject(e)));
    connection.connect();
  });
  t.teardown(() => connection.close());
  t.same(changes, ['dw'], 'the login lands in dw');
  await new Promise<void>((resolve, reject) => {
    connection.execSqlBatch(new tedious.Request('USE [dw]', (e) => (e === undefined || e === null ? resolve() : reject(e))));
  });
  t.same(changes, ['dw', 'dw'], 'USE reports the database change');
});
