// T-SQL semantics and loader statement shapes (issue 7), end to end through the real mssql client: what passes or
// fails here must pass or fail the same way on Synapse.
import t from 'tap';
import { startSynapseSim } from '../../src/server.js';
import { sql, type Mssql } from '../tds/mssql.js';

const USER = 'loader';
const PASSWORD = 'pw-for-tests';

interface Teardown {
  teardown(fn: () => unknown): void;
}

async function connect(t: Teardown): Promise<Mssql.ConnectionPool> {
  const sim = await startSynapseSim({ user: USER, password: PASSWORD, database: 'dw' });
  const pool = new sql.ConnectionPool({
    server: sim.host, port: sim.port, user: USER, password: PASSWORD, database: 'dw',
    options: { encrypt: false, trustServerCertificate: true }, pool: { max: 1 },
  });
  t.teardown(async () => {
    await pool.close().catch(() => undefined);
    await sim.stop();
  });
  return pool.connect();
}

/** The SQL Server error number and message mssql reports for a failing call. */
async function failure(p: Promise<unknown>): Promise<{ readonly number: number | undefined; readonly message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { number?: number; message?: string; originalError?: { info?: { number?: number } } };
    return { number: err.number ?? err.originalError?.info?.number, message: err.message ?? '' };
  }
  return { number: undefined, message: 'no error' };
}

async function value(pool: Mssql.ConnectionPool, expression: string): Promise<unknown> {
  const r = await pool.request().query(`SELECT ${expression} AS v`);
  return (r.recordset[0] as { v: unknown }).v;
}

export { connect, failure, value };

t.test('integer operands divide as integers and CAST to INT truncates toward zero', async (t) => {
  const pool = await connect(t);
  t.equal(await value(pool, '7 / 2'), 3);
  t.equal(await value(pool, '-7 / 2'), -3);
  t.equal(await value(pool, 'CAST(2.7 AS INT)'), 2);
  t.equal(await value(pool, 'CAST(-2.7 AS INT)'), -2);
  t.equal(await value(pool, "CAST('' AS INT)"), 0);
  t.equal(await value(pool, "CAST(' 42 ' AS INT)"), 42);
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

t.test('an unknown function is error 195 naming it, as SQL Server words it', async (t) => {
  const pool = await connect(t);
  const f = await failure(pool.request().query('SELECT no_such_fn(1) AS v'));
  t.equal(f.number, 195);
  t.equal(f.message, "'no_such_fn' is not a recognized built-in function name.");
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
