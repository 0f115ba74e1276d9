// COPY INTO through the loader against a real Azurite and a raw DuckDB host (the engine's role).
import t from 'tap';
import { executeCopyInto } from '../../src/copy/index.js';
import { SqlServerError } from '../../src/contract.js';
import { duckHost, int, nvarchar, startBlobFixture, type BlobFixture, type DuckHost } from './fixtures.js';

let blobs: BlobFixture;
t.before(async () => { blobs = await startBlobFixture(); });
t.teardown(async () => { await blobs.stop(); });

const COLUMNS = [int('id', false), nvarchar('name', 10), nvarchar('note', 'max')];
const DDL = 'CREATE TABLE main.t (id INTEGER NOT NULL, name VARCHAR, note VARCHAR)';

async function withHost(fn: (h: DuckHost) => Promise<void>): Promise<void> {
  const h = await duckHost('t', COLUMNS, DDL);
  try { await fn(h); } finally { h.close(); }
}

function copy(from: string, withOptions: string): string {
  return `COPY INTO [t] FROM ${from} WITH (FILE_TYPE = 'CSV', CREDENTIAL = (IDENTITY = 'Shared Access Signature', SECRET = '?${blobs.sas()}')${withOptions})`;
}

async function rejection(p: Promise<unknown>): Promise<SqlServerError> {
  try { await p; } catch (error) { if (error instanceof SqlServerError) return error; throw error; }
  throw new Error('expected the COPY INTO to fail');
}

t.test('a gzip CSV with quotes, commas, CR/LF, "" and emoji loads exactly, empty fields as NULL', async (t) => {
  const csv = '1,"Ann ""A"", B","line1\r\nline2"\n2,,""\n3,"😀🎉 日本","naïve, café"\n4,"",\n';
  await blobs.upload('basic/part-0001.csv.gz', csv, true);
  await withHost(async (h) => {
    const n = await executeCopyInto(copy(`'${blobs.url('basic/part-0001.csv.gz')}'`, ", ROWTERMINATOR = '0x0A'"), h.host, { blobEndpoint: blobs.azurite.blobEndpoint });
    t.equal(n, 4);
    t.strictSame(await h.rows('SELECT id, name, note FROM t ORDER BY id'), [
      [1, 'Ann "A", B', 'line1\r\nline2'],
      [2, null, ''],
      [3, '😀🎉 日本', 'naïve, café'],
      [4, '', null],
    ]);
    t.equal(h.commits.count, 1, 'beforeCopyCommit is called once');
  });
});

t.test('a wildcard loads every matching file and skips names starting with _ or .', async (t) => {
  await blobs.upload('wild/a.csv', '1,a,\n');
  await blobs.upload('wild/sub/b.csv', '2,b,\n');
  await blobs.upload('wild/_SUCCESS.csv', '3,c,\n');
  await blobs.upload('wild/.hidden.csv', '4,d,\n');
  await blobs.upload('wild/_tmp/c.csv', '5,e,\n');
  await blobs.upload('wild/readme.txt', 'not csv');
  await blobs.upload('wild/sub/.x/d.csv', '6,f,\n');
  await withHost(async (h) => {
    const n = await executeCopyInto(copy(`'${blobs.url('wild/*.csv')}'`, ", ROWTERMINATOR = '0x0A'"), h.host, { blobEndpoint: blobs.azurite.blobEndpoint });
    t.equal(n, 2);
    t.same(await h.rows('SELECT id FROM t ORDER BY id'), [[1], [2]]);
  });
  await withHost(async (h) => {
    const n = await executeCopyInto(copy(`'${blobs.url('wild/sub')}', '${blobs.url('wild/_SUCCESS.csv')}'`, ", ROWTERMINATOR = '0x0A'"), h.host, { blobEndpoint: blobs.azurite.blobEndpoint });
    t.equal(n, 2, 'a folder skips hidden folders; a file named explicitly is read');
    t.same(await h.rows('SELECT id FROM t ORDER BY id'), [[2], [3]]);
  });
});

t.test('a wrong SAS, a wrong key and a missing file fail with 105215 as Synapse reports them', async (t) => {
  await blobs.upload('auth/x.csv', '1,a,\n');
  const endpoint = { blobEndpoint: blobs.azurite.blobEndpoint };
  await withHost(async (h) => {
    const badSas = blobs.sas().replace(/sig=[^&]+/, 'sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%3D');
    const e1 = await rejection(executeCopyInto(`COPY INTO t FROM '${blobs.url('auth/x.csv')}' WITH (CREDENTIAL = (IDENTITY = 'Shared Access Signature', SECRET = '${badSas}'))`, h.host, endpoint));
    t.equal(e1.number, 105215);
    t.equal(e1.message, 'Not able to validate external location because The remote server returned an error: (403) Forbidden.');
    t.notMatch(e1.message, /sig=/, 'the secret never appears');
    const e2 = await rejection(executeCopyInto(`COPY INTO t FROM '${blobs.url('auth/x.csv')}' WITH (CREDENTIAL = (IDENTITY = 'Storage Account Key', SECRET = '${Buffer.from('wrong key').toString('base64')}'))`, h.host, endpoint));
    t.equal(e2.number, 105215);
    t.match(e2.message, /\(403\) Forbidden/);
    const e3 = await rejection(executeCopyInto(copy(`'${blobs.url('auth/missing.csv')}'`, ''), h.host, endpoint));
    t.equal(e3.number, 105215);
    t.match(e3.message, /\(404\) Not Found/);
    const e4 = await rejection(executeCopyInto(`COPY INTO t FROM '${blobs.url('auth/x.csv').replace('/staging/', '/nocontainer/')}' WITH (CREDENTIAL = (IDENTITY = 'Storage Account Key', SECRET = '${blobs.azurite.accountKey}'))`, h.host, endpoint));
    t.equal(e4.number, 105215);
    t.match(e4.message, /\(404\) Not Found/);
    const noList = await rejection(executeCopyInto(`COPY INTO t FROM '${blobs.url('auth/x.csv')}' WITH (CREDENTIAL = (IDENTITY = 'Shared Access Signature', SECRET = '${blobs.sas('r')}'))`, h.host, endpoint));
    t.match(noList.message, /\(403\)/, 'a SAS without LIST cannot validate the location (READ and LIST are the minimum)');
    t.same(await h.rows('SELECT count(*)::INTEGER FROM t'), [[0]]);
  });
});

