// Issue 7: datetime2/datetimeoffset over Synapse's whole range (0001-01-01 to 9999-12-31, 100 ns) with the offset
// kept, through the real mssql client: parameters, literals, CAST, INSERT ... SELECT, UPDATE, MERGE, comparisons,
// ORDER BY, MAX/MIN, GROUP BY and ROW_NUMBER.
import t, { type Test } from 'tap';
import { startHarness } from '../tds/harness.js';
import { sql, type Mssql } from '../tds/mssql.js';

const LAST = '9999-12-31 23:59:59.9999999';
const FIRST = '0001-01-01 00:00:00.0000000';
type Precise = Date & { nanosecondsDelta?: number };

function preciseDate(iso: string, nanosecondDelta: number): Date {
  return Object.assign(new Date(iso), { nanosecondDelta });
}

/** The date as mssql hands it over, to 100 ns: ISO milliseconds plus tedious's sub-millisecond delta. */
function ticksText(d: unknown): string {
  const p = d as Precise;
  return `${p.toISOString()}+${(p.nanosecondsDelta ?? 0).toFixed(7)}`;
}

async function sqlError(p: Promise<unknown>): Promise<number> {
  try { await p; } catch (error) {
    const e = error as { number?: number; originalError?: { info?: { number?: number } } };
    return e.number ?? e.originalError?.info?.number ?? -1;
  }
  throw new Error('expected the statement to fail');
}

async function pool(t: Test): Promise<Mssql.ConnectionPool> {
  const p = await (await startHarness(t, undefined)).connect();
  await p.request().batch(`CREATE TABLE [dbo].[d] ([k] INT NOT NULL, [t2] DATETIME2(7) NULL, [o] DATETIMEOFFSET(7) NULL)
    WITH (DISTRIBUTION = HASH([k]), HEAP)`);
  await p.request().batch('CREATE TABLE [dbo].[e] ([k] INT NOT NULL, [t2] DATETIME2(7) NULL, [o] DATETIMEOFFSET(7) NULL) WITH (DISTRIBUTION = HASH([k]), HEAP)');
  return p;
}

const texts = async (p: Mssql.ConnectionPool, table: string): Promise<unknown[]> =>
  (await p.request().query(`SELECT [k], CAST([t2] AS NVARCHAR(40)) AS t2, CAST([o] AS NVARCHAR(40)) AS o FROM ${table} ORDER BY [k]`)).recordset
    .map((r: Record<string, unknown>) => [r['k'], r['t2'], r['o']]);

t.test('9999-12-31 23:59:59.9999999 and 0001-01-01 round-trip as mssql parameters, to 100 ns', async (t) => {
  const p = await pool(t);
  const insert = (k: number, v: Date): Promise<unknown> => p.request().input('k', sql.Int, k)
    .input('t2', sql.DateTime2(7), v).input('o', sql.DateTimeOffset(7), v).query('INSERT INTO [dbo].[d] ([k], [t2], [o]) VALUES (@k, @t2, @o)');
  await insert(1, preciseDate('9999-12-31T23:59:59.999Z', 0.0009999));
  await insert(2, new Date('0001-01-01T00:00:00Z'));
  const rows = (await p.request().query('SELECT [t2], [o] FROM [dbo].[d] ORDER BY [k]')).recordset as Record<string, unknown>[];
  t.same(rows.map((r) => [ticksText(r['t2']), ticksText(r['o'])]), [
    ['9999-12-31T23:59:59.999Z+0.0009999', '9999-12-31T23:59:59.999Z+0.0009999'],
    ['0001-01-01T00:00:00.000Z+0.0000000', '0001-01-01T00:00:00.000Z+0.0000000'],
  ]);
  const found = await p.request().input('t2', sql.DateTime2(7), preciseDate('9999-12-31T23:59:59.999Z', 0.0009999))
    .query('SELECT [k] FROM [dbo].[d] WHERE [t2] = @t2');
  t.same(found.recordset, [{ k: 1 }], 'a parameter finds the stored value with =');
});

