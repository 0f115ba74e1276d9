// Strings compare as Synapse's default collation SQL_Latin1_General_CP1_CI_AS does (case-insensitive,
// accent-sensitive, trailing spaces ignored), through the real mssql client; values come back as written.
import t from 'tap';
import { startHarness } from '../tds/harness.js';
import { sql, type Mssql } from '../tds/mssql.js';

type Pool = Mssql.ConnectionPool;

/** A HASH target `t` with keys 'Abc', 'x ', 'é' and a source `s` with the same keys spelled differently plus 'new'. */
async function keyed(t: Parameters<typeof startHarness>[0]): Promise<Pool> {
  const pool = await (await startHarness(t, undefined)).connect();
  await pool.request().batch(`
    CREATE TABLE [dbo].[t] ([k] NVARCHAR(20) NOT NULL, [v] INT NULL) WITH (DISTRIBUTION = HASH([k]), HEAP);
    CREATE TABLE [dbo].[s] ([k] NVARCHAR(20) NOT NULL, [v] INT NULL) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);
    INSERT INTO [dbo].[t] ([k], [v]) VALUES (N'Abc', 1);
    INSERT INTO [dbo].[t] ([k], [v]) VALUES (N'x ', 2);
    INSERT INTO [dbo].[t] ([k], [v]) VALUES (N'é', 3);
    INSERT INTO [dbo].[s] ([k], [v]) VALUES (N'ABC  ', 10);
    INSERT INTO [dbo].[s] ([k], [v]) VALUES (N'X', 20);
    INSERT INTO [dbo].[s] ([k], [v]) VALUES (N'e', 30);`);
  return pool;
}

const column = (r: Mssql.IResult<Record<string, unknown>>, name: string): unknown[] => r.recordset.map((row) => row[name]);

t.test('= matches keys that differ only by case or trailing spaces, for literals and parameters', async (t) => {
  const pool = await keyed(t);
  t.same(column(await pool.request().query("SELECT [k] FROM [dbo].[t] WHERE [k] = N'aBC'"), 'k'), ['Abc']);
  t.same(column(await pool.request().query("SELECT [k] FROM [dbo].[t] WHERE [k] = 'X'"), 'k'), ['x '], "'x ' = 'X'; the stored value keeps its space");
  t.same(column(await pool.request().input('k', sql.NVarChar(20), 'abc   ').query('SELECT [k] FROM [dbo].[t] WHERE [k] = @k'), 'k'), ['Abc']);
  t.same(column(await pool.request().query("SELECT [k] FROM [dbo].[t] WHERE [k] <> N'ABC' ORDER BY [v]"), 'k'), ['x ', 'é']);
  t.same((await pool.request().query("SELECT CASE WHEN N'A' = N'a ' THEN 1 ELSE 0 END AS [same]")).recordset, [{ same: 1 }], "N'A' = N'a ' between literals");
});

t.test('accents still count: e and é are different keys', async (t) => {
  const pool = await keyed(t);
  t.same(column(await pool.request().query("SELECT [k] FROM [dbo].[t] WHERE [k] = N'e'"), 'k'), []);
  t.same(column(await pool.request().query("SELECT [k] FROM [dbo].[t] WHERE [k] = N'É'"), 'k'), ['é'], 'É and é differ only by case');
});

t.test('JOIN ... ON and WHERE EXISTS pair keys that differ only by case or trailing spaces', async (t) => {
  const pool = await keyed(t);
  const joined = await pool.request().query('SELECT [t].[k] AS [tk], [s].[k] AS [sk] FROM [dbo].[t] AS [t] JOIN [dbo].[s] AS [s] ON [t].[k] = [s].[k] ORDER BY [t].[v]');
  t.same(joined.recordset, [{ tk: 'Abc', sk: 'ABC  ' }, { tk: 'x ', sk: 'X' }], 'both values come back as written');
  const exists = await pool.request().query('SELECT [k] FROM [dbo].[t] WHERE EXISTS (SELECT 1 FROM [dbo].[s] WHERE [s].[k] = [t].[k]) ORDER BY [v]');
  t.same(column(exists, 'k'), ['Abc', 'x ']);
  const notExists = await pool.request().query('SELECT [k] FROM [dbo].[s] WHERE NOT EXISTS (SELECT 1 FROM [dbo].[t] WHERE [t].[k] = [s].[k])');
  t.same(column(notExists, 'k'), ['e']);
});

