// Every Synapse refusal, with its error number, through the SqlSession API.
import t from 'tap';
import { assertNoErrors, batch, errorMessage, errorNumber, harness, type Harness } from './helpers.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

async function ready(t: Teardown): Promise<Harness> {
  const h = await harness();
  t.teardown(() => h.close());
  assertNoErrors(await batch(h.session, [
    'CREATE TABLE [rr] ([id] BIGINT NOT NULL, [name] NVARCHAR(5) NULL, [amt] DECIMAL(5,2) NULL) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);',
    'CREATE TABLE [hh] ([id] BIGINT NOT NULL, [name] NVARCHAR(5) NULL) WITH (DISTRIBUTION = HASH([id]), HEAP);',
  ].join('\n')));
  return h;
}

t.test('DDL inside a user transaction is refused and dooms the transaction', async (t) => {
  const h = await ready(t);
  const out = await batch(h.session, 'BEGIN TRAN; CREATE TABLE [x] ([a] INT) WITH (HEAP)');
  t.equal(errorNumber(out), 574);
  t.match(errorMessage(out), /CREATE TABLE statement not allowed within multi-statement transaction/);
  t.equal(errorNumber(await batch(h.session, 'SELECT 1 AS one')), 111233);
  t.same(await batch(h.session, 'ROLLBACK'), [{ kind: 'transaction', change: 'rollback' }]);
});

t.test('a nested BEGIN TRAN is refused', async (t) => {
  const h = await ready(t);
  t.equal(errorNumber(await batch(h.session, 'BEGIN TRAN; BEGIN TRAN')), 574);
  await h.session.rollback();
  t.equal(h.session.inTransaction, false);
  await h.session.beginTransaction();
  const nested = await h.session.beginTransaction().then(() => undefined, (e: unknown) => e);
  t.match(nested, { number: 574 });
});

t.test('a multi-row INSERT ... VALUES is a parse error', async (t) => {
  const h = await ready(t);
  const out = await batch(h.session, "INSERT INTO [rr] ([id], [name]) VALUES (1, N'a'), (2, N'b')");
  t.equal(errorNumber(out), 103010);
  t.match(errorMessage(out), /Incorrect syntax near ','/);
});

t.test('a MAX column in a CLUSTERED COLUMNSTORE table is refused with 35343 (CREATE, default index, ALTER ADD, CTAS)', async (t) => {
  const h = await ready(t);
  t.equal(errorNumber(await batch(h.session, 'CREATE TABLE [c1] ([b] NVARCHAR(MAX)) WITH (DISTRIBUTION = ROUND_ROBIN, CLUSTERED COLUMNSTORE INDEX)')), 35343);
  t.equal(errorNumber(await batch(h.session, 'CREATE TABLE [c2] ([b] VARBINARY(MAX))')), 35343);
  assertNoErrors(await batch(h.session, 'CREATE TABLE [c3] ([a] INT) WITH (DISTRIBUTION = ROUND_ROBIN, CLUSTERED COLUMNSTORE INDEX)'));
  t.equal(errorNumber(await batch(h.session, 'ALTER TABLE [c3] ADD [b] NVARCHAR(MAX) NULL')), 35343);
  t.equal(errorNumber(await batch(h.session, "CREATE TABLE [c4] WITH (DISTRIBUTION = ROUND_ROBIN) AS SELECT CAST('x' AS NVARCHAR(MAX)) AS b")), 35343);
  t.equal(errorNumber(await batch(h.session, 'SELECT * FROM [c4]')), 208, 'the refused CTAS left no table');
});

t.test('MERGE without the trailing semicolon is refused with 10713', async (t) => {
  const h = await ready(t);
  t.equal(errorNumber(await batch(h.session, 'MERGE INTO [hh] AS t USING [rr] AS s ON t.[id] = s.[id] WHEN MATCHED THEN DELETE')), 10713);
});

