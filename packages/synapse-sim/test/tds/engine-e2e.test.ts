// End to end through mssql against the real DuckDB engine, which startSynapseSim uses when given none.
import t from 'tap';
import { startHarness } from './harness.js';
import { sql } from './mssql.js';

const TABLE = `CREATE TABLE [dbo].[t] ([id] BIGINT NOT NULL, [name] NVARCHAR(MAX) NULL, [ts] DATETIMEOFFSET(7) NULL,
  [amount] DECIMAL(38,9) NULL, [ok] BIT NULL, [d] DATE NULL, [f] FLOAT NULL) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)`;
const INSERT = 'INSERT INTO [dbo].[t] ([id], [name], [ts], [amount], [ok], [d], [f]) VALUES (@id, @name, @ts, @amount, @ok, @d, @f)';

t.test('the default engine answers as a Synapse dedicated pool', async (t) => {
  const pool = await (await startHarness(t, undefined)).connect();
  const version = await pool.request().query('SELECT @@VERSION AS v');
  t.match(version.recordset[0]?.v, /^Microsoft Azure SQL Data Warehouse - 10\.0\.17829\.0/);
  const edition = await pool.request().query("SELECT SERVERPROPERTY('EngineEdition') AS e");
  t.same(edition.recordset, [{ e: 6 }]);
  const missing = await pool.request().query('SELECT * FROM [dbo].[missing]').then(() => undefined, (e: unknown) => e);
  t.ok(missing instanceof sql.RequestError);
  t.match(missing, { number: 208, message: "Invalid object name 'missing'." });
});

t.test('typed parameters are stored in DuckDB and read back with their T-SQL types', async (t) => {
  const pool = await (await startHarness(t, undefined)).connect();
  await pool.request().batch(TABLE);
  const name = 'Zoë "q", x 🎉'.repeat(8000);
  const inserted = await pool.request()
    .input('id', sql.BigInt, '9223372036854775807')
    .input('name', sql.NVarChar(sql.MAX), name)
    .input('ts', sql.DateTimeOffset(7), new Date('2024-05-06T07:08:09.123Z'))
    .input('amount', sql.Decimal(38, 9), -12345.123456789)
    .input('ok', sql.Bit, true)
    .input('d', sql.Date, new Date('2024-02-29T00:00:00Z'))
    .input('f', sql.Float, 2.5)
    .query(INSERT);
  t.same(inserted.rowsAffected, [1]);
  const nulls = await pool.request()
    .input('id', sql.BigInt, '-9223372036854775808').input('name', sql.NVarChar(sql.MAX), null)
    .input('ts', sql.DateTimeOffset(7), null).input('amount', sql.Decimal(38, 9), null).input('ok', sql.Bit, null)
    .input('d', sql.Date, null).input('f', sql.Float, null)
    .query(INSERT);
  t.same(nulls.rowsAffected, [1]);
  const result = await pool.request().query('SELECT [id], [name], [ts], [amount], [ok], [d], [f] FROM [dbo].[t] ORDER BY [id]');
  t.same(result.recordset, [
    { id: '-9223372036854775808', name: null, ts: null, amount: null, ok: null, d: null, f: null },
    {
      id: '9223372036854775807', name, ts: new Date('2024-05-06T07:08:09.123Z'), amount: -12345.123456789,
      ok: true, d: new Date('2024-02-29T00:00:00Z'), f: 2.5,
    },
  ]);
  const declared = Object.values(result.recordset.columns).map((column) => [column.name, (column.type as { declaration?: string }).declaration]);
  t.same(declared, [['id', 'bigint'], ['name', 'nvarchar'], ['ts', 'datetimeoffset'], ['amount', 'decimal'], ['ok', 'bit'], ['d', 'date'], ['f', 'float']]);
});

t.test("mssql's Transaction rollback undoes an insert in DuckDB; commit keeps it", async (t) => {
  const pool = await (await startHarness(t, undefined)).connect();
  await pool.request().batch('CREATE TABLE [dbo].[n] ([id] INT NOT NULL) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)');
  const rolledBack = new sql.Transaction(pool);
  await rolledBack.begin();
  await new sql.Request(rolledBack).input('id', sql.Int, 1).query('INSERT INTO [dbo].[n] ([id]) VALUES (@id)');
  await rolledBack.rollback();
  const committed = new sql.Transaction(pool);
  await committed.begin();
  await new sql.Request(committed).input('id', sql.Int, 2).query('INSERT INTO [dbo].[n] ([id]) VALUES (@id)');
  await committed.commit();
  const rows = await pool.request().query('SELECT [id] FROM [dbo].[n]');
  t.same(rows.recordset, [{ id: 2 }]);
  const text = await pool.request().batch('BEGIN TRAN; INSERT INTO [dbo].[n] ([id]) VALUES (3); ROLLBACK');
  t.same(text.rowsAffected, [1]);
  const after = await pool.request().query('SELECT COUNT(*) AS c FROM [dbo].[n]');
  t.same(after.recordset, [{ c: 1 }]);
});

t.test('a #temp table belongs to the connection that made it', async (t) => {
  const harness = await startHarness(t, undefined);
  const [a, b] = await Promise.all([harness.connect(), harness.connect()]);
  if (a === undefined || b === undefined) throw new Error('two pools expected');
  await a.request().batch('CREATE TABLE #stg ([id] INT NULL)');
  const own = await a.request().query('SELECT COUNT(*) AS c FROM #stg');
  t.same(own.recordset, [{ c: 0 }]);
  const other = await b.request().query('SELECT COUNT(*) AS c FROM #stg').then(() => undefined, (e: unknown) => e);
  t.match(other, { number: 208 });
});
