// Catalog queries answer in T-SQL terms from the shadow catalog.
import t from 'tap';
import { assertNoErrors, batch, errorMessage, errorNumber, harness, param, rowsOf, rpc } from './helpers.js';

t.test('INFORMATION_SCHEMA.COLUMNS reports declared T-SQL types, lengths, precision and nullability', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  const s = h.session;
  assertNoErrors(await batch(s, 'CREATE SCHEMA [sales]'));
  assertNoErrors(await batch(s, 'CREATE TABLE [sales].[orders] ([id] BIGINT NOT NULL, [name] NVARCHAR(4000) NULL, [body] NVARCHAR(MAX) NULL, [code] VARCHAR(20) NULL, [amount] DECIMAL(38,9) NULL, [score] FLOAT NULL, [ok] BIT NULL, [at] DATETIMEOFFSET(7) NULL, [day] DATE NULL) WITH (DISTRIBUTION = HASH([id]), HEAP)'));
  const rows = rowsOf(await rpc(s,
    'SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = @schema AND TABLE_NAME = @table ORDER BY ORDINAL_POSITION',
    [param('@schema', { name: 'nvarchar', length: 4000 }, 'sales'), param('@table', { name: 'nvarchar', length: 4000 }, 'ORDERS')]));
  t.same(rows, [
    { COLUMN_NAME: 'id', DATA_TYPE: 'bigint', CHARACTER_MAXIMUM_LENGTH: null, NUMERIC_PRECISION: 19, NUMERIC_SCALE: 0, DATETIME_PRECISION: null, IS_NULLABLE: 'NO' },
    { COLUMN_NAME: 'name', DATA_TYPE: 'nvarchar', CHARACTER_MAXIMUM_LENGTH: 4000, NUMERIC_PRECISION: null, NUMERIC_SCALE: null, DATETIME_PRECISION: null, IS_NULLABLE: 'YES' },
    { COLUMN_NAME: 'body', DATA_TYPE: 'nvarchar', CHARACTER_MAXIMUM_LENGTH: -1, NUMERIC_PRECISION: null, NUMERIC_SCALE: null, DATETIME_PRECISION: null, IS_NULLABLE: 'YES' },
    { COLUMN_NAME: 'code', DATA_TYPE: 'varchar', CHARACTER_MAXIMUM_LENGTH: 20, NUMERIC_PRECISION: null, NUMERIC_SCALE: null, DATETIME_PRECISION: null, IS_NULLABLE: 'YES' },
    { COLUMN_NAME: 'amount', DATA_TYPE: 'decimal', CHARACTER_MAXIMUM_LENGTH: null, NUMERIC_PRECISION: 38, NUMERIC_SCALE: 9, DATETIME_PRECISION: null, IS_NULLABLE: 'YES' },
    { COLUMN_NAME: 'score', DATA_TYPE: 'float', CHARACTER_MAXIMUM_LENGTH: null, NUMERIC_PRECISION: 53, NUMERIC_SCALE: null, DATETIME_PRECISION: null, IS_NULLABLE: 'YES' },
    { COLUMN_NAME: 'ok', DATA_TYPE: 'bit', CHARACTER_MAXIMUM_LENGTH: null, NUMERIC_PRECISION: null, NUMERIC_SCALE: null, DATETIME_PRECISION: null, IS_NULLABLE: 'YES' },
    { COLUMN_NAME: 'at', DATA_TYPE: 'datetimeoffset', CHARACTER_MAXIMUM_LENGTH: null, NUMERIC_PRECISION: null, NUMERIC_SCALE: null, DATETIME_PRECISION: 7, IS_NULLABLE: 'YES' },
    { COLUMN_NAME: 'day', DATA_TYPE: 'date', CHARACTER_MAXIMUM_LENGTH: null, NUMERIC_PRECISION: null, NUMERIC_SCALE: null, DATETIME_PRECISION: 0, IS_NULLABLE: 'YES' },
  ]);

  assertNoErrors(await batch(s, 'ALTER TABLE [sales].[orders] ADD [later] NVARCHAR(100) NOT NULL'));
  t.same(rowsOf(await batch(s, "SELECT DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS WHERE COLUMN_NAME = 'later'")),
    [{ DATA_TYPE: 'nvarchar', CHARACTER_MAXIMUM_LENGTH: 100, IS_NULLABLE: 'NO' }]);

  assertNoErrors(await batch(s, "INSERT INTO [sales].[orders] ([id], [amount], [later]) VALUES (1, 1.5, N'x')"));
  assertNoErrors(await batch(s, 'ALTER TABLE [sales].[orders] ALTER COLUMN [later] NVARCHAR(4000) NULL'));
  assertNoErrors(await batch(s, 'ALTER TABLE [sales].[orders] ALTER COLUMN [amount] DECIMAL(38,12) NULL'));
  t.same(rowsOf(await batch(s, "SELECT COLUMN_NAME, CHARACTER_MAXIMUM_LENGTH, NUMERIC_SCALE, IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS WHERE COLUMN_NAME IN ('later', 'amount') ORDER BY ORDINAL_POSITION")), [
    { COLUMN_NAME: 'amount', CHARACTER_MAXIMUM_LENGTH: null, NUMERIC_SCALE: 12, IS_NULLABLE: 'YES' },
    { COLUMN_NAME: 'later', CHARACTER_MAXIMUM_LENGTH: 4000, NUMERIC_SCALE: null, IS_NULLABLE: 'YES' },
  ]);
  t.same(rowsOf(await batch(s, 'SELECT [amount], [later] FROM [sales].[orders]')), [{ amount: '1.500000000000', later: 'x' }]);
  assertNoErrors(await batch(s, 'INSERT INTO [sales].[orders] ([id]) VALUES (2)'));
  t.equal(errorNumber(await batch(s, 'ALTER TABLE [sales].[orders] ALTER COLUMN [nope] INT')), 4924);
  t.match(errorMessage(await batch(s, 'ALTER TABLE [sales].[orders] ALTER COLUMN [id] DECIMAL(38,0) NOT NULL')), /distribution column/);
});