t.test('an upsert by MERGE updates the rows whose keys differ only by case or trailing spaces and inserts the rest', async (t) => {
  const pool = await keyed(t);
  const merged = await pool.request().query(`MERGE INTO [dbo].[t] AS [t] USING [dbo].[s] AS [s] ON [t].[k] = [s].[k]
    WHEN MATCHED THEN UPDATE SET [t].[v] = [s].[v]
    WHEN NOT MATCHED BY TARGET THEN INSERT ([k], [v]) VALUES ([s].[k], [s].[v]);`);
  t.same(merged.rowsAffected, [5], 'two updates (a delete and an insert each) and one insert');
  const rows = await pool.request().query('SELECT [k], [v] FROM [dbo].[t] ORDER BY [v]');
  t.same(rows.recordset, [{ k: 'é', v: 3 }, { k: 'Abc', v: 10 }, { k: 'x ', v: 20 }, { k: 'e', v: 30 }], 'the target keeps its own spelling of matched keys');
});

t.test('an upsert by UPDATE ... FROM and DELETE ... WHERE EXISTS matches keys that differ only by case or trailing spaces', async (t) => {
  const pool = await keyed(t);
  const updated = await pool.request().query('UPDATE [t] SET [v] = [s].[v] FROM [dbo].[t] AS [t] JOIN [dbo].[s] AS [s] ON [t].[k] = [s].[k]');
  t.same(updated.rowsAffected, [2]);
  const deleted = await pool.request().query('DELETE FROM [dbo].[t] WHERE EXISTS (SELECT 1 FROM [dbo].[s] WHERE [s].[k] = [dbo].[t].[k] AND [s].[v] = 20)');
  t.same(deleted.rowsAffected, [1]);
  t.same((await pool.request().query('SELECT [k], [v] FROM [dbo].[t] ORDER BY [v]')).recordset, [{ k: 'é', v: 3 }, { k: 'Abc', v: 10 }]);
});

t.test('GROUP BY, DISTINCT and COUNT(DISTINCT) put keys that differ only by case or trailing spaces together', async (t) => {
  const pool = await keyed(t);
  const all = 'SELECT [k] FROM [dbo].[t] UNION ALL SELECT [k] FROM [dbo].[s]';
  const grouped = await pool.request().query(`SELECT [k], COUNT(*) AS [n] FROM (${all}) AS [u] GROUP BY [k] ORDER BY [k]`);
  t.same(grouped.recordset.map((r) => [String(r['k']).toLowerCase().trimEnd(), r['n']]), [['abc', 2], ['e', 1], ['x', 2], ['é', 1]]);
  t.same(grouped.recordset.map((r) => Object.keys(r)), [['k', 'n'], ['k', 'n'], ['k', 'n'], ['k', 'n']], 'the grouped column keeps its name');
  const distinct = await pool.request().query(`SELECT DISTINCT [k] FROM (${all}) AS [u]`);
  t.equal(distinct.recordset.length, 4, "DISTINCT: 'Abc'/'ABC  ', 'x '/'X', 'é', 'e'");
  t.ok(distinct.recordset.every((r) => ['Abc', 'ABC  ', 'x ', 'X', 'é', 'e'].includes(String(r['k']))), 'DISTINCT returns stored values as written');
  const counted = await pool.request().query(`SELECT COUNT(DISTINCT [k]) AS [n] FROM (${all}) AS [u]`);
  t.same(counted.recordset, [{ n: 4 }]);
});

