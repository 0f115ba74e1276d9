// End to end through the real mssql client and the TDS server: statement shapes, catalog answers and every
// Synapse refusal as the target would meet them.
import { createRequire } from 'node:module';
import t from 'tap';
import type * as Mssql from 'mssql';
import { startSynapseSim } from '../../src/server.js';
import type { FaultSettings } from '../../src/contract.js';
import { failure } from '../tds/mssql.js';

const sql = createRequire(import.meta.url)('mssql') as typeof Mssql;
const USER = 'loader';
const PASSWORD = 'pw-for-tests';

interface Teardown {
  teardown(fn: () => unknown): void;
}

async function connect(t: Teardown, faults?: FaultSettings): Promise<{ readonly pool: (extra?: Partial<Mssql.config>) => Promise<Mssql.ConnectionPool> }> {
  const sim = await startSynapseSim({ user: USER, password: PASSWORD, database: 'dw', ...(faults === undefined ? {} : { faults }) });
  const pools: Mssql.ConnectionPool[] = [];
  t.teardown(async () => {
    await Promise.all(pools.map((p) => p.close().catch(() => undefined)));
    await sim.stop();
  });
  return {
    pool: async (extra = {}) => {
      const pool = new sql.ConnectionPool({
        server: sim.host, port: sim.port, user: USER, password: PASSWORD, database: 'dw',
        options: { encrypt: false, trustServerCertificate: true }, pool: { max: 1 }, ...extra,
      });
      pools.push(pool);
      return pool.connect();
    },
  };
}

t.test('the load sequence runs through mssql: DDL, params, upsert in a transaction, MERGE, CTAS swap, catalog', async (t) => {
  const pool = await (await connect(t)).pool();
  await pool.request().batch("IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = N'sales') EXEC('CREATE SCHEMA [sales]')");
  await pool.request().batch('CREATE TABLE [sales].[orders] ([id] BIGINT NOT NULL, [name] NVARCHAR(100) NULL, [amount] DECIMAL(38,9) NULL, [at] DATETIMEOFFSET(7) NULL, [ok] BIT NULL, [body] NVARCHAR(MAX) NULL) WITH (DISTRIBUTION = HASH([id]), HEAP)');
  const inserted = await pool.request()
    .input('id', sql.BigInt, '1').input('name', sql.NVarChar(100), 'Zoë').input('amount', sql.Decimal(38, 9), 12.5)
    .input('at', sql.DateTimeOffset(7), new Date('2024-05-06T07:08:09.123Z')).input('ok', sql.Bit, true)
    .query('INSERT INTO [sales].[orders] ([id], [name], [amount], [at], [ok]) VALUES (@id, @name, @amount, @at, @ok)');
  t.same(inserted.rowsAffected, [1]);

  await pool.request().batch("CREATE TABLE [#stg] ([id] BIGINT NOT NULL, [name] NVARCHAR(100) NULL) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);\nINSERT INTO [#stg] ([id], [name]) SELECT 1, N'updated' UNION ALL SELECT 2, N'new'");
  const upsert = await pool.request().batch([
    'BEGIN TRAN;',
    'DELETE FROM [sales].[orders] WHERE EXISTS (SELECT 1 FROM [#stg] AS src WHERE src.[id] = [sales].[orders].[id]);',
    'INSERT INTO [sales].[orders] ([id], [name]) SELECT [id], [name] FROM [#stg];',
    'COMMIT;',
  ].join('\n'));
  t.same(upsert.rowsAffected, [1, 2]);
  const rows = await pool.request().query('SELECT TOP (10) [id], [name] FROM [sales].[orders] ORDER BY [id]');
  t.same(rows.recordset, [{ id: '1', name: 'updated' }, { id: '2', name: 'new' }]);

  const merged = await pool.request().batch('MERGE INTO [sales].[orders] AS t USING [#stg] AS s ON t.[id] = s.[id] WHEN MATCHED THEN UPDATE SET [name] = s.[name] WHEN NOT MATCHED THEN INSERT ([id], [name]) VALUES (s.[id], s.[name]);');
  t.same(merged.rowsAffected, [4], 'Synapse counts each MERGE update as a delete and an insert');
  await pool.request().batch("UPDATE [sales].[orders] SET [sales].[orders].[ok] = 0 FROM [#stg] AS src WHERE src.[id] = [sales].[orders].[id]");

  await pool.request().batch([
    'CREATE TABLE [sales].[orders_new] WITH (DISTRIBUTION = HASH([id]), HEAP) AS SELECT * FROM [sales].[orders];',
    'RENAME OBJECT [sales].[orders] TO [orders_old];',
    'RENAME OBJECT [sales].[orders_new] TO [orders];',
    'DROP TABLE [sales].[orders_old];',
    'ALTER TABLE [sales].[orders] ADD [extra] NVARCHAR(4000) NULL;',
  ].join('\n'));
  const columns = await pool.request().input('schema', sql.NVarChar, 'sales').input('table', sql.NVarChar, 'orders')
    .query('SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = @schema AND TABLE_NAME = @table ORDER BY ORDINAL_POSITION');
  t.same(columns.recordset.map((r: Record<string, unknown>) => [r['COLUMN_NAME'], r['DATA_TYPE'], r['CHARACTER_MAXIMUM_LENGTH'], r['NUMERIC_PRECISION'], r['NUMERIC_SCALE'], r['IS_NULLABLE']]), [
    ['id', 'bigint', null, 19, 0, 'NO'], ['name', 'nvarchar', 100, null, null, 'YES'], ['amount', 'decimal', null, 38, 9, 'YES'],
    ['at', 'datetimeoffset', null, null, null, 'YES'], ['ok', 'bit', null, null, null, 'YES'], ['body', 'nvarchar', -1, null, null, 'YES'],
    ['extra', 'nvarchar', 4000, null, null, 'YES'],
  ]);
  const values = await pool.request().query('SELECT [amount], [at], [ok] FROM [sales].[orders] WHERE [id] = 2');
  t.same(values.recordset, [{ amount: null, at: null, ok: false }]);
  const info = await pool.request().query("SELECT SERVERPROPERTY('EngineEdition') AS edition, @@VERSION AS version, @@TRANCOUNT AS tc");
  t.match(info.recordset[0], { edition: 6, version: /^Microsoft Azure SQL Data Warehouse - 10\.0\./, tc: 0 });
  await pool.request().batch("IF OBJECT_ID('tempdb..#stg') IS NOT NULL DROP TABLE #stg");
});

