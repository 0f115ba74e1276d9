// Through the real mssql client: no error quotes a string literal (a COPY INTO SECRET must never come back), and the
// engine and COPY INTO read nested block comments the same way (T-SQL nests them).
import t, { type Test } from 'tap';
import { startSynapseSim } from '../../src/server.js';
import { startBlobFixture, type BlobFixture } from '../copy/fixtures.js';
import { sql, type Mssql } from '../tds/mssql.js';

const USER = 'loader';
const PASSWORD = 'S3cret!pw';
const DATABASE = 'dw';
const SECRET = '?sv=2024-01-01&sig=TOPSECRET0123456789';

let blobs: BlobFixture;
t.before(async () => { blobs = await startBlobFixture(); });
t.teardown(async () => { await blobs.stop(); });

async function connect(t: Test): Promise<Mssql.ConnectionPool> {
  const sim = await startSynapseSim({ user: USER, password: PASSWORD, database: DATABASE, blobStore: { blobEndpoint: blobs.azurite.blobEndpoint } });
  const pool = new sql.ConnectionPool({
    server: '127.0.0.1', port: sim.port, user: USER, password: PASSWORD, database: DATABASE,
    options: { encrypt: false, trustServerCertificate: true }, pool: { max: 1 },
  });
  await pool.connect();
  t.teardown(async () => { await pool.close().catch(() => undefined); await sim.stop(); });
  return pool;
}

async function failure(p: Promise<unknown>): Promise<{ number: number; message: string }> {
  try { await p; } catch (error) {
    const e = error as { number?: number; message?: string };
    return { number: e.number ?? -1, message: e.message ?? '' };
  }
  throw new Error('expected the statement to fail');
}

const CREATE = 'CREATE TABLE [dbo].[t] ([id] INT NOT NULL, [v] NVARCHAR(20) NULL) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)';
const copyInto = (middle: string, credential: string): string =>
  `COPY INTO [dbo].[t] ([id] 1, [v] 2) ${middle} FROM '${blobs.url('lexing/x.csv')}' WITH (ROWTERMINATOR = '0x0A', CREDENTIAL = ${credential})`;

t.test('no error quotes a string literal, through the batch or sp_executesql path', async (t) => {
  const pool = await connect(t);
  await pool.request().batch(CREATE);
  const cases: readonly (readonly [string, string, number, RegExp?])[] = [
    ['a COPY INTO whose SECRET string is never closed',
      `COPY INTO [dbo].[t] FROM '${blobs.url('x.csv')}'\nWITH (CREDENTIAL = (IDENTITY = 'Shared Access Signature', SECRET = '${SECRET})`,
      103010, /^Parse error at line: 2, column: 68: Incorrect syntax near '''\.$/],
    ['a COPY INTO whose syntax error falls on the SECRET string',
      `COPY INTO [dbo].[t] FROM '${blobs.url('x.csv')}' WITH (CREDENTIAL = (IDENTITY = 'Shared Access Signature', SECRET '${SECRET}'))`,
      103010, /near '''\.$/],
    ['a COPY INTO with a wrong SECRET',
      copyInto('', `(IDENTITY = 'Shared Access Signature', SECRET = '${SECRET}')`), 105215],
    ['an unsupported statement holding a secret', `CREATE CREDENTIAL c WITH SECRET = '${SECRET}'`, 103010],
    ['an unsupported ALTER TABLE holding a literal', `ALTER TABLE [dbo].[t] ADD CONSTRAINT d DEFAULT '${SECRET}' FOR [v]`, 50000],
    ['a literal DuckDB cannot convert', `INSERT INTO [dbo].[t] ([id], [v]) VALUES ('${SECRET}', N'a')`, 245],
    ['a syntax error that falls on a literal', `INSERT INTO [dbo].[t] ([id], [v]) VALUES (1, N'a') N'${SECRET}'`, 103010, /near 'N''\.$/],
    ['a plain SELECT whose string is never closed', `SELECT N'${SECRET}`, 103010, /near 'N''\.$/],
  ];
  for (const [what, text, number, message] of cases) {
    for (const [path, run] of [['batch', () => pool.request().batch(text)], ['query', () => pool.request().query(text)]] as const) {
      const e = await failure(run());
      t.equal(e.number, number, `${what} (${path}): ${e.message}`);
      t.notMatch(e.message, /TOPSECRET/, `${what} (${path}) does not quote the literal`);
      if (message !== undefined) t.match(e.message, message, `${what} (${path})`);
    }
  }
});

t.test('nested block comments end where T-SQL ends them, in the engine and in COPY INTO alike', async (t) => {
  const pool = await connect(t);
  await pool.request().batch(CREATE);
  await blobs.upload('lexing/x.csv', '1,a\n2,b\n');
  const sas = `(IDENTITY = 'Shared Access Signature', SECRET = '${blobs.sas()}')`;

  const selected = await pool.request().query('SELECT 1 AS [n] /* outer /* inner */ still the comment */');
  t.same(selected.recordset, [{ n: 1 }], 'the engine skips the whole nested comment');
  const copied = await pool.request().query(copyInto('/* outer /* inner */ still the comment */', sas));
  t.same(copied.rowsAffected, [2], 'COPY INTO skips the whole nested comment');
  const leading = await pool.request().query(`/* a /* b */ c */ ${copyInto('', sas)}`);
  t.same(leading.rowsAffected, [2], 'a nested comment before COPY INTO is skipped too');
  const rows = await pool.request().query('SELECT COUNT(*) AS [n] FROM [dbo].[t]');
  t.same(rows.recordset, [{ n: 4 }]);

  const engineOpen = await failure(pool.request().query('SELECT 1 AS [n] /* outer /* inner */'));
  const copyOpen = await failure(pool.request().query(copyInto('/* outer /* inner */', sas)));
  t.equal(engineOpen.number, 103010, engineOpen.message);
  t.equal(copyOpen.number, 103010, copyOpen.message);
  t.match(engineOpen.message, /near '\/\*/, 'an unclosed nested comment is a parse error at its start');
  t.match(copyOpen.message, /near '\/\*/, 'the same in COPY INTO');
});