t.test('INFORMATION_SCHEMA.TABLES, sys.tables, sys.schemas, sys.columns and distribution follow DDL, RENAME and DROP', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  const s = h.session;
  assertNoErrors(await batch(s, 'CREATE SCHEMA [a];\nCREATE TABLE [a].[x] ([id] INT NOT NULL, [n] NVARCHAR(50)) WITH (DISTRIBUTION = HASH([id]), CLUSTERED COLUMNSTORE INDEX)'));
  t.same(rowsOf(await batch(s, "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'a'")), [{ TABLE_SCHEMA: 'a', TABLE_NAME: 'x', TABLE_TYPE: 'BASE TABLE' }]);
  t.same(rowsOf(await batch(s, "SELECT t.name AS tname, c.name AS cname, c.max_length, c.is_nullable, ty.name AS type FROM sys.tables t JOIN sys.schemas s ON s.schema_id = t.schema_id JOIN sys.columns c ON c.object_id = t.object_id JOIN sys.types ty ON ty.user_type_id = c.user_type_id WHERE s.name = 'a' ORDER BY c.column_id")), [
    { tname: 'x', cname: 'id', max_length: 4, is_nullable: false, type: 'int' },
    { tname: 'x', cname: 'n', max_length: 100, is_nullable: true, type: 'nvarchar' },
  ]);
  t.same(rowsOf(await batch(s, "SELECT p.distribution_policy_desc AS d, i.type_desc AS i FROM sys.tables t JOIN sys.pdw_table_distribution_properties p ON p.object_id = t.object_id JOIN sys.indexes i ON i.object_id = t.object_id WHERE t.name = 'x'")),
    [{ d: 'HASH', i: 'CLUSTERED COLUMNSTORE' }]);
  t.same(rowsOf(await batch(s, "SELECT c.name AS cname, d.distribution_ordinal AS o FROM sys.tables t JOIN sys.columns c ON c.object_id = t.object_id JOIN sys.pdw_column_distribution_properties d ON d.object_id = c.object_id AND d.column_id = c.column_id WHERE t.name = 'x' ORDER BY c.column_id")),
    [{ cname: 'id', o: 1 }, { cname: 'n', o: 0 }], 'sys.pdw_column_distribution_properties names the hash column');
  assertNoErrors(await batch(s, 'RENAME OBJECT [a].[x] TO [y]'));
  t.same(rowsOf(await batch(s, "SELECT name FROM sys.tables")), [{ name: 'y' }]);
  assertNoErrors(await batch(s, 'DROP TABLE [a].[y]'));
  t.same(rowsOf(await batch(s, 'SELECT COUNT(*) AS n FROM INFORMATION_SCHEMA.COLUMNS')), [{ n: 0 }]);
});

t.test('temp tables are not visible through INFORMATION_SCHEMA (as in Synapse)', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  assertNoErrors(await batch(h.session, 'CREATE TABLE #stg ([id] INT) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)'));
  t.same(rowsOf(await batch(h.session, 'SELECT COUNT(*) AS n FROM INFORMATION_SCHEMA.TABLES')), [{ n: 0 }]);
});

t.test('result columns of user tables carry declared types; expressions map from DuckDB types', async (t) => {
  const h = await harness();
  t.teardown(() => h.close());
  assertNoErrors(await batch(h.session, 'CREATE TABLE [t] ([n] NVARCHAR(40) NOT NULL, [d] DATETIME2(3)) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)'));
  const [out] = await batch(h.session, "SELECT [n], [d], 1 AS one, CAST(2 AS BIGINT) AS two, 'x' AS lit FROM [t]");
  t.same(out?.kind === 'rows' ? out.columns : [], [
    { name: 'n', type: { name: 'nvarchar', length: 40 }, nullable: false },
    { name: 'd', type: { name: 'datetime2', scale: 3 }, nullable: true },
    { name: 'one', type: { name: 'int' }, nullable: true },
    { name: 'two', type: { name: 'bigint' }, nullable: true },
    { name: 'lit', type: { name: 'nvarchar', length: 'max' }, nullable: true },
  ]);
});