t.test('a grouped string column can be used in functions, HAVING and ORDER BY of the same query', async (t) => {
  const pool = await keyed(t);
  const all = 'SELECT [k], [v] FROM [dbo].[t] UNION ALL SELECT [k], [v] FROM [dbo].[s]';
  const r = await pool.request().query(`SELECT UPPER([k]) AS [u], COUNT([k]) AS [n], SUM([v]) AS [total] FROM (${all}) AS [u]
    GROUP BY [k] HAVING COUNT([k]) > 1 AND [k] <> N'x' AND LEN([k]) > 0 ORDER BY LEN([k]) DESC, [k]`);
  t.same(r.recordset.map((row) => [String(row['u']).trimEnd(), row['n'], row['total']]), [['ABC', 2, 11]]);
  const qualified = await pool.request().query(`SELECT [u].[k], COUNT(*) AS [n] FROM (${all}) AS [u] GROUP BY [k] ORDER BY [u].[k]`);
  t.same(qualified.recordset.map((row) => [String(row['k']).toLowerCase().trimEnd(), row['n']]), [['abc', 2], ['e', 1], ['x', 2], ['é', 1]],
    'GROUP BY k with u.k in the select list and ORDER BY');
});

t.test('ROW_NUMBER() OVER (PARTITION BY k) numbers keys that differ only by case or trailing spaces in one partition', async (t) => {
  const pool = await keyed(t);
  const r = await pool.request().query(`SELECT [k], [v], ROW_NUMBER() OVER (PARTITION BY [k] ORDER BY [v] DESC) AS [rn]
    FROM (SELECT [k], [v] FROM [dbo].[t] UNION ALL SELECT [k], [v] FROM [dbo].[s]) AS [u]`);
  const latest = r.recordset.filter((row) => Number(row['rn']) === 1).map((row) => row['v']).sort((a, b) => Number(a) - Number(b));
  t.same(latest, [3, 10, 20, 30], 'one row per key: the latest of Abc/ABC, x/X, and é and e apart');
});

t.test('ORDER BY, < and > order strings case-insensitively', async (t) => {
  const pool = await (await startHarness(t, undefined)).connect();
  await pool.request().batch(`CREATE TABLE [dbo].[o] ([k] VARCHAR(10) NOT NULL) WITH (HEAP);
    INSERT INTO [dbo].[o] ([k]) VALUES ('b'); INSERT INTO [dbo].[o] ([k]) VALUES ('C'); INSERT INTO [dbo].[o] ([k]) VALUES ('a');
    INSERT INTO [dbo].[o] ([k]) VALUES ('B ');`);
  const ordered = column(await pool.request().query('SELECT [k] FROM [dbo].[o] ORDER BY [k]'), 'k');
  t.same(ordered.map((k) => String(k).toLowerCase().trimEnd()), ['a', 'b', 'b', 'c'], 'not A-Z before a-z');
  t.same(column(await pool.request().query("SELECT [k] FROM [dbo].[o] WHERE [k] < 'B' ORDER BY [k]"), 'k'), ['a']);
  t.same(column(await pool.request().query("SELECT [k] FROM [dbo].[o] WHERE [k] > 'b ' ORDER BY [k]"), 'k'), ['C'], "'B ' is not greater than 'b '");
  t.same(column(await pool.request().query("SELECT [k] FROM [dbo].[o] WHERE [k] BETWEEN 'A' AND 'b' ORDER BY [k]"), 'k').length, 3);
});

t.test('IN matches case-insensitively and ignores trailing spaces, for lists and subqueries', async (t) => {
  const pool = await keyed(t);
  t.same(column(await pool.request().query("SELECT [k] FROM [dbo].[t] WHERE [k] IN (N'ABC', N'X  ') ORDER BY [v]"), 'k'), ['Abc', 'x ']);
  t.same(column(await pool.request().query('SELECT [k] FROM [dbo].[t] WHERE [k] IN (SELECT [k] FROM [dbo].[s]) ORDER BY [v]'), 'k'), ['Abc', 'x ']);
  t.same(column(await pool.request().query('SELECT [k] FROM [dbo].[t] WHERE [k] NOT IN (SELECT [k] FROM [dbo].[s])'), 'k'), ['é']);
});