t.test('MERGE with a table value constructor in USING is refused; a derived SELECT ... UNION ALL source is accepted', async (t) => {
  const h = await ready(t);
  const out = await batch(h.session, "MERGE INTO [hh] AS t USING (VALUES (1, N'a'), (2, N'b')) AS s ([id], [name]) ON t.[id] = s.[id] WHEN MATCHED THEN UPDATE SET [name] = s.[name];");
  t.equal(errorNumber(out), 103010);
  t.match(errorMessage(out), /Incorrect syntax near 'VALUES'/);
  t.same(await batch(h.session, "MERGE INTO [hh] AS t USING (SELECT CAST(1 AS BIGINT) AS [id], N'a' AS [name] UNION ALL SELECT CAST(2 AS BIGINT), N'b') AS s ON t.[id] = s.[id] WHEN MATCHED THEN UPDATE SET [name] = s.[name];"),
    [{ kind: 'done', rowCount: 0 }]);
});

t.test('MERGE ... WHEN NOT MATCHED (insert) into a non-HASH table is refused; BY SOURCE is allowed', async (t) => {
  const h = await ready(t);
  const out = await batch(h.session, 'MERGE INTO [rr] AS t USING [hh] AS s ON t.[id] = s.[id] WHEN NOT MATCHED THEN INSERT ([id]) VALUES (s.[id]);');
  t.equal(errorNumber(out), 100087);
  t.match(errorMessage(out), /must target a hash distributed table/);
  t.same(await batch(h.session, 'MERGE INTO [rr] AS t USING [hh] AS s ON t.[id] = s.[id] WHEN NOT MATCHED BY SOURCE THEN DELETE;'), [{ kind: 'done', rowCount: 0 }]);
});

t.test('identifiers over 128 characters (116 for #temp tables) are refused', async (t) => {
  const h = await ready(t);
  t.equal(errorNumber(await batch(h.session, `CREATE TABLE [${'t'.repeat(129)}] ([a] INT) WITH (HEAP)`)), 103);
  t.equal(errorNumber(await batch(h.session, `CREATE TABLE [x] ([${'c'.repeat(129)}] INT) WITH (HEAP)`)), 103);
  assertNoErrors(await batch(h.session, `CREATE TABLE [${'t'.repeat(128)}] ([a] INT) WITH (HEAP)`));
  t.equal(errorNumber(await batch(h.session, `CREATE TABLE [#${'t'.repeat(116)}] ([a] INT) WITH (HEAP)`)), 193);
  assertNoErrors(await batch(h.session, `CREATE TABLE [#${'t'.repeat(115)}] ([a] INT) WITH (HEAP)`));
});

t.test('more than 1024 columns is refused with 1702', async (t) => {
  const h = await ready(t);
  const cols = (n: number): string => Array.from({ length: n }, (_, i) => `[c${i}] INT`).join(', ');
  t.equal(errorNumber(await batch(h.session, `CREATE TABLE [wide] (${cols(1025)}) WITH (HEAP)`)), 1702);
  assertNoErrors(await batch(h.session, `CREATE TABLE [wide] (${cols(1024)}) WITH (HEAP)`));
  t.equal(errorNumber(await batch(h.session, 'ALTER TABLE [wide] ADD [one_more] INT')), 1702);
});