t.test('values come back exact through mssql: DECIMAL(38,9), DATETIMEOFFSET(7), BIGINT', async (t) => {
  const pool = await (await connect(t)).pool();
  await pool.request().batch("CREATE TABLE [v] ([d] DECIMAL(38,9), [o] DATETIMEOFFSET(7), [b] BIGINT) WITH (HEAP);\nINSERT INTO [v] ([d], [o], [b]) VALUES (12345.123456789, '2024-05-06 07:08:09.1234567+02:00', 9007199254740993)");
  const r = await pool.request().query('SELECT [d], [o], [b] FROM [v]');
  const row = r.recordset[0] as { d: number; o: Date & { nanosecondsDelta?: number }; b: string };
  t.equal(row.d, 12345.123456789);
  t.equal(row.o.toISOString(), '2024-05-06T05:08:09.123Z');
  t.equal(row.o.nanosecondsDelta?.toFixed(7), '0.0004567', 'all 7 fractional digits');
  t.equal(row.b, '9007199254740993');
});

t.test('every Synapse refusal reaches mssql with its number', async (t) => {
  const pool = await (await connect(t)).pool();
  await pool.request().batch('CREATE TABLE [rr] ([id] BIGINT NOT NULL, [name] NVARCHAR(5) NULL, [amt] DECIMAL(5,2) NULL) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)');
  const refusals: readonly (readonly [string, string, number])[] = [
    ['multi-row VALUES', "INSERT INTO [rr] ([id]) VALUES (1), (2)", 103010],
    ['MAX column in CCI', 'CREATE TABLE [c] ([b] NVARCHAR(MAX)) WITH (DISTRIBUTION = ROUND_ROBIN, CLUSTERED COLUMNSTORE INDEX)', 35343],
    ['MERGE without semicolon', 'MERGE INTO [rr] AS t USING [rr] AS s ON t.[id] = s.[id] WHEN MATCHED THEN DELETE', 10713],
    ['MERGE with a table value constructor in USING', 'MERGE INTO [rr] AS t USING (VALUES (1)) AS s ([id]) ON t.[id] = s.[id] WHEN MATCHED THEN DELETE;', 103010],
    ['MERGE insert into ROUND_ROBIN', 'MERGE INTO [rr] AS t USING [rr] AS s ON t.[id] = s.[id] WHEN NOT MATCHED THEN INSERT ([id]) VALUES (s.[id]);', 100087],
    ['identifier over 128', `CREATE TABLE [${'x'.repeat(129)}] ([a] INT) WITH (HEAP)`, 103],
    ['temp name over 116', `CREATE TABLE [#${'x'.repeat(116)}] ([a] INT) WITH (HEAP)`, 193],
    ['over 1024 columns', `CREATE TABLE [w] (${Array.from({ length: 1025 }, (_, i) => `[c${i}] INT`).join(', ')}) WITH (HEAP)`, 1702],
    ['string truncation', "INSERT INTO [rr] ([id], [name]) VALUES (1, N'toolong')", 8152],
    ['arithmetic overflow', 'INSERT INTO [rr] ([id], [amt]) VALUES (1, 1000)', 8115],
    ['invalid object', 'SELECT * FROM [nope]', 208],
    ['invalid column', 'SELECT [nope] FROM [rr]', 207],
    ['unknown shape', 'GRANT SELECT ON [rr] TO [bob]', 103010],
  ];
  for (const [name, text, number] of refusals) {
    t.equal((await failure(pool.request().batch(text))).number, number, name);
  }
  const trunc = await failure(pool.request().input('n', sql.NVarChar(4000), 'toolong').query('INSERT INTO [rr] ([id], [name]) VALUES (1, @n)'));
  t.equal(trunc.number, 8152, 'truncation through sp_executesql parameters');
});

