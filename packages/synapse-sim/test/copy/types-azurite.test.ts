// Declared T-SQL types, column lists, encodings and terminators, through the loader against Azurite.
import t from 'tap';
import { executeCopyInto } from '../../src/copy/index.js';
import { SqlServerError, type CatalogColumn } from '../../src/contract.js';
import { duckHost, int, nvarchar, startBlobFixture, type BlobFixture } from './fixtures.js';
import { DT2_STORAGE, DTO_STORAGE } from '../../src/engine/temporal-storage.js';

let blobs: BlobFixture;
t.before(async () => { blobs = await startBlobFixture(); });
t.teardown(async () => { await blobs.stop(); });

const col = (name: string, type: CatalogColumn['type'], nullable = true): CatalogColumn => ({ name, type, nullable });
const TYPED: readonly CatalogColumn[] = [
  col('ti', { name: 'tinyint' }), col('b', { name: 'bit' }), col('r', { name: 'real' }), col('d', { name: 'decimal', precision: 5, scale: 2 }),
  col('dt', { name: 'date' }), col('ts', { name: 'datetime2', scale: 7 }), col('u', { name: 'uniqueidentifier' }), col('v', { name: 'varbinary', length: 4 }),
];
const TYPED_DDL = `CREATE TABLE main.t (ti UTINYINT, b BOOLEAN, r FLOAT, d DECIMAL(5,2), dt DATE, ts ${DT2_STORAGE}, u UUID, v BLOB)`;

async function load(columns: readonly CatalogColumn[], ddl: string, blob: string, body: string | Buffer, options: string, columnList = ''): Promise<{ n: number; rows: readonly (readonly unknown[])[] }> {
  await blobs.upload(blob, body);
  const h = await duckHost('t', columns, ddl);
  try {
    const n = await executeCopyInto(`COPY INTO t ${columnList} FROM '${blobs.url(blob)}' WITH (CREDENTIAL = (IDENTITY = 'Storage Account Key', SECRET = '${blobs.azurite.accountKey}')${options})`, h.host, { blobEndpoint: blobs.azurite.blobEndpoint });
    // __tsql_text prints stored datetime2/datetimeoffset values as CAST(... AS nvarchar) does; other text passes.
    return { n, rows: await h.rows('SELECT __tsql_text(COLUMNS(*)::VARCHAR, typeof(COLUMNS(*))) FROM t') };
  } finally {
    h.close();
  }
}

async function failure(p: Promise<unknown>): Promise<SqlServerError> {
  try { await p; } catch (e) { if (e instanceof SqlServerError) return e; throw e; }
  throw new Error('expected failure');
}

t.test('each declared type converts its text; a quoted "" is NULL outside character types', async (t) => {
  const { n, rows } = await load(TYPED, TYPED_DDL, 'types/ok.csv',
    '255,1,1.5,-123.45,2024-02-29,2024-01-02 03:04:05.1234567,6F9619FF-8B86-D011-B42D-00C04FC964FF,0xCAFE\r\n'
    + '0,false,"",0.1,"",,,\r\n', '');
  t.equal(n, 2);
  t.same(rows[0]?.slice(0, 6), ['255', 'true', '1.5', '-123.45', '2024-02-29', '2024-01-02 03:04:05.1234567']);
  t.equal(rows[0]?.[7], '\\xCA\\xFE');
  t.match(String(rows[0]?.[6]), /6f9619ff-8b86-d011-b42d-00c04fc964ff/i);
  t.same(rows[1], ['0', 'false', null, '0.10', null, null, null, null]);
});

t.test('out-of-range and malformed values are rejected with the documented bulk-load errors', async (t) => {
  const cases: readonly [string, number, RegExp][] = [
    ['256,,,,,,,', 4867, /overflow.*column 1 \(ti\)/],
    ['x,,,,,,,', 4864, /type mismatch.*column 1 \(ti\)/],
    [',2,,,,,,', 4864, /column 2 \(b\)/],
    [',,,1000.00,,,,', 4867, /overflow.*column 4 \(d\)/],
    [',,,,2024-02-30,,,', 4864, /column 5 \(dt\)/],
    [',,,,,,not-a-guid,', 4864, /column 7 \(u\)/],
    [',,,,,,,0x0102030405', 4863, /truncation.*column 8 \(v\)/],
    [',,inf,,,,,', 4864, /column 3 \(r\)/],
  ];
  for (const [line, number, message] of cases) {
    const e = await failure(load(TYPED, TYPED_DDL, `types/bad-${number}-${line.length}.csv`, `${line}\r\n`, ''));
    t.equal(e.number, number, line);
    t.match(e.message, message, line);
  }
});

t.test('DATEFORMAT orders non-ISO dates; ISO dates load under any DATEFORMAT', async (t) => {
  const columns = [col('dt', { name: 'date' })];
  const dmy = await load(columns, 'CREATE TABLE main.t (dt DATE)', 'dates/dmy.csv', '03/02/2024\r\n2024-12-31\r\n', ", DATEFORMAT = 'dmy'");
  t.same(dmy.rows.map((r) => String(r[0])), ['2024-02-03', '2024-12-31']);
  const mdy = await load(columns, 'CREATE TABLE main.t (dt DATE)', 'dates/mdy.csv', '03/02/2024\r\n', '');
  t.same(mdy.rows.map((r) => String(r[0])), ['2024-03-02'], 'the session default (mdy, as tedious sets it)');
});