t.test('literals and CAST in SQL text take the whole range, SQL Server literal forms and the offset written', async (t) => {
  const p = await pool(t);
  await p.request().batch(`INSERT INTO [dbo].[d] ([k], [t2], [o]) VALUES (1, '${LAST}', '2024-02-29 18:29:59.1234567 +05:30')`);
  await p.request().batch(`INSERT INTO [dbo].[d] ([k], [t2], [o]) VALUES (2, '0001-01-01', '9999-12-31T23:59:59.9999999Z')`);
  await p.request().batch(`INSERT INTO [dbo].[d] ([k], [t2], [o]) VALUES (3, '20240229 18:29', '0001-01-01T05:30:00-00:00')`);
  t.same(await texts(p, '[dbo].[d]'), [
    [1, LAST, '2024-02-29 18:29:59.1234567 +05:30'],
    [2, FIRST, '9999-12-31 23:59:59.9999999 +00:00'],
    [3, '2024-02-29 18:29:00.0000000', '0001-01-01 05:30:00.0000000 +00:00'],
  ]);
  const cast = await p.request().query(`SELECT CAST('${LAST}' AS DATETIME2(7)) AS a, CAST('0001-01-01 05:30 +05:30' AS DATETIMEOFFSET) AS b`);
  const row = cast.recordset[0] as Record<string, unknown>;
  t.equal(ticksText(row['a']), '9999-12-31T23:59:59.999Z+0.0009999');
  t.equal(ticksText(row['b']), '0001-01-01T00:00:00.000Z+0.0000000', '05:30 at +05:30 is the first instant');
});

