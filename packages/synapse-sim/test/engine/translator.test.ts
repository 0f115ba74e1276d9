// Each translator table entry, one by one: T-SQL in, the exact DuckDB SQL (or plan) out. Pure; no DuckDB.
import t from 'tap';
import { SHAPES } from '../../src/engine/shapes/index.js';
import { sqlOf, translate, withDdl } from './translate-helpers.js';

/** The error a function throws, or undefined. */
function caught(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e;
  }
}

const catalogs = withDdl(
  'CREATE SCHEMA [s]',
  'CREATE TABLE [s].[t] ([id] BIGINT NOT NULL, [name] NVARCHAR(10) NULL, [amt] DECIMAL(10,2) NULL, [ts] DATETIMEOFFSET(7) NULL) WITH (DISTRIBUTION = HASH([id]), CLUSTERED COLUMNSTORE INDEX)',
  'CREATE TABLE [#stg] ([id] BIGINT, [name] NVARCHAR(10)) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)',
);

const duckdb: readonly (readonly [string, string, string])[] = [
  ['CREATE SCHEMA', 'CREATE SCHEMA [s2]', 'CREATE SCHEMA "s2"'],
  ['CREATE TABLE maps every T-SQL type and strips WITH',
    'CREATE TABLE [s].[n] ([id] BIGINT NOT NULL, [b] BIT, [f] FLOAT, [r] REAL, [d] DATE, [t2] DATETIME2(7), [u] UNIQUEIDENTIFIER, [v] VARBINARY(MAX), [x] NVARCHAR(MAX), [ti] TINYINT) WITH (DISTRIBUTION = REPLICATE, HEAP)',
    'CREATE TABLE "s"."n" ("id" BIGINT NOT NULL, "b" BOOLEAN, "f" DOUBLE, "r" FLOAT, "d" DATE, "t2" UHUGEINT, "u" UUID, "v" BLOB, "x" VARCHAR, "ti" UTINYINT)'],
  ['CREATE TABLE #temp goes to the connection temp catalog',
    'CREATE TABLE [#s2] ([a] INT) WITH (DISTRIBUTION = ROUND_ROBIN, CLUSTERED INDEX ([a]))', 'CREATE TEMP TABLE temp.main."#s2" ("a" INTEGER)'],
  ['CTAS with ROW_NUMBER',
    'CREATE TABLE [s].[c] WITH (DISTRIBUTION = ROUND_ROBIN, HEAP) AS SELECT [id], ROW_NUMBER() OVER (PARTITION BY [id] ORDER BY [ts] DESC) AS __rn FROM [s].[t]',
    'CREATE TABLE "s"."c" AS SELECT "id", ROW_NUMBER() OVER (PARTITION BY "id" ORDER BY "ts" DESC) AS __rn FROM "s"."t"'],
  ['ALTER TABLE ADD, one DuckDB statement per column',
    'ALTER TABLE [s].[t] ADD [extra] NVARCHAR(4000) NULL, [more] BIGINT',
    'ALTER TABLE "s"."t" ADD COLUMN "extra" VARCHAR; ALTER TABLE "s"."t" ADD COLUMN "more" BIGINT'],
  ['ALTER TABLE ALTER COLUMN widens the type and sets nullability',
    'ALTER TABLE [s].[t] ALTER COLUMN [name] NVARCHAR(4000) NULL',
    'ALTER TABLE "s"."t" ALTER COLUMN "name" TYPE VARCHAR; ALTER TABLE "s"."t" ALTER COLUMN "name" DROP NOT NULL'],
  ['DROP TABLE', 'DROP TABLE [s].[t]', 'DROP TABLE "s"."t"'],
  ['INSERT VALUES (one row) guards bounded strings and drops N',
    "INSERT INTO [s].[t] ([id], [name]) VALUES (1, N'it''s')", `INSERT INTO "s"."t" ("id", "name") VALUES (1, __tsql_str('it''s', 10))`],
  ['INSERT SELECT without bounded columns passes through',
    'INSERT INTO [s].[t] ([id], [amt]) SELECT [id], 1.5 FROM [#stg]', 'INSERT INTO "s"."t" ("id", "amt") SELECT "id", 1.5 FROM "#stg"'],
  ['INSERT SELECT into bounded columns wraps the select',
    'INSERT INTO [s].[t] ([id], [name]) SELECT [id], [name] FROM [#stg]',
    'INSERT INTO "s"."t" ("id", "name") SELECT q."v1", __tsql_str(q."v2", 10) FROM (SELECT "id", "name" FROM "#stg") AS q("v1", "v2")'],
  ['DELETE WHERE EXISTS',
    'DELETE FROM [s].[t] WHERE EXISTS (SELECT 1 FROM [#stg] AS src WHERE src.[id] = [s].[t].[id])',
    'DELETE FROM "s"."t" WHERE EXISTS (SELECT 1 FROM "#stg" AS src WHERE "src"."id" = "s"."t"."id")'],
  ['UPDATE with an implicit join (FROM source only)',
    'UPDATE [s].[t] SET [s].[t].[name] = src.[name] FROM [#stg] AS src WHERE src.[id] = [s].[t].[id]',
    'UPDATE "s"."t" SET "name" = __tsql_str("src"."name", 10) FROM "#stg" AS src WHERE (__tsql_pad("src"."id") = __tsql_pad("s"."t"."id"))'],
  ['UPDATE alias FROM t JOIN s ON: the target leaves FROM, ON moves to WHERE',
    'UPDATE t SET [name] = src.[name] FROM [s].[t] AS t JOIN [#stg] AS src ON src.[id] = t.[id]',
    'UPDATE "s"."t" SET "name" = __tsql_str("src"."name", 10) FROM "#stg" AS src WHERE (__tsql_pad("src"."id") = __tsql_pad("t"."id"))'],
  ['UPDATE FROM t, s with ISNULL',
    'UPDATE [s].[t] SET [amt] = ISNULL(src.[id], 0) FROM [s].[t], [#stg] src WHERE src.[id] = [s].[t].[id]',
    'UPDATE "s"."t" SET "amt" = COALESCE("src"."id", 0) FROM "#stg" src WHERE (__tsql_pad("src"."id") = __tsql_pad("s"."t"."id"))'],
  ['MERGE into a HASH table guards bounded columns in UPDATE SET and INSERT VALUES',
    'MERGE [s].[t] AS tgt USING [#stg] AS src ON tgt.[id] = src.[id] WHEN MATCHED THEN UPDATE SET [name] = src.[name] WHEN NOT MATCHED BY TARGET THEN INSERT ([id], [name]) VALUES (src.[id], src.[name]);',
    'MERGE INTO "s"."t" AS tgt USING "#stg" AS src ON "tgt"."id" = "src"."id" WHEN MATCHED THEN UPDATE SET "name" = __tsql_str("src"."name", 10) WHEN NOT MATCHED BY TARGET THEN INSERT ("id", "name") VALUES ("src"."id", __tsql_str("src"."name", 10)) RETURNING merge_action'],
  ['RENAME OBJECT', 'RENAME OBJECT [s].[t] TO [t_old]', 'ALTER TABLE "s"."t" RENAME TO "t_old"'],
  ['SELECT TOP (n) with COUNT',
    "SELECT TOP (1) [id], COUNT(*) AS n FROM [s].[t] WHERE [name] = N'x' GROUP BY [id] ORDER BY [id]",
    `SELECT __tsql_any_value("id") AS "id", CAST(count(*) AS INTEGER) AS n FROM "s"."t" WHERE __tsql_pad("name") = 'x' GROUP BY __tsql_pad("id") ORDER BY __tsql_any_value("id") LIMIT (1)`],
  ['SELECT TOP n', 'SELECT TOP 3 * FROM [#stg]', 'SELECT * FROM "#stg" LIMIT 3'],
  ['CI_AS: a grouped string column is any_value outside aggregates; HAVING compares it padded',
    "SELECT UPPER([name]) AS u, COUNT(*) AS n FROM [s].[t] GROUP BY [name] HAVING [name] <> N'x ' ORDER BY LEN([name])",
    `SELECT UPPER(__tsql_any_value("name")) AS u, CAST(count(*) AS INTEGER) AS n FROM "s"."t" GROUP BY __tsql_pad("name") HAVING __tsql_any_value(__tsql_pad("name")) <> 'x' ORDER BY CAST(length(rtrim(__tsql_any_value("name"))) AS INTEGER)`],
  ['CI_AS: DISTINCT keys are padded, LIKE folds case, IN items and literals lose trailing spaces',
    "SELECT DISTINCT [name], [id] AS i FROM [s].[t] WHERE [name] LIKE N'a%' AND [name] IN (N'a ', UPPER([name]))",
    `SELECT DISTINCT ON (__tsql_pad("name"), __tsql_pad("id")) "name", "id" AS i FROM "s"."t" WHERE "name" ILIKE 'a%' AND __tsql_pad("name") IN ('a', __tsql_pad(UPPER("name")))`],
  ['a three-part table name loses its database part', 'SELECT [id] FROM [dw].[s].[t]', 'SELECT "id" FROM "s"."t"'],
  ['SERVERPROPERTY', "SELECT SERVERPROPERTY('EngineEdition')", 'SELECT CAST(6 AS INTEGER)'],
  ['@@TRANCOUNT', 'SELECT @@TRANCOUNT AS n', 'SELECT CAST(0 AS INTEGER) AS n'],
  ['CAST types', 'SELECT CAST([amt] AS NVARCHAR(20)) AS a, CAST(NULL AS DATETIMEOFFSET(7)) AS b FROM [s].[t]',
    'SELECT __tsql_text(CAST("amt" AS VARCHAR), typeof("amt")) AS a, (CAST(__tsql_dto(CAST(NULL AS VARCHAR), typeof(NULL), 7) AS VARCHAR) COLLATE NOCASE) AS b FROM "s"."t"'],
];