t.test('ENCODING = UTF16 reads little-endian text with a BOM, emoji included', async (t) => {
  const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('1,"😀 ü"\r\n2,x\r\n', 'utf16le')]);
  const { rows } = await load([int('id'), nvarchar('s', 10)], 'CREATE TABLE main.t (id INTEGER, s VARCHAR)', 'enc/u16.csv', body, ", ENCODING = 'UTF16'");
  t.same(rows, [['1', '😀 ü'], ['2', 'x']]);
});

t.test('NVARCHAR(n) counts UTF-16 code units: an emoji takes two', async (t) => {
  const columns = [nvarchar('s', 2)];
  const ok = await load(columns, 'CREATE TABLE main.t (s VARCHAR)', 'len/ok.csv', '😀\r\nab\r\n', '');
  t.equal(ok.n, 2);
  const e = await failure(load(columns, 'CREATE TABLE main.t (s VARCHAR)', 'len/bad.csv', 'a😀\r\n', ''));
  t.equal(e.number, 4863);
});

t.test('a column list maps field numbers, applies defaults to NULLs, and leaves omitted columns NULL', async (t) => {
  const columns = [int('a'), nvarchar('b', 10), nvarchar('c', 10)];
  const { rows } = await load(columns, 'CREATE TABLE main.t (a INTEGER, b VARCHAR, c VARCHAR)', 'list/x.csv', 'x,1,,z\r\n',
    '', "(c default 'dflt' 3, a 2)");
  t.same(rows, [['1', null, 'dflt']]);
  const e = await failure(load([int('a'), int('b', false)], 'CREATE TABLE main.t (a INTEGER, b INTEGER NOT NULL)', 'list/y.csv', '1\r\n', '', '(a 1)'));
  t.equal(e.number, 105211);
  t.equal(e.message, "COPY statement failed because non nullable column 'b' cannot have the NULL value as its default.");
  const e2 = await failure(load([int('a')], 'CREATE TABLE main.t (a INTEGER)', 'list/z.csv', '1\r\n', '', '(nope 1)'));
  t.equal(e2.number, 207);
  const e3 = await failure(load([int('a', false)], 'CREATE TABLE main.t (a INTEGER NOT NULL)', 'list/n.csv', '\r\n', ''));
  t.equal(e3.number, 4869, 'an empty field into a NOT NULL column is rejected');
});

t.test("ROWTERMINATOR: '\\n' means \\r\\n (an LF-only file is rejected); '0x0A' reads it", async (t) => {
  const columns = [int('a'), int('b')];
  const ddl = 'CREATE TABLE main.t (a INTEGER, b INTEGER)';
  const e = await failure(load(columns, ddl, 'rt/lf.csv', '1,2\n3,4\n', ", ROWTERMINATOR = '\\n'"));
  t.equal(e.number, 4879);
  t.match(e.message, /invalid column value in CSV data file rt\/lf\.csv in row 1/);
  t.equal((await load(columns, ddl, 'rt/lf2.csv', '1,2\n3,4\n', ", ROWTERMINATOR = '0x0A'")).n, 2);
  t.equal((await load(columns, ddl, 'rt/crlf.csv', '1,2\r\n3,4\r\n', ", ROWTERMINATOR = '\\n'")).n, 2);
  t.equal((await load(columns, ddl, 'rt/pipe.csv', "1|'2'~3|'4'~", ", FIELDTERMINATOR = '|', ROWTERMINATOR = '~', FIELDQUOTE = ''''")).n, 2);
});

t.test('COMPRESSION = GZIP gunzips a blob without a .gz extension; ERRORFILE is refused as not emulated', async (t) => {
  const { gzipSync } = await import('node:zlib');
  const { rows } = await load([int('a')], 'CREATE TABLE main.t (a INTEGER)', 'gz/plain-name.csv', gzipSync('7\r\n'), ", COMPRESSION = 'GZIP'");
  t.same(rows, [['7']]);
  const e = await failure(load([int('a')], 'CREATE TABLE main.t (a INTEGER)', 'gz/e.csv', '1\r\n', ", ERRORFILE = '/errors'"));
  t.match(e.message, /does not emulate ERRORFILE/);
});

t.test('TIME(7), DATETIME2(7) and DATETIMEOFFSET(7) keep 100 ns; DATETIMEOFFSET keeps its offset', async (t) => {
  const columns = [col('tm', { name: 'time', scale: 7 }), col('d2', { name: 'datetime2', scale: 7 }), col('dto', { name: 'datetimeoffset', scale: 7 })];
  const { rows } = await load(columns, `CREATE TABLE main.t (tm TIME_NS, d2 ${DT2_STORAGE}, dto ${DTO_STORAGE})`, 'time/x.csv',
    '03:04:05.1234567,2024-01-02T03:04:05.1234567,2024-01-02 03:04:05.1234567+02:00\r\n', '');
  t.same(rows, [['03:04:05.1234567', '2024-01-02 03:04:05.1234567', '2024-01-02 03:04:05.1234567 +02:00']]);
});