t.test('LIKE is case-insensitive, and trailing spaces in the pattern are significant', async (t) => {
  const pool = await keyed(t);
  t.same(column(await pool.request().query("SELECT [k] FROM [dbo].[t] WHERE [k] LIKE N'ab%'"), 'k'), ['Abc']);
  t.same(column(await pool.request().query("SELECT [k] FROM [dbo].[t] WHERE [k] NOT LIKE N'A%' ORDER BY [v]"), 'k'), ['x ', 'é']);
  t.same(column(await pool.request().query("SELECT [k] FROM [dbo].[t] WHERE [k] LIKE N'abc '"), 'k'), [], "'Abc' is not LIKE 'abc '");
  t.same(column(await pool.request().query("SELECT [k] FROM [dbo].[t] WHERE [k] LIKE N'E'"), 'k'), [], 'LIKE is accent-sensitive');
});

t.test('LIKE with ESCAPE, which Synapse does not support, and [ ] wildcards, which the stand-in does not, are refused', async (t) => {
  const pool = await keyed(t);
  await t.rejects(pool.request().query("SELECT [k] FROM [dbo].[t] WHERE [k] LIKE N'a!%' ESCAPE '!'"), { number: 103010, message: /near 'ESCAPE'/ });
  await t.rejects(pool.request().query("SELECT [k] FROM [dbo].[t] WHERE [k] LIKE N'[a-c]%'"), { number: 50000, message: /\[ \] wildcards/ });
});

t.test('LEN ignores trailing spaces while the value keeps them', async (t) => {
  const pool = await keyed(t);
  const r = await pool.request().query("SELECT [k], LEN([k]) AS [n] FROM [dbo].[t] WHERE [k] = N'x'");
  t.same(r.recordset, [{ k: 'x ', n: 1 }]);
});

t.test('varbinary and numbers compare as before: bytes exactly, numbers by value', async (t) => {
  const pool = await (await startHarness(t, undefined)).connect();
  await pool.request().batch('CREATE TABLE [dbo].[b] ([id] INT NOT NULL, [h] VARBINARY(10) NULL) WITH (HEAP)');
  for (const [id, text] of [[1, 'A'], [2, 'a'], [3, 'A ']] as const) {
    await pool.request().input('id', sql.Int, id).input('h', sql.VarBinary(10), Buffer.from(text)).query('INSERT INTO [dbo].[b] ([id], [h]) VALUES (@id, @h)');
  }
  const bytes = await pool.request().input('h', sql.VarBinary(10), Buffer.from('A')).query('SELECT [id] FROM [dbo].[b] WHERE [h] = @h');
  t.same(column(bytes, 'id'), [1], "0x41 is neither 0x61 ('a') nor 0x4120 ('A ')");
  t.same(column(await pool.request().query('SELECT COUNT(DISTINCT [h]) AS [n] FROM [dbo].[b]'), 'n'), [3]);
  t.same(column(await pool.request().query('SELECT [id] FROM [dbo].[b] WHERE [id] IN (1, 3) ORDER BY [id]'), 'id'), [1, 3]);
});

t.test('an explicit COLLATE other than the database default is refused, on columns and in expressions', async (t) => {
  const pool = await keyed(t);
  await t.rejects(pool.request().batch('CREATE TABLE [dbo].[c] ([k] NVARCHAR(10) COLLATE Latin1_General_100_BIN2 NOT NULL) WITH (HEAP)'), { number: 50000, message: /COLLATE Latin1_General_100_BIN2 is not supported/ });
  await t.rejects(pool.request().query("SELECT [k] FROM [dbo].[t] WHERE [k] COLLATE Latin1_General_100_BIN2 = N'abc'"), { number: 50000, message: /COLLATE Latin1_General_100_BIN2/ });
  await pool.request().batch('CREATE TABLE [dbo].[d] ([k] NVARCHAR(10) COLLATE SQL_Latin1_General_CP1_CI_AS NOT NULL) WITH (HEAP)');
  t.same(column(await pool.request().query("SELECT [k] FROM [dbo].[t] WHERE [k] COLLATE SQL_Latin1_General_CP1_CI_AS = N'abc'"), 'k'), ['Abc'], 'the default collation is accepted');
});