t.test('every duckdb shape translates to the pinned DuckDB SQL', async (t) => {
  for (const [name, tsql, expected] of duckdb) t.equal(sqlOf(translate(tsql, catalogs)), expected, name);
});

t.test('@params become typed binds in order', async (t) => {
  const params = new Map([['@id', { name: 'bigint' as const }], ['@amt', { name: 'decimal' as const, precision: 10, scale: 2 }], ['@ts', { name: 'datetimeoffset' as const, scale: 7 }]]);
  const plan = translate('SELECT [id] FROM [s].[t] WHERE [id] = @id AND [amt] = @amt AND [ts] < @ts OR [id] = @id', catalogs, params);
  t.equal(sqlOf(plan), 'SELECT "id" FROM "s"."t" WHERE "id" = CAST($1 AS BIGINT) AND "amt" = CAST($2 AS DECIMAL(10,2)) AND "ts" < (CAST($3 AS VARCHAR) COLLATE NOCASE) OR "id" = CAST($4 AS BIGINT)');
  t.same(plan.kind === 'duckdb' ? plan.binds : [], ['@id', '@amt', '@ts', '@id']);
  t.match(caught(() => translate('SELECT @nope', catalogs)), { number: 137 });
});

t.test('@@VERSION is a Synapse version string', async (t) => {
  t.match(sqlOf(translate('SELECT @@VERSION AS v', catalogs)), /^SELECT 'Microsoft Azure SQL Data Warehouse - 10\.0\.\d+\.0 .*' AS v$/);
});