t.test('string data over NVARCHAR(n) raises 8152 on INSERT VALUES, INSERT SELECT and UPDATE; nothing is written', async (t) => {
  const h = await ready(t);
  t.equal(errorNumber(await batch(h.session, "INSERT INTO [rr] ([id], [name]) VALUES (1, N'abcdef')")), 8152);
  t.equal(errorNumber(await batch(h.session, "INSERT INTO [rr] ([id], [name]) SELECT 1, N'abcdef'")), 8152);
  assertNoErrors(await batch(h.session, "INSERT INTO [rr] ([id], [name]) VALUES (1, N'abcde')"));
  t.equal(errorNumber(await batch(h.session, "UPDATE [rr] SET [name] = N'toolong' WHERE [id] = 1")), 8152);
  t.match(errorMessage(await batch(h.session, "INSERT INTO [rr] ([id], [name]) VALUES (2, N'abcdef')")), /String or binary data would be truncated/);
  t.equal(errorNumber(await batch(h.session, "MERGE INTO [hh] AS t USING (SELECT CAST(1 AS BIGINT) AS id, N'far too long' AS name) AS s ON t.[id] = s.[id] WHEN NOT MATCHED THEN INSERT ([id], [name]) VALUES (s.[id], s.[name]);")), 8152);
});

t.test('binary data over VARBINARY(n) raises 8152; NULL into a NOT NULL column raises 515', async (t) => {
  const h = await ready(t);
  assertNoErrors(await batch(h.session, 'CREATE TABLE [bin] ([id] BIGINT NOT NULL, [b] VARBINARY(2) NULL) WITH (HEAP)'));
  t.equal(errorNumber(await batch(h.session, "INSERT INTO [bin] ([id], [b]) VALUES (1, CAST('abc' AS VARBINARY(10)))")), 8152);
  assertNoErrors(await batch(h.session, "INSERT INTO [bin] ([id], [b]) VALUES (1, CAST('ab' AS VARBINARY(10)))"));
  t.equal(errorNumber(await batch(h.session, 'INSERT INTO [bin] ([id]) VALUES (NULL)')), 515);
});

t.test('numeric data over DECIMAL(p,s) raises arithmetic overflow 8115', async (t) => {
  const h = await ready(t);
  t.equal(errorNumber(await batch(h.session, 'INSERT INTO [rr] ([id], [amt]) VALUES (1, 1234.5)')), 8115);
  t.equal(errorNumber(await batch(h.session, 'INSERT INTO [rr] ([id], [amt]) SELECT 1, 99999.99')), 8115);
  assertNoErrors(await batch(h.session, 'INSERT INTO [rr] ([id], [amt]) VALUES (1, 999.99)'));
});

t.test('invalid object name 208 and invalid column name 207', async (t) => {
  const h = await ready(t);
  t.equal(errorNumber(await batch(h.session, 'SELECT * FROM [nope]')), 208);
  t.equal(errorNumber(await batch(h.session, 'INSERT INTO [nope] ([a]) VALUES (1)')), 208);
  t.equal(errorNumber(await batch(h.session, 'DELETE FROM [dbo].[nope] WHERE 1 = 1')), 208);
  t.equal(errorNumber(await batch(h.session, 'SELECT [missing] FROM [rr]')), 207);
  t.equal(errorNumber(await batch(h.session, 'INSERT INTO [rr] ([id], [missing]) VALUES (1, 2)')), 207);
  t.equal(errorNumber(await batch(h.session, 'UPDATE [rr] SET [missing] = 1')), 207);
});

t.test('REPLICATE temp tables and DROP TABLE IF EXISTS are refused; a batch stops at its first error', async (t) => {
  const h = await ready(t);
  t.match(errorMessage(await batch(h.session, 'CREATE TABLE #r ([a] INT) WITH (DISTRIBUTION = REPLICATE, HEAP)')), /REPLICATE/);
  t.equal(errorNumber(await batch(h.session, 'DROP TABLE IF EXISTS [rr]')), 103010);
  const out = await batch(h.session, 'SELECT 1 AS a; SELECT * FROM [nope]; SELECT 2 AS b');
  t.same(out.map((o) => o.kind), ['rows', 'error']);
});

t.test('COPY INTO without a configured copy engine errors clearly', async (t) => {
  const h = await ready(t);
  t.match(errorMessage(await batch(h.session, "COPY INTO [rr] FROM 'https://a.blob.core.windows.net/c/x.csv'")), /COPY INTO is not available/);
});