t.test('a datetimeoffset sent at +05:30 comes back at +05:30 with its instant', async (t) => {
  const p = await pool(t);
  const savedTz = process.env['TZ'];
  t.teardown(() => {
    if (savedTz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = savedTz;
  });
  process.env['TZ'] = 'Asia/Kolkata'; // tedious sends the local time and offset of the process's time zone
  await p.request().input('o', sql.DateTimeOffset(7), new Date('2024-02-29T12:59:59.123Z')).query('INSERT INTO [dbo].[d] ([k], [o]) VALUES (1, @o)');
  const rows = await p.request().query('SELECT [o], CAST([o] AS NVARCHAR(40)) AS s FROM [dbo].[d]');
  const row = rows.recordset[0] as Record<string, unknown>;
  t.equal(row['s'], '2024-02-29 18:29:59.1230000 +05:30');
  t.equal((row['o'] as Date).toISOString(), '2024-02-29T12:59:59.123Z');
});

t.test('values are rounded to a declared scale below 7, and what rounds past 9999-12-31 fails with 242', async (t) => {
  const p = await (await startHarness(t, undefined)).connect();
  await p.request().batch('CREATE TABLE [dbo].[r] ([t3] DATETIME2(3) NULL, [o0] DATETIMEOFFSET(0) NULL, [t0] DATETIME2(0) NULL) WITH (HEAP)');
  await p.request().batch("INSERT INTO [dbo].[r] ([t3], [o0]) VALUES ('2024-01-01 10:00:00.1235', '2024-01-01 10:00:59.5 -08:00')");
  const rows = await p.request().query('SELECT CAST([t3] AS NVARCHAR(40)) AS t3, CAST([o0] AS NVARCHAR(40)) AS o0 FROM [dbo].[r]');
  t.same(rows.recordset, [{ t3: '2024-01-01 10:00:00.1240000', o0: '2024-01-01 10:01:00.0000000 -08:00' }]);
  t.equal(await sqlError(p.request().batch(`INSERT INTO [dbo].[r] ([t0]) VALUES ('${LAST}')`)), 242);
  t.equal(await sqlError(p.request().batch("INSERT INTO [dbo].[r] ([o0]) VALUES ('0001-01-01 00:00:00 +05:00')")), 242, 'the UTC instant is before 0001-01-01');
  t.equal(await sqlError(p.request().query("SELECT CAST('10000-01-01' AS DATETIME2) AS x")), 241);
  t.equal(await sqlError(p.request().query("SELECT CAST('2023-02-29' AS DATETIME2) AS x")), 241);
  t.equal(await sqlError(p.request().query("SELECT CAST('2024-01-01 00:00 +14:01' AS DATETIMEOFFSET) AS x")), 241);
});

t.test('INSERT ... SELECT, UPDATE and MERGE between tables keep both ends of the range and the offset', async (t) => {
  const p = await pool(t);
  await p.request().batch(`INSERT INTO [dbo].[d] ([k], [t2], [o]) VALUES (1, '${LAST}', '${LAST} +05:30')`);
  await p.request().batch(`INSERT INTO [dbo].[d] ([k], [t2], [o]) VALUES (2, '0001-01-01', '0001-01-01 00:00:00 -05:30')`);
  await p.request().batch('INSERT INTO [dbo].[e] ([k], [t2], [o]) SELECT [k], [t2], [o] FROM [dbo].[d]');
  t.same(await texts(p, '[dbo].[e]'), [[1, LAST, `${LAST} +05:30`], [2, FIRST, `${FIRST} -05:30`]], 'INSERT ... SELECT');
  await p.request().batch('UPDATE [dbo].[e] SET [t2] = s.[t2], [o] = s.[o] FROM [dbo].[e] AS x, [dbo].[d] AS s WHERE s.[k] = 3 - x.[k]');
  t.same(await texts(p, '[dbo].[e]'), [[1, FIRST, `${FIRST} -05:30`], [2, LAST, `${LAST} +05:30`]], 'UPDATE ... FROM');
  await p.request().batch(`MERGE INTO [dbo].[e] AS x USING [dbo].[d] AS s ON x.[k] = s.[k]
    WHEN MATCHED THEN UPDATE SET [t2] = s.[t2], [o] = s.[o];`);
  t.same(await texts(p, '[dbo].[e]'), [[1, LAST, `${LAST} +05:30`], [2, FIRST, `${FIRST} -05:30`]], 'MERGE');
});

t.test('datetimeoffsets with different offsets but the same instant are equal in =, EXISTS, JOIN and MERGE ON', async (t) => {
  const p = await pool(t);
  await p.request().batch("INSERT INTO [dbo].[d] ([k], [o]) VALUES (1, '2024-02-29 18:29:59.1234567 +05:30')");
  await p.request().batch("INSERT INTO [dbo].[e] ([k], [o]) VALUES (7, '2024-02-29 12:59:59.1234567 +00:00')");
  await p.request().batch("INSERT INTO [dbo].[e] ([k], [o]) VALUES (8, '2024-02-29 12:59:59.1234568 +00:00')");
  const join = await p.request().query('SELECT d.[k] AS a, e.[k] AS b FROM [dbo].[d] AS d JOIN [dbo].[e] AS e ON d.[o] = e.[o]');
  t.same(join.recordset, [{ a: 1, b: 7 }], 'JOIN ... ON =');
  const exists = await p.request().query('SELECT [k] FROM [dbo].[e] AS e WHERE EXISTS (SELECT 1 FROM [dbo].[d] AS d WHERE d.[o] = e.[o])');
  t.same(exists.recordset, [{ k: 7 }], 'WHERE EXISTS');
  const param = await p.request().input('o', sql.DateTimeOffset(7), preciseDate('2024-02-29T12:59:59.123Z', 0.0004567))
    .query('SELECT [k] FROM [dbo].[e] WHERE [o] = @o');
  t.same(param.recordset, [{ k: 7 }], '= against a parameter');
  const less = await p.request().query('SELECT e.[k] FROM [dbo].[e] AS e, [dbo].[d] AS d WHERE d.[o] < e.[o]');
  t.same(less.recordset, [{ k: 8 }], '<: 12:59:59.1234567 UTC is not before 18:29:59.1234567 +05:30');
  const merged = await p.request().batch(`MERGE INTO [dbo].[e] AS x USING [dbo].[d] AS s ON x.[o] = s.[o]
    WHEN MATCHED THEN UPDATE SET [k] = 70;`);
  t.same(merged.rowsAffected, [2], 'one matched row (a MERGE update counts twice)');
  const keys = await p.request().query('SELECT [k] FROM [dbo].[e] ORDER BY [k]');
  t.same(keys.recordset, [{ k: 8 }, { k: 70 }]);
});

t.test('ORDER BY, MAX/MIN, GROUP BY and ROW_NUMBER go by the instant', async (t) => {
  const p = await pool(t);
  const rows: [number, string, string][] = [
    [1, LAST, '2024-02-29 18:29:59.1234567 +05:30'], [2, FIRST, '2024-02-29 12:59:59.1234567 +00:00'],
    [3, '2024-02-29 00:00:00', '2024-02-29 13:00:00 +00:00'], [4, '2024-02-29 00:00:00.0000001', '2024-02-29 12:00:00 -01:00'],
  ];
  for (const [k, t2, o] of rows) await p.request().batch(`INSERT INTO [dbo].[d] ([k], [t2], [o]) VALUES (${k}, '${t2}', '${o}')`);
  const byT2 = await p.request().query('SELECT [k] FROM [dbo].[d] ORDER BY [t2] DESC');
  t.same(byT2.recordset.map((r: { k: number }) => r.k), [1, 4, 3, 2]);
  const byO = await p.request().query('SELECT [k] FROM [dbo].[d] ORDER BY [o], [k]');
  t.same(byO.recordset.map((r: { k: number }) => r.k), [1, 2, 3, 4], '12:00 -01:00 is 13:00 UTC; +05:30 and UTC tie');
  const extremes = await p.request().query('SELECT MAX([t2]) AS hi, MIN([t2]) AS lo, MAX([o]) AS ohi FROM [dbo].[d]');
  const e = extremes.recordset[0] as Record<string, unknown>;
  t.equal(ticksText(e['hi']), '9999-12-31T23:59:59.999Z+0.0009999');
  t.equal(ticksText(e['lo']), '0001-01-01T00:00:00.000Z+0.0000000');
  t.equal((e['ohi'] as Date).toISOString(), '2024-02-29T13:00:00.000Z', 'MAX of datetimeoffset is a datetimeoffset');
  const groups = await p.request().query('SELECT COUNT(*) AS n FROM [dbo].[d] GROUP BY [o] ORDER BY COUNT(*)');
  t.same(groups.recordset.map((r: { n: number }) => r.n), [2, 2], 'GROUP BY: two instants, two rows each');
  const numbered = await p.request().query(`SELECT [k], ROW_NUMBER() OVER (PARTITION BY [o] ORDER BY [t2] DESC) AS rn FROM [dbo].[d] ORDER BY [k]`);
  t.same(numbered.recordset.map((r: { k: number; rn: string }) => [r.k, Number(r.rn)]), [[1, 1], [2, 2], [3, 2], [4, 1]]);
});

t.test('string literals compared with datetime2/datetimeoffset columns are read as dates: =, ranges, BETWEEN, IN', async (t) => {
  const p = await pool(t);
  await p.request().batch(`INSERT INTO [dbo].[d] ([k], [t2], [o]) VALUES (1, '${LAST}', '2024-02-29 18:29:59.1234567 +05:30')`);
  await p.request().batch("INSERT INTO [dbo].[d] ([k], [t2], [o]) VALUES (2, '0001-01-01', '0001-01-01 00:00:00 +00:00')");
  const keys = async (where: string): Promise<number[]> =>
    (await p.request().input('hi', sql.DateTime2(7), preciseDate('9999-12-31T23:59:59.999Z', 0.0009999)).query(`SELECT [k] FROM [dbo].[d] AS x WHERE ${where} ORDER BY [k]`)).recordset.map((r: { k: number }) => r.k);
  t.same(await keys("[o] = '2024-02-29T12:59:59.1234567Z'"), [1], '= with another offset of the same instant');
  t.same(await keys(`x.[t2] = '${LAST}'`), [1]);
  t.same(await keys("[t2] >= '0001-01-01' AND [t2] < '2000-01-01'"), [2], 'a range of two literals');
  t.same(await keys("'2000-01-01 00:00 +00:00' < [o]"), [1], 'the literal on the left');
  t.same(await keys("[t2] BETWEEN '9999-12-31' AND @hi"), [1], 'BETWEEN a literal and a parameter');
  t.same(await keys("[o] NOT BETWEEN '0001-01-01 01:00 +01:00' AND '2024-02-29 12:59:59.1234566Z'"), [1], 'NOT BETWEEN: 01:00 +01:00 is the first instant');
  const flags = await p.request().query("SELECT CASE WHEN [o] = '2024-02-29 12:59:59.1234567Z' THEN 1 ELSE 0 END AS hit FROM [dbo].[d] ORDER BY [k]");
  t.same(flags.recordset.map((r: { hit: number }) => r.hit), [1, 0], 'in a select list, before the FROM that names the table');
  t.same(await keys("[o] IN ('2020-01-01', '0001-01-01 05:30 +05:00')"), [], 'IN: 05:30 +05:00 is 00:30 UTC');
  t.same(await keys("[o] IN ('2020-01-01', '0001-01-01 05:30 +05:30')"), [2], 'IN: 05:30 +05:30 is the stored 00:00 UTC');
});

t.test('ALTER COLUMN that would convert stored datetime2/datetimeoffset values is refused, not done wrongly', async (t) => {
  const p = await pool(t);
  await p.request().batch(`INSERT INTO [dbo].[d] ([k], [t2], [o]) VALUES (1, '${LAST}', '2024-02-29 18:29:59.1234567 +05:30')`);
  t.equal(await sqlError(p.request().batch('ALTER TABLE [dbo].[d] ALTER COLUMN [t2] DATETIMEOFFSET(7) NULL')), 50000);
  t.equal(await sqlError(p.request().batch('ALTER TABLE [dbo].[d] ALTER COLUMN [o] NVARCHAR(50) NULL')), 50000);
  t.equal(await sqlError(p.request().batch('ALTER TABLE [dbo].[d] ALTER COLUMN [t2] DATETIME2(3) NULL')), 50000, 'a smaller scale would round');
  t.same(await texts(p, '[dbo].[d]'), [[1, LAST, '2024-02-29 18:29:59.1234567 +05:30']], 'the values are unchanged');
});

t.test('CONVERT to datetime2/datetimeoffset reads ISO styles; CONVERT to nvarchar prints the offset; other styles are refused', async (t) => {
  const p = await pool(t);
  await p.request().batch(`INSERT INTO [dbo].[d] ([k], [t2], [o]) VALUES (1, CONVERT(DATETIME2(7), '9999-12-31T23:59:59.9999999', 126),
    CONVERT(DATETIMEOFFSET, N'2024-02-29 18:29:59.1234567 +05:30'))`);
  const rows = await p.request().query('SELECT CONVERT(NVARCHAR(40), [t2]) AS t2, CONVERT(NVARCHAR(40), [o]) AS o FROM [dbo].[d]');
  t.same(rows.recordset, [{ t2: LAST, o: '2024-02-29 18:29:59.1234567 +05:30' }]);
  t.equal(await sqlError(p.request().query("SELECT CONVERT(DATETIME2, '02/29/2024', 101) AS x")), 50000, 'style 101 is not emulated');
});

t.test('DATEADD and DATEDIFF work on the tick storage: the whole range, the 100 ns digit, the offset, and 517 past 9999', async (t) => {
  const p = await pool(t);
  await p.request().batch(`INSERT INTO [dbo].[d] ([k], [t2], [o]) VALUES (1, '9999-12-30 23:59:59.9999999', '2024-03-30 12:00:00.1234567 +01:00')`);
  await p.request().batch(`INSERT INTO [dbo].[d] ([k], [t2], [o]) VALUES (2, '0001-01-02 00:00:00.0000001', '2024-01-01 00:00:00 -05:30')`);
  const moved = await p.request().query(`SELECT [k], CAST(DATEADD(day, 1, [t2]) AS NVARCHAR(40)) AS t2, CAST(DATEADD(month, 1, [o]) AS NVARCHAR(40)) AS o,
    CAST(DATEADD(day, -1, [t2]) AS NVARCHAR(40)) AS back FROM [dbo].[d] ORDER BY [k]`);
  t.same(moved.recordset, [
    { k: 1, t2: '9999-12-31 23:59:59.9999999', o: '2024-04-30 12:00:00.1234567 +01:00', back: '9999-12-29 23:59:59.9999999' },
    { k: 2, t2: '0001-01-03 00:00:00.0000001', o: '2024-02-01 00:00:00.0000000 -05:30', back: '0001-01-01 00:00:00.0000001' },
  ], 'the 7th digit, the month end and the offset survive; the wall-clock time moves');
  const diff = await p.request().query(`SELECT DATEDIFF(day, CAST('0001-01-01' AS DATETIME2), [t2]) AS days,
    DATEDIFF(minute, CAST('2024-01-01 00:00 +00:00' AS DATETIMEOFFSET), [o]) AS minutes FROM [dbo].[d] WHERE [k] = 2`);
  t.same(diff.recordset, [{ days: 1, minutes: 330 }], 'DATEDIFF counts from the stored ticks, and datetimeoffset by its UTC instant');
  t.equal(await sqlError(p.request().query('SELECT DATEADD(day, 2, [t2]) AS v FROM [dbo].[d] WHERE [k] = 1')), 517, 'past 9999-12-31');
  t.equal(await sqlError(p.request().query('SELECT DATEADD(day, -2, [t2]) AS v FROM [dbo].[d] WHERE [k] = 2')), 517, 'before 0001-01-01');
});

t.test('a datetime2 or datetimeoffset goes into datetime and date columns as SQL Server converts it (python-tds sends datetime2)', async (t) => {
  const p = await pool(t);
  await p.request().batch('CREATE TABLE [dbo].[old] ([k] INT NOT NULL, [dt] DATETIME NULL, [d] DATE NULL) WITH (DISTRIBUTION = HASH([k]), HEAP)');
  await p.request().input('v', sql.DateTime2(7), preciseDate('2024-02-29T12:34:56.123Z', 0.0004567))
    .query('INSERT INTO [dbo].[old] ([k], [dt], [d]) VALUES (1, @v, @v)');
  await p.request().batch("INSERT INTO [dbo].[d] ([k], [t2], [o]) VALUES (2, '2024-03-01 01:02:03.5', '2024-03-01 23:30:00 -05:00')");
  await p.request().batch('INSERT INTO [dbo].[old] ([k], [dt], [d]) SELECT [k], [t2], [o] FROM [dbo].[d] WHERE [k] = 2');
  const rows = (await p.request().query('SELECT [k], [dt], [d] FROM [dbo].[old] ORDER BY [k]')).recordset
    .map((r: { k: number; dt: Date; d: Date }) => [r.k, r.dt.toISOString(), r.d.toISOString().slice(0, 10)]);
  t.same(rows, [[1, '2024-02-29T12:34:56.123Z', '2024-02-29'], [2, '2024-03-01T01:02:03.500Z', '2024-03-01']],
    'the parameter and a datetime2 column land as datetime and date; a datetimeoffset by its local date');
});
