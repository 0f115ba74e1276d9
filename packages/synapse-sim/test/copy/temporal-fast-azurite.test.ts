// The canonical-form fast path of COPY INTO's datetime2/datetimeoffset conversion (engine/temporal-fast.ts) against the
// general path, through real COPY INTO: the same generated texts load once as they are (the fast path takes every text
// of the canonical form) and once with a leading space (which the fast path never takes and the general path trims),
// and must give the same stored values and the same rejected rows.
import t from 'tap';
import { executeCopyInto } from '../../src/copy/index.js';
import { SqlServerError, type CatalogColumn, type TsqlType } from '../../src/contract.js';
import { mulberry32 } from '../../src/engine/faults.js';
import { DT2_STORAGE, DTO_STORAGE } from '../../src/engine/temporal-storage.js';
import { duckHost, int, startBlobFixture, type BlobFixture } from './fixtures.js';

let blobs: BlobFixture;
t.before(async () => { blobs = await startBlobFixture(); });
t.teardown(async () => { await blobs.stop(); });

const random = mulberry32(20261202);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const digits = (n: number, max: number): string => String(Math.floor(random() * (max + 1))).padStart(n, '0');
const two = (edges: readonly string[], max: number): string => (random() < 0.5 ? pick(edges) : digits(2, max));

/** Canonical-form texts, valid and not: edge years, impossible dates and times, every fraction edge, offsets +-14:00. */
function canonical(): string {
  const year = random() < 0.6 ? pick(['0000', '0001', '0002', '1582', '1900', '2000', '2024', '9998', '9999']) : digits(4, 9999);
  const date = `${year}-${two(['00', '01', '02', '12', '13'], 12)}-${two(['00', '01', '28', '29', '30', '31', '32'], 31)}`;
  const time = `${two(['00', '23', '24'], 23)}:${two(['00', '59', '60'], 59)}:${two(['00', '59', '60'], 59)}`;
  const fraction = random() < 0.5 ? pick(['0000000', '9999999', '9999998', '5000000', '4999999', '0000500', '0000499', '0005000']) : digits(7, 9_999_999);
  const offset = random() < 0.2 ? '' : `${pick(['+', '-'])}${two(['00', '13', '14', '15', '99'], 14)}:${two(['00', '01', '59', '60'], 59)}`;
  return `${date}${pick([' ', 'T'])}${time}.${fraction}${offset}`;
}

/** Near misses and junk, which both loads send down the general path (not '': a padded one would be no NULL). */
const OTHERS: readonly string[] = [
  '2024-01-02 03:04:05.123+01:00', '2024-01-02 03:04:05', '2024-01-02T03:04:05.1234567Z', '2024-01-02 03:04:05.1234567 +01:00',
  '2024-01-02 03:04:05.1234567+0100', '2024-01-02 3:04:05.1234567+01:00', '20240102 03:04:05.1234567', '01/02/2024 03:04:05',
  '２０２４-01-02 03:04:05.1234567+01:00', '2024-01-02 03:04:05.12345678+01:00', 'x', '9999-12-31 23:59:59.9999999-14:00',
];

const VALUES: readonly string[] = [...Array.from({ length: 3000 }, canonical), ...OTHERS,
  '9999-12-31 23:59:59.9999999+00:00', '9999-12-31 23:59:59.9999999', '0001-01-01 00:00:00.0000000+00:00', '0001-01-01 00:00:00.0000000+00:01',
  '0001-01-01 00:00:00.0000000-14:00', '9999-12-31 23:59:59.9999999+14:00', '2024-06-30 12:00:00.0000000-00:00'];

const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

async function load(type: TsqlType, storage: string, texts: readonly string[], blob: string): Promise<{ n: number; rows: readonly (readonly unknown[])[] }> {
  await blobs.upload(blob, texts.map((v, i) => `${i + 1},${quote(v)}\n`).join(''));
  const columns: readonly CatalogColumn[] = [int('id'), { name: 'x', type, nullable: true }];
  const h = await duckHost('t', columns, `CREATE TABLE main.t (id INTEGER, x ${storage})`);
  try {
    const n = await executeCopyInto(`COPY INTO t FROM '${blobs.url(blob)}' WITH (CREDENTIAL = (IDENTITY = 'Storage Account Key', SECRET = '${blobs.azurite.accountKey}'), `
      + `ROWTERMINATOR = '0x0A', MAXERRORS = 100000)`, h.host, { blobEndpoint: blobs.azurite.blobEndpoint });
    return { n, rows: await h.rows('SELECT id, CAST(x AS VARCHAR) FROM t ORDER BY id') };
  } finally {
    h.close();
  }
}

const TYPES: readonly [TsqlType, string][] = [
  [{ name: 'datetimeoffset', scale: 7 }, DTO_STORAGE], [{ name: 'datetimeoffset', scale: 3 }, DTO_STORAGE],
  [{ name: 'datetimeoffset', scale: 0 }, DTO_STORAGE], [{ name: 'datetime2', scale: 7 }, DT2_STORAGE], [{ name: 'datetime2', scale: 2 }, DT2_STORAGE],
];

t.test('canonical texts store what the general path stores, and the same rows are rejected', async (t) => {
  for (const [type, storage] of TYPES) {
    const label = `${type.name}(${type.scale})`;
    const fast = await load(type, storage, VALUES, `fast/${label}.csv`);
    const general = await load(type, storage, VALUES.map((v) => ` ${v}`), `general/${label}.csv`);
    t.ok(fast.n > 500 && fast.n < VALUES.length - 500, `${label}: many texts load and many are rejected (${fast.n} of ${VALUES.length})`);
    t.equal(fast.n, general.n, `${label}: as many rows load`);
    t.same(fast.rows, general.rows, `${label}: the same rows with the same stored values`);
  }
});

t.test('a canonical text that is no date is rejected with the general path\'s row error', async (t) => {
  await blobs.upload('fast/bad.csv', '1,2024-02-30 00:00:00.0000000+00:00\n');
  const h = await duckHost('t', [int('id'), { name: 'x', type: { name: 'datetimeoffset', scale: 7 }, nullable: true }], `CREATE TABLE main.t (id INTEGER, x ${DTO_STORAGE})`);
  try {
    const e = await executeCopyInto(`COPY INTO t FROM '${blobs.url('fast/bad.csv')}' WITH (CREDENTIAL = (IDENTITY = 'Storage Account Key', SECRET = '${blobs.azurite.accountKey}'), ROWTERMINATOR = '0x0A')`,
      h.host, { blobEndpoint: blobs.azurite.blobEndpoint }).then(() => undefined, (err: unknown) => err);
    t.ok(e instanceof SqlServerError);
    t.equal((e as SqlServerError).number, 4864);
    t.match((e as SqlServerError).message, /type mismatch.*row 1, column 2 \(x\) in data file fast\/bad\.csv/);
  } finally {
    h.close();
  }
});