t.test('catalog views become inline subqueries with the caller alias or the view name', async (t) => {
  const sql = sqlOf(translate("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 't'", catalogs));
  t.match(sql, /^SELECT COLUMN_NAME FROM \(SELECT .* FROM \(VALUES \('dw', 's', 't', 'id', 1, NULL, 'NO', 'bigint', .*\)\) AS "COLUMNS" WHERE __tsql_pad\(TABLE_NAME\) = 't'$/);
  t.match(sqlOf(translate('SELECT c.name FROM sys.columns AS c', catalogs)), /\) AS c$/);
});

t.test('IF OBJECT_ID(...) IS NOT NULL DROP TABLE resolves the object id at translation', async (t) => {
  t.same(translate("IF OBJECT_ID('tempdb..#stg') IS NOT NULL DROP TABLE #stg", catalogs), {
    kind: 'if', body: 'DROP TABLE #stg',
    condition: { kind: 'duckdb', sql: 'SELECT CASE WHEN CAST(1000000 AS INTEGER) IS NOT NULL THEN true ELSE false END', returns: 'rows', sources: [], binds: [] },
  });
  const missing = translate("IF OBJECT_ID(N'[s].[nope]', 'U') IS NOT NULL DROP TABLE [s].[nope]", catalogs);
  t.match(missing, { kind: 'if', condition: { sql: 'SELECT CASE WHEN CAST(NULL AS INTEGER) IS NOT NULL THEN true ELSE false END' } });
});

