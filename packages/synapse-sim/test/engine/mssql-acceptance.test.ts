// Issue 4's acceptance items that the other end-to-end files left to the fake engine or did not reach: every
// listed parameter type round-tripped through the real DuckDB engine, the remaining statement shapes, and the
// catalog's T-SQL type names for every declarable type, all through the real mssql client.
import t from 'tap';
import { startHarness } from '../tds/harness.js';
import { sql, type Mssql } from '../tds/mssql.js';

const LONG = 'Zoë "q", x 🎉\r\n'.repeat(7143).slice(0, 100_000);

function preciseDate(iso: string, nanosecondDelta: number): Date {
  return Object.assign(new Date(iso), { nanosecondDelta });
}

t.test('every listed parameter type round-trips through the DuckDB engine, and NULL of each', async (t) => {
  const pool = await (await startHarness(t, undefined)).connect();
  await pool.request().batch(`CREATE TABLE [dbo].[p] ([k] INT NOT NULL, [i] INT NULL, [b] BIGINT NULL, [bit] BIT NULL, [f] FLOAT NULL,
    [d] DECIMAL(38,9) NULL, [s] NVARCHAR(50) NULL, [m] NVARCHAR(MAX) NULL, [t2] DATETIME2(7) NULL, [o] DATETIMEOFFSET(7) NULL,
    [dt] DATE NULL) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)`);
  const insert = 'INSERT INTO [dbo].[p] ([k], [i], [b], [bit], [f], [d], [s], [m], [t2], [o], [dt]) VALUES (@k, @i, @b, @bit, @f, @d, @s, @m, @t2, @o, @dt)';
  const row = (k: number, v: Record<string, unknown>): Mssql.Request => pool.request().input('k', sql.Int, k)
    .input('i', sql.Int, v['i']).input('b', sql.BigInt, v['b']).input('bit', sql.Bit, v['bit']).input('f', sql.Float, v['f'])
    .input('d', sql.Decimal(38, 9), v['d']).input('s', sql.NVarChar(50), v['s']).input('m', sql.NVarChar(sql.MAX), v['m'])
    .input('t2', sql.DateTime2(7), v['t2']).input('o', sql.DateTimeOffset(7), v['o']).input('dt', sql.Date, v['dt']);
  await row(1, {
    i: 2147483647, b: '9223372036854775807', bit: true, f: -1.2345678901234567e-300, d: -12345.123456789, s: 'héllo, wörld',
    m: LONG, t2: preciseDate('2024-05-06T07:08:09.123Z', 0.0004567), o: preciseDate('2024-05-06T07:08:09.123Z', 0.0004567), dt: new Date('2024-02-29T00:00:00Z'),
  }).query(insert);
  await row(2, { i: -2147483648, b: '-9223372036854775808', bit: false, f: 0, d: 0.000000001, s: '', m: '', t2: null, o: null, dt: new Date('0001-01-01T00:00:00Z') }).query(insert);
  await row(3, { i: null, b: null, bit: null, f: null, d: null, s: null, m: null, t2: null, o: null, dt: null }).query(insert);
  const result = await pool.request().query('SELECT [k], [i], [b], [bit], [f], [d], [s], [m], [t2], [o], [dt] FROM [dbo].[p] ORDER BY [k]');
  const [one, two, three] = result.recordset as Record<string, unknown>[];
  t.match(one, { i: 2147483647, b: '9223372036854775807', bit: true, f: -1.2345678901234567e-300, d: -12345.123456789, s: 'héllo, wörld' });
  t.equal((one?.['m'] as string).length, 100_000, 'NVARCHAR(MAX): 100,000 characters');
  t.equal(one?.['m'], LONG, 'NVARCHAR(MAX): the same characters, emoji and CR/LF included');
  const t2 = one?.['t2'] as Date & { nanosecondsDelta?: number };
  t.equal(t2.toISOString(), '2024-05-06T07:08:09.123Z');
  t.equal(t2.nanosecondsDelta?.toFixed(7), '0.0004567', 'DATETIME2(7) keeps 100 ns');
  const o = one?.['o'] as Date & { nanosecondsDelta?: number };
  t.equal(o.toISOString(), '2024-05-06T07:08:09.123Z', 'DATETIMEOFFSET: the same instant');
  t.equal(o.nanosecondsDelta?.toFixed(7), '0.0004567', 'DATETIMEOFFSET keeps 100 ns');
  t.same(one?.['dt'], new Date('2024-02-29T00:00:00Z'));
  t.match(two, { i: -2147483648, b: '-9223372036854775808', bit: false, f: 0, d: 0.000000001, s: '', m: '', t2: null, o: null, dt: new Date('0001-01-01T00:00:00Z') });
  t.same(three, { k: 3, i: null, b: null, bit: null, f: null, d: null, s: null, m: null, t2: null, o: null, dt: null });
});