t.test('transactions through mssql: DDL refused inside, nesting refused, doom until ROLLBACK, then 111214', async (t) => {
  // mssql validates each acquired connection with SELECT 1, which a doomed transaction refuses: the pool would
  // then replace the connection (and its transaction). Keep one connection for the textual-transaction checks.
  const pool = await (await connect(t)).pool({ validateConnection: false });
  await pool.request().batch('CREATE TABLE [t] ([id] BIGINT NOT NULL, [name] NVARCHAR(5) NULL) WITH (DISTRIBUTION = HASH([id]), HEAP)');
  t.equal((await failure(pool.request().batch('BEGIN TRAN; CREATE TABLE [x] ([a] INT) WITH (HEAP)'))).number, 574);
  t.equal((await failure(pool.request().batch('SELECT 1 AS one'))).number, 111233);
  await pool.request().batch('ROLLBACK');
  t.equal((await failure(pool.request().batch('ROLLBACK'))).number, 111214);
  t.equal((await failure(pool.request().batch('BEGIN TRAN; BEGIN TRAN'))).number, 574);
  await pool.request().batch('ROLLBACK');

  const tx = new sql.Transaction(pool);
  await tx.begin();
  await new sql.Request(tx).batch('INSERT INTO [t] ([id]) VALUES (1)');
  t.equal((await failure(new sql.Request(tx).batch("INSERT INTO [t] ([id], [name]) VALUES (2, N'toolong')"))).number, 8152);
  t.equal((await failure(new sql.Request(tx).batch('INSERT INTO [t] ([id]) VALUES (3)'))).number, 111233);
  await tx.rollback();
  const count = await pool.request().query('SELECT COUNT(*) AS n FROM [t]');
  t.same(count.recordset, [{ n: 0 }]);
});

t.test('#temp tables are isolated between connections', async (t) => {
  const sim = await connect(t);
  const a = await sim.pool();
  const b = await sim.pool();
  await a.request().batch("CREATE TABLE #stg ([v] NVARCHAR(5)) WITH (HEAP); INSERT INTO #stg ([v]) VALUES (N'a')");
  await b.request().batch("CREATE TABLE #stg ([v] NVARCHAR(5)) WITH (HEAP); INSERT INTO #stg ([v]) VALUES (N'b')");
  t.same((await a.request().batch('SELECT [v] FROM #stg')).recordset, [{ v: 'a' }]);
  t.same((await b.request().batch('SELECT [v] FROM #stg')).recordset, [{ v: 'b' }]);
});