t.test('the account key credential loads; a non-loopback host is refused', async (t) => {
  await blobs.upload('key/x.csv', 'id,name,note\r\n7,k,\r\n');
  await withHost(async (h) => {
    const n = await executeCopyInto(`COPY INTO t FROM '${blobs.url('key/x.csv')}' WITH (CREDENTIAL = (IDENTITY = 'Storage Account Key', SECRET = '${blobs.azurite.accountKey}'), FIRSTROW = 2)`, h.host, { blobEndpoint: blobs.azurite.blobEndpoint });
    t.equal(n, 1);
    const e = await rejection(executeCopyInto(`COPY INTO t FROM 'https://example.com/c/x.csv'`, h.host, { blobEndpoint: blobs.azurite.blobEndpoint }));
    t.equal(e.number, 105208);
    const e2 = await rejection(executeCopyInto(`COPY INTO t FROM '${blobs.url('key/x.csv')}'`, h.host, { blobEndpoint: 'http://10.0.0.1:10000/devstoreaccount1' }));
    t.equal(e2.number, 105208);
  });
});

t.test('bad values are conversion errors naming row and column, counted against MAXERRORS', async (t) => {
  await blobs.upload('bad/x.csv', '1,ok,\nx,bad int,\n3,this name is too long,\n4,fine,\n');
  const from = `'${blobs.url('bad/x.csv')}'`;
  const endpoint = { blobEndpoint: blobs.azurite.blobEndpoint };
  await withHost(async (h) => {
    const e = await rejection(executeCopyInto(copy(from, ", ROWTERMINATOR = '0x0A'"), h.host, endpoint));
    t.equal(e.number, 4864);
    t.equal(e.message, 'Bulk load data conversion error (type mismatch or invalid character for the specified codepage) for row 2, column 1 (id) in data file bad/x.csv.');
    const e2 = await rejection(executeCopyInto(copy(from, ", ROWTERMINATOR = '0x0A', MAXERRORS = 1"), h.host, endpoint));
    t.equal(e2.number, 4863);
    t.equal(e2.message, 'Bulk load data conversion error (truncation) for row 3, column 2 (name) in data file bad/x.csv.');
    t.equal(h.commits.count, 0, 'a failed COPY never reaches the commit point');
    t.same(await h.rows('SELECT count(*)::INTEGER FROM t'), [[0]], 'and loads nothing');
    const n = await executeCopyInto(copy(from, ", ROWTERMINATOR = '0x0A', MAXERRORS = 2"), h.host, endpoint);
    t.equal(n, 2);
    t.same(await h.rows('SELECT id FROM t ORDER BY id'), [[1], [4]]);
    t.same(await h.rows("SELECT count(*)::INTEGER FROM duckdb_tables() WHERE table_name LIKE '__copy%'"), [[0]], 'staging tables are dropped');
  });
});

t.test('a row with several bad fields is one rejected row against MAXERRORS', async (t) => {
  await blobs.upload('bad/two.csv', 'x,this name is too long,\n5,ok,\n');
  await withHost(async (h) => {
    const n = await executeCopyInto(copy(`'${blobs.url('bad/two.csv')}'`, ", ROWTERMINATOR = '0x0A', MAXERRORS = 1"), h.host, { blobEndpoint: blobs.azurite.blobEndpoint });
    t.equal(n, 1, 'two bad fields in row 1, one reject: within MAXERRORS = 1');
    t.same(await h.rows('SELECT id FROM t'), [[5]]);
    const e = await rejection(executeCopyInto(copy(`'${blobs.url('bad/two.csv')}'`, ", ROWTERMINATOR = '0x0A'"), h.host, { blobEndpoint: blobs.azurite.blobEndpoint }));
    t.equal(e.number, 4864, 'the first failing column (id, a type mismatch) names the row error');
  });
});

t.test('a value longer than DuckDB\'s default 2 MB line loads whole into NVARCHAR(MAX)', async (t) => {
  const big = 'x'.repeat(3_000_000);
  await blobs.upload('big/x.csv.gz', `1,a,"${big}"\n`, true);
  await withHost(async (h) => {
    const n = await executeCopyInto(copy(`'${blobs.url('big/x.csv.gz')}'`, ", ROWTERMINATOR = '0x0A'"), h.host, { blobEndpoint: blobs.azurite.blobEndpoint });
    t.equal(n, 1);
    t.same(await h.rows('SELECT length(note)::INTEGER FROM t'), [[3_000_000]]);
  });
});