t.test('DATETIMEOFFSET sent with non-zero offsets is stored as the same instant', async (t) => {
  const pool = await (await startHarness(t, undefined)).connect();
  await pool.request().batch('CREATE TABLE [dbo].[o] ([k] INT NOT NULL, [o] DATETIMEOFFSET(7) NULL) WITH (HEAP)');
  const savedTz = process.env['TZ'];
  t.teardown(() => {
    if (savedTz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = savedTz;
  });
  // tedious sends the local time and offset of the process's time zone.
  const zones = ['Asia/Kolkata', 'America/St_Johns'];
  for (const [k, zone] of zones.entries()) {
    process.env['TZ'] = zone;
    await pool.request().input('k', sql.Int, k).input('o', sql.DateTimeOffset(7), new Date('2024-05-06T07:08:09.123Z'))
      .query('INSERT INTO [dbo].[o] ([k], [o]) VALUES (@k, @o)');
  }
  const rows = await pool.request().query('SELECT [k], [o] FROM [dbo].[o] ORDER BY [k]');
  t.same(rows.recordset.map((r: { o: Date }) => r.o.toISOString()), ['2024-05-06T07:08:09.123Z', '2024-05-06T07:08:09.123Z'],
    'both offsets name the same instant');
});

t.test('the remaining statement shapes run through mssql', async (t) => {
  const pool = await (await startHarness(t, undefined)).connect({ validateConnection: false });
  await pool.request().batch('CREATE SCHEMA [stage]');
  await pool.request().batch("IF OBJECT_ID(N'[stage].[dim]', 'U') IS NULL CREATE TABLE [stage].[dim] ([id] INT NOT NULL, [name] NVARCHAR(20) NULL) WITH (DISTRIBUTION = REPLICATE, CLUSTERED INDEX ([id]))");
  await pool.request().batch("IF OBJECT_ID(N'[stage].[dim]', 'U') IS NULL CREATE TABLE [stage].[dim] ([other] INT) WITH (HEAP)");
  await pool.request().batch("INSERT INTO [stage].[dim] ([id], [name]) VALUES (1, N'one')");
  await pool.request().batch("INSERT INTO [stage].[dim] ([id], [name]) SELECT 2, N'two'");
  await pool.request().batch('CREATE TABLE [#src] ([id] INT NOT NULL, [name] NVARCHAR(20) NULL) WITH (DISTRIBUTION = HASH([id]), HEAP)');
  await pool.request().batch("INSERT INTO [#src] ([id], [name]) SELECT 1, N'uno'");
  const updated = await pool.request().batch('UPDATE [stage].[dim] SET [name] = s.[name] FROM [stage].[dim] AS d, [#src] AS s WHERE s.[id] = d.[id]');
  t.same(updated.rowsAffected, [1], 'UPDATE with an implicit (comma) join');
  t.same((await pool.request().query('SELECT [id], [name] FROM [stage].[dim] ORDER BY [id]')).recordset, [{ id: 1, name: 'uno' }, { id: 2, name: 'two' }]);

  const tables = await pool.request().query("SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'stage'");
  t.same(tables.recordset, [{ TABLE_SCHEMA: 'stage', TABLE_NAME: 'dim', TABLE_TYPE: 'BASE TABLE' }], 'a #temp table is not listed');
  const schemata = await pool.request().query("SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = 'stage'");
  t.same(schemata.recordset, [{ SCHEMA_NAME: 'stage' }]);
  const cols = await pool.request().query("SELECT c.[name] AS [col], ty.[name] AS [type], c.[max_length] AS [len] FROM sys.columns AS c INNER JOIN sys.types AS ty ON ty.[user_type_id] = c.[user_type_id] INNER JOIN sys.tables AS tb ON tb.[object_id] = c.[object_id] WHERE tb.[name] = 'dim' ORDER BY c.[column_id]");
  t.same(cols.recordset, [{ col: 'id', type: 'int', len: 4 }, { col: 'name', type: 'nvarchar', len: 40 }]);
  const dist = await pool.request().query("SELECT i.[type_desc] AS [ix], p.[distribution_policy_desc] AS [dist] FROM sys.tables AS tb INNER JOIN sys.indexes AS i ON i.[object_id] = tb.[object_id] INNER JOIN sys.pdw_table_distribution_properties AS p ON p.[object_id] = tb.[object_id] WHERE tb.[name] = 'dim'");
  t.same(dist.recordset, [{ ix: 'CLUSTERED', dist: 'REPLICATE' }]);

  const info = await pool.request().query('SELECT @@SPID AS spid, DB_NAME() AS db, @@TRANCOUNT AS tc');
  t.match(info.recordset[0], { spid: Number, db: 'dw', tc: 0 });
  t.ok((info.recordset[0] as { spid: number }).spid > 50, 'a user session id');
  const inTx = await pool.request().batch('BEGIN TRAN; SELECT @@TRANCOUNT AS tc; ROLLBACK');
  t.same(inTx.recordset, [{ tc: 1 }], '@@TRANCOUNT inside a transaction');
  await pool.request().batch("IF OBJECT_ID(N'[stage].[dim]', 'U') IS NOT NULL DROP TABLE [stage].[dim]");
  t.match(await pool.request().query('SELECT * FROM [stage].[dim]').then(() => undefined, (e: unknown) => e), { number: 208 });
});

t.test('INFORMATION_SCHEMA.COLUMNS answers every declarable type in T-SQL terms', async (t) => {
  const pool = await (await startHarness(t, undefined)).connect();
  const declared: readonly (readonly [string, string, number | null, number | null, number | null, number | null])[] = [
    // [column type as declared, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION]
    ['TINYINT', 'tinyint', null, 3, 0, null], ['SMALLINT', 'smallint', null, 5, 0, null], ['INT', 'int', null, 10, 0, null],
    ['BIGINT', 'bigint', null, 19, 0, null], ['BIT', 'bit', null, null, null, null], ['REAL', 'real', null, 24, null, null],
    ['FLOAT', 'float', null, 53, null, null], ['DECIMAL(38,9)', 'decimal', null, 38, 9, null], ['NUMERIC(10,2)', 'numeric', null, 10, 2, null],
    ['NVARCHAR(4000)', 'nvarchar', 4000, null, null, null], ['NVARCHAR(MAX)', 'nvarchar', -1, null, null, null],
    ['VARCHAR(8000)', 'varchar', 8000, null, null, null], ['NCHAR(10)', 'nchar', 10, null, null, null], ['CHAR(3)', 'char', 3, null, null, null],
    ['VARBINARY(16)', 'varbinary', 16, null, null, null], ['DATE', 'date', null, null, null, 0], ['TIME(3)', 'time', null, null, null, 3],
    ['DATETIME', 'datetime', null, null, null, 3], ['DATETIME2(7)', 'datetime2', null, null, null, 7],
    ['DATETIMEOFFSET(7)', 'datetimeoffset', null, null, null, 7], ['UNIQUEIDENTIFIER', 'uniqueidentifier', null, null, null, null],
  ];
  await pool.request().batch(`CREATE TABLE [dbo].[all] (${declared.map(([type], i) => `[c${i}] ${type} NULL`).join(', ')}) WITH (HEAP)`);
  const result = await pool.request().query("SELECT DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, COLLATION_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'all' ORDER BY ORDINAL_POSITION");
  t.same(result.recordset.map((r: Record<string, unknown>) => [r['DATA_TYPE'], r['CHARACTER_MAXIMUM_LENGTH'], r['NUMERIC_PRECISION'], r['NUMERIC_SCALE'], r['DATETIME_PRECISION']]),
    declared.map(([, ...rest]) => rest));
  const collated = result.recordset.filter((r: Record<string, unknown>) => r['COLLATION_NAME'] !== null).map((r: Record<string, unknown>) => r['DATA_TYPE']);
  t.same(collated, ['nvarchar', 'nvarchar', 'varchar', 'nchar', 'char'], 'only character columns have a collation');
});

t.test('temp-table refusals reach mssql: ## global temp tables and REPLICATE #temp tables', async (t) => {
  const pool = await (await startHarness(t, undefined)).connect();
  const refused = async (text: string): Promise<unknown> => pool.request().batch(text).then(() => undefined, (e: unknown) => e);
  t.match(await refused('CREATE TABLE [##g] ([id] INT) WITH (HEAP)'), { number: 50000, message: /Global temporary tables are not supported/ });
  t.match(await refused('CREATE TABLE ##g WITH (DISTRIBUTION = ROUND_ROBIN, HEAP) AS SELECT 1 AS [id]'), { message: /Global temporary tables are not supported/ }, 'CTAS too');
  t.match(await refused('CREATE TABLE [#r] ([id] INT) WITH (DISTRIBUTION = REPLICATE, HEAP)'), { message: /REPLICATE distribution is not supported for temporary tables/ });
  t.match(await refused('SELECT * FROM [##g]'), { number: 208 }, 'nothing was created');
});

t.test('concurrent sessions stay isolated: parallel transactions and same-named #temp tables on two connections', async (t) => {
  const harness = await startHarness(t, undefined);
  const [a, b] = await Promise.all([harness.connect(), harness.connect()]);
  if (a === undefined || b === undefined) throw new Error('two pools expected');
  await a.request().batch('CREATE TABLE [dbo].[ta] ([id] INT NOT NULL) WITH (HEAP); CREATE TABLE [dbo].[tb] ([id] INT NOT NULL) WITH (HEAP)');
  const work = async (pool: Mssql.ConnectionPool, table: string, keep: boolean): Promise<void> => {
    await pool.request().batch(`CREATE TABLE [#stg] ([id] INT NOT NULL) WITH (HEAP); INSERT INTO [#stg] ([id]) SELECT ${table === 'ta' ? 1 : 2}`);
    const tx = new sql.Transaction(pool);
    await tx.begin();
    await new sql.Request(tx).batch(`INSERT INTO [dbo].[${table}] ([id]) SELECT [id] FROM [#stg]`);
    await (keep ? tx.commit() : tx.rollback());
  };
  await Promise.all([work(a, 'ta', true), work(b, 'tb', false)]);
  t.same((await b.request().query('SELECT [id] FROM [dbo].[ta]')).recordset, [{ id: 1 }], "a's commit is visible to b");
  t.same((await a.request().query('SELECT COUNT(*) AS n FROM [dbo].[tb]')).recordset, [{ n: 0 }], "b's rollback left nothing");
  t.same((await a.request().query('SELECT [id] FROM [#stg]')).recordset, [{ id: 1 }], "a's own #stg");
  t.same((await b.request().query('SELECT [id] FROM [#stg]')).recordset, [{ id: 2 }], "b's own #stg");
});

t.test("MERGE's affected-row count counts an update as a delete and an insert, as Synapse documents", async (t) => {
  const pool = await (await startHarness(t, undefined)).connect();
  await pool.request().batch([
    'CREATE TABLE [dbo].[tgt] ([id] INT NOT NULL, [v] INT NULL) WITH (DISTRIBUTION = HASH([id]), HEAP);',
    'INSERT INTO [dbo].[tgt] ([id], [v]) SELECT 1, 1 UNION ALL SELECT 2, 2;',
    'CREATE TABLE [#src] ([id] INT NOT NULL, [v] INT NULL) WITH (DISTRIBUTION = HASH([id]), HEAP);',
    'INSERT INTO [#src] ([id], [v]) SELECT 1, 10 UNION ALL SELECT 3, 30;',
  ].join('\n'));
  const merged = await pool.request().batch('MERGE INTO [dbo].[tgt] AS t USING [#src] AS s ON t.[id] = s.[id] WHEN MATCHED THEN UPDATE SET [v] = s.[v] WHEN NOT MATCHED BY TARGET THEN INSERT ([id], [v]) VALUES (s.[id], s.[v]) WHEN NOT MATCHED BY SOURCE THEN DELETE;');
  t.same(merged.rowsAffected, [4], 'one update (2) + one insert (1) + one delete (1)');
  t.same((await pool.request().query('SELECT [id], [v] FROM [dbo].[tgt] ORDER BY [id]')).recordset, [{ id: 1, v: 10 }, { id: 3, v: 30 }]);
});