t.test('more shapes through mssql: ALTER COLUMN, TRUNCATE, dedupe CTAS, UPDATE ... JOIN, DELETE ... IN, sys.* joins', async (t) => {
  const pool = await (await connect(t)).pool();
  await pool.request().batch([
    'CREATE TABLE [dbo].[people] ([id] BIGINT NOT NULL, [name] NVARCHAR(10) NULL, [seq] INT NULL) WITH (DISTRIBUTION = ROUND_ROBIN, CLUSTERED COLUMNSTORE INDEX)',
    "INSERT INTO [dbo].[people] ([id], [name], [seq]) SELECT 1, N'a', 1 UNION ALL SELECT 1, N'b', 2 UNION ALL SELECT 2, N'c', 1",
  ].join('\n'));
  await pool.request().batch('ALTER TABLE [dbo].[people] ALTER COLUMN [name] NVARCHAR(4000) NULL');
  await pool.request().batch([
    'CREATE TABLE [#dedup]',
    'WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)',
    'AS',
    'SELECT [id], [name] FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY [id] ORDER BY [seq] DESC) AS __rn FROM [dbo].[people]) AS x WHERE __rn = 1',
  ].join('\n'));
  t.same((await pool.request().batch('SELECT [id], [name] FROM [#dedup] ORDER BY [id]')).recordset, [{ id: '1', name: 'b' }, { id: '2', name: 'c' }]);
  const updated = await pool.request().batch("UPDATE p SET [name] = d.[name] FROM [dbo].[people] AS p INNER JOIN [#dedup] AS d ON d.[id] = p.[id] WHERE p.[seq] = 1");
  t.same(updated.rowsAffected, [2]);
  const deleted = await pool.request().batch('DELETE FROM [dbo].[people] WHERE [id] IN (SELECT [id] FROM [#dedup] WHERE [id] = 2)');
  t.same(deleted.rowsAffected, [1]);
  const tables = await pool.request().input('schema', sql.NVarChar(128), 'dbo').query(
    'SELECT TOP 5 t.[name] AS [table], i.[type_desc] AS [index], p.[distribution_policy_desc] AS [distribution] FROM sys.tables AS t INNER JOIN sys.schemas AS s ON s.[schema_id] = t.[schema_id] INNER JOIN sys.indexes AS i ON i.[object_id] = t.[object_id] INNER JOIN sys.pdw_table_distribution_properties AS p ON p.[object_id] = t.[object_id] WHERE s.[name] = @schema');
  t.same(tables.recordset, [{ table: 'people', index: 'CLUSTERED COLUMNSTORE', distribution: 'ROUND_ROBIN' }]);
  await pool.request().batch('TRUNCATE TABLE [dbo].[people]');
  t.same((await pool.request().query('SELECT COUNT(*) AS n FROM [dbo].[people]')).recordset, [{ n: 0 }]);
  t.same((await pool.request().query('SELECT COUNT(*) FROM [dbo].[people]')).recordset, [{ '': 0 }], 'an unaliased expression has no name');
  await pool.request().batch("IF OBJECT_ID('tempdb..#dedup') IS NOT NULL DROP TABLE [#dedup]");
  t.equal((await failure(pool.request().batch('SELECT * FROM [#dedup]'))).number, 208);
});

t.test('the transient-error knob reaches mssql as 40501 with the service-busy text', async (t) => {
  // Seeded: the same statements fail on every run. The pattern keeps the login batch and pool validation unfaulted.
  const sim = await connect(t, { transientErrorRate: 0.3, seed: 42, faultStatementPattern: /^SELECT 1 AS one$/ });
  const pool = await sim.pool();
  const numbers: (number | undefined)[] = [];
  let message = '';
  for (let i = 0; i < 20; i++) {
    const f = await failure(pool.request().batch('SELECT 1 AS one'));
    numbers.push(f.number);
    if (f.number === 40501) message = f.message;
  }
  t.ok(numbers.includes(40501), 'some statements fail with 40501');
  t.ok(numbers.includes(undefined), 'others succeed');
  t.match(message, /^The service is currently busy\. Retry the request after 10 seconds\./);
});