t.test('IF NOT EXISTS (...) EXEC(\'CREATE SCHEMA\') runs the string as the body', async (t) => {
  t.match(translate("IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = N'x') EXEC('CREATE SCHEMA [x]')", catalogs), { kind: 'if', body: 'CREATE SCHEMA [x]' });
});

t.test('transactions, SET options and COPY INTO are control plans', async (t) => {
  for (const b of ['BEGIN TRAN', 'BEGIN TRANSACTION']) t.same(translate(b), { kind: 'transaction', change: 'begin' });
  for (const c of ['COMMIT', 'COMMIT TRAN', 'COMMIT TRANSACTION']) t.same(translate(c), { kind: 'transaction', change: 'commit' });
  for (const r of ['ROLLBACK', 'ROLLBACK TRAN', 'ROLLBACK TRANSACTION']) t.same(translate(r), { kind: 'transaction', change: 'rollback' });
  t.same(translate('set transaction isolation level read committed'), { kind: 'ignored' });
  const copy = "COPY INTO [#stg] FROM 'https://a.blob.core.windows.net/c/f.csv' WITH (FILE_TYPE = 'CSV')";
  t.same(translate(copy), { kind: 'copy', text: copy });
});

t.test('an unknown statement shape is refused, naming the statement', async (t) => {
  t.match(caught(() => translate('GRANT SELECT ON [s].[t] TO [bob]')), { number: 103010, message: /does not support this statement shape: GRANT SELECT ON \[s\]\.\[t\] TO \[bob\]/ });
  t.match(caught(() => translate(`DECLARE @x INT = ${'1 + '.repeat(60)}1`)), { message: /: DECLARE @x INT = .{80,}\.\.\.$/ });
});

t.test('the shape table is closed and named', async (t) => {
  t.same(SHAPES.map((s) => s.name), [
    'BEGIN TRANSACTION', 'COMMIT', 'ROLLBACK', 'SET option', 'IF', 'EXEC string', 'COPY INTO', 'USE',
    'CREATE SCHEMA', 'CREATE TABLE AS SELECT', 'SELECT INTO', 'CREATE TABLE', 'ALTER TABLE ADD / ALTER COLUMN', 'DROP TABLE', 'DROP SCHEMA', 'RENAME OBJECT',
    'INSERT VALUES', 'INSERT SELECT', 'DELETE', 'UPDATE', 'MERGE', 'SELECT', 'TRUNCATE TABLE',
  ]);
});
