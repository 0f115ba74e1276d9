// The load path end to end: keys that COPY INTO stages from Azurite keep their spelling (case, trailing spaces),
// and the MERGE upsert that follows matches them as Synapse's CI_AS collation does.
import t from 'tap';
import { startSynapseSim } from '../../src/server.js';
import { sql } from '../tds/mssql.js';
import { startBlobFixture, type BlobFixture } from './fixtures.js';

let blobs: BlobFixture;
t.before(async () => { blobs = await startBlobFixture(); });
t.teardown(async () => { await blobs.stop(); });

t.test('rows staged by COPY INTO keep case and trailing spaces, and MERGE matches them to the target case-insensitively', async (t) => {
  const sim = await startSynapseSim({ user: 'loader', password: 'pw', database: 'dw', blobStore: { blobEndpoint: blobs.azurite.blobEndpoint } });
  const pool = await new sql.ConnectionPool({
    server: sim.host, port: sim.port, user: 'loader', password: 'pw', database: 'dw',
    options: { encrypt: false, trustServerCertificate: true }, pool: { max: 1 },
  }).connect();
  t.teardown(async () => { await pool.close(); await sim.stop(); });
  await blobs.upload('coll/keys.csv', '"ABC  ",10\n"x",20\n"New ",30\n');
  await pool.request().batch(`
    CREATE TABLE [dbo].[t] ([k] NVARCHAR(20) NOT NULL, [v] INT NULL) WITH (DISTRIBUTION = HASH([k]), HEAP);
    INSERT INTO [dbo].[t] ([k], [v]) VALUES (N'abc', 1);
    INSERT INTO [dbo].[t] ([k], [v]) VALUES (N'X ', 2);
    CREATE TABLE [#stg] ([k] NVARCHAR(20) NOT NULL, [v] INT NULL) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);`);
  const copied = await pool.request().query(`COPY INTO [#stg] FROM '${blobs.url('coll/keys.csv')}'
    WITH (FILE_TYPE = 'CSV', CREDENTIAL = (IDENTITY = 'Shared Access Signature', SECRET = '${blobs.sas()}'), ROWTERMINATOR = '0x0A')`);
  t.same(copied.rowsAffected, [3]);
  t.same((await pool.request().query('SELECT [k] FROM [#stg] ORDER BY [v]')).recordset.map((r) => r['k']), ['ABC  ', 'x', 'New '], 'staged as written');
  await pool.request().query(`MERGE INTO [dbo].[t] AS [t] USING [#stg] AS [s] ON [t].[k] = [s].[k]
    WHEN MATCHED THEN UPDATE SET [t].[v] = [s].[v] WHEN NOT MATCHED BY TARGET THEN INSERT ([k], [v]) VALUES ([s].[k], [s].[v]);`);
  t.same((await pool.request().query('SELECT [k], [v] FROM [dbo].[t] ORDER BY [v]')).recordset,
    [{ k: 'abc', v: 10 }, { k: 'X ', v: 20 }, { k: 'New ', v: 30 }], 'two keys updated in place, one inserted');
});
