import t from 'tap';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseJson, type JsonObject } from '@kustomer-synapse/singer';
import { createBatchWriter, parsePartFile, formatPartFile } from '../../src/intake/index.js';
import { planStream, RecordValueError } from '../../src/plan/index.js';
import { planOptions, schemaMessage } from '../plan/helpers.js';
import { readGzipCsv, type CsvRow } from '../support/csv.js';

const dir = await mkdtemp(join(tmpdir(), 'batch-writer-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));

const ORDERS = schemaMessage('orders', {
  id: { type: 'integer' },
  amount: { type: 'number', multipleOf: 1e-19 },
  note: { type: 'string' },
  at: { type: 'string', format: 'date-time' },
  ok: { type: 'boolean' },
  customer: { type: 'object', properties: { name: { type: 'string' } } },
  lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, serials: { type: 'array', items: { type: 'integer' } } } } },
  matrix: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
}, ['id']);
const { plan } = planStream(ORDERS, planOptions().options, new Map());
const record = (json: string): JsonObject => parseJson(json) as JsonObject;
/** A number as exact-json reads it from a RECORD line. */
const exact = (text: string): unknown => (parseJson(`{"v":${text}}`) as { v: unknown }).v;
const meta = (ordinal: number) => ({ ordinal, receivedAt: '2026-12-02T10:00:00.123Z' });

async function rowsOf(files: readonly { table: string; path: string }[], table: string): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for (const f of files.filter((file) => file.table === table)) rows.push(...(await readGzipCsv(f.path)));
  return rows.sort((a, b) => Number(a[0]) - Number(b[0]) || String(a.slice(1)).localeCompare(String(b.slice(1))));
}

t.test('a record becomes its root row and child rows two levels deep, each led by the arrival ordinal', async (t) => {
  const writer = createBatchWriter(plan, { directory: join(dir, 'nested'), filesPerBatch: 1, sequence: 1, addRecordMetadata: false });
  writer.write(record('{"id":7,"customer":{"name":"Ann"},"lines":[{"sku":"a","serials":[10,11]},{"sku":"b","serials":[]},{"sku":"c"}],"matrix":[["x","y"],[],["z"]]}'), meta(41));
  t.equal(writer.records, 1);
  t.equal(writer.rows, 1 + 3 + 2 + 3 + 3);
  const batch = await writer.close();
  t.same(await rowsOf(batch.files, 'orders'), [['41', '7', null, null, null, null, 'Ann']]);
  t.same(await rowsOf(batch.files, 'orders__lines'), [['41', '7', '0', 'a'], ['41', '7', '1', 'b'], ['41', '7', '2', 'c']]);
  t.same(await rowsOf(batch.files, 'orders__lines__serials'), [['41', '7', '0', '0', '10'], ['41', '7', '0', '1', '11']]);
  t.same(await rowsOf(batch.files, 'orders__matrix'), [['41', '7', '0'], ['41', '7', '1'], ['41', '7', '2']], 'an empty inner array still has its row');
  t.same(await rowsOf(batch.files, 'orders__matrix__value'), [['41', '7', '0', '0', 'x'], ['41', '7', '0', '1', 'y'], ['41', '7', '2', '0', 'z']]);
  t.same(batch.files.map((f) => [f.table, f.rows]), [['orders', 1], ['orders__lines', 3], ['orders__lines__serials', 2], ['orders__matrix', 3], ['orders__matrix__value', 3]]);
});

t.test('values round-trip through the CSV exactly: NUL, control characters, quotes, newlines, unicode, "" vs null, extreme numbers and dates', async (t) => {
  const writer = createBatchWriter(plan, { directory: join(dir, 'values'), filesPerBatch: 1, sequence: 2, addRecordMetadata: false });
  const hard = 'nul\u0000 soh\u0001 us\u001f del\u007f "quoted", comma\r\nCRLF\nLF \\u0000 Ελληνικά 中文 😀';
  writer.write({ id: exact('-9223372036854775808'), note: hard, ok: true, at: '0001-01-01T00:00:00Z', amount: exact('1.0000000000000000001') }, meta(1));
  writer.write(record('{"id":99999999999999999,"note":"","ok":false,"at":"9999-12-31T23:59:59.9999999Z","amount":-12.5}'), meta(2));
  writer.write(record('{"id":3,"note":null}'), meta(3));
  const batch = await writer.close();
  t.same(await rowsOf(batch.files, 'orders'), [
    ['1', '-9223372036854775808', '1.0000000000000000001', hard, '0001-01-01 00:00:00.0000000+00:00', '1', null],
    ['2', '99999999999999999', '-12.5', '', '9999-12-31 23:59:59.9999999+00:00', '0', null],
    ['3', '3', null, null, null, null, null],
  ]);
  t.equal(batch.maxLengths.get('orders')?.get('note'), hard.length);
  t.equal(batch.records, 3);
});

t.test('records go round robin over filesPerBatch parts per table, and each table has at least one file', async (t) => {
  const writer = createBatchWriter(plan, { directory: join(dir, 'parts'), filesPerBatch: 3, sequence: 9, addRecordMetadata: false });
  // Records with 1, 2 or 3 child rows: parts follow the record count, not the row count.
  for (let i = 0; i < 7; i += 1) writer.write({ id: i, lines: Array.from({ length: (i % 3) + 1 }, (_, n) => ({ sku: `s${i}.${n}` })) }, meta(i));
  const batch = await writer.close();
  t.same(batch.files.filter((f) => f.table === 'orders').map((f) => [basename(f.path), f.rows]), [['orders.9.0001.csv.gz', 3], ['orders.9.0002.csv.gz', 2], ['orders.9.0003.csv.gz', 2]]);
  const firstPart = await readGzipCsv(batch.files.find((f) => f.table === 'orders__lines')!.path);
  t.same([...new Set(firstPart.map((r) => r[0]))], ['0', '3', '6'], 'a record\'s child rows are in the matching part');
  t.same(batch.files.filter((f) => f.table === 'orders__matrix').map((f) => f.rows), [0], 'an empty table still has one (empty) file');
  t.ok(batch.files.every((f) => f.bytes > 0), 'even an empty gzip file has a header');
  t.ok(writer.bytes > 0);
});

t.test('a value that does not fit its column names the stream, the column and the record, and writes nothing of that record', async (t) => {
  const writer = createBatchWriter(plan, { directory: join(dir, 'misfit'), filesPerBatch: 1, sequence: 3, addRecordMetadata: false });
  writer.write({ id: 1 }, meta(1));
  const error = t.throws(() => writer.write({ id: 2, lines: [{ sku: 'ok', serials: ['twelve'] }] }, meta(2))) as RecordValueError;
  t.type(error, RecordValueError);
  t.equal(error.message, 'stream "orders", record 2 (id=2): the value for column value of table orders__lines__serials is the string "twelve", which does not fit BIGINT; fix the stream\'s schema or the record');
  t.throws(() => writer.write({ id: 'x' }, meta(3)), /column id of table orders is the string "x", which does not fit BIGINT/);
  t.throws(() => writer.write({ id: 4, customer: 'Ann' }, meta(4)), /column customer__name of table orders is string at "customer", where the schema says an object/);
  t.throws(() => writer.write({ id: 5, lines: { sku: 'a' } }, meta(5)), /table orders__lines is an object, where the schema says an array/);
  const batch = await writer.close();
  t.equal(batch.records, 1);
  t.same(batch.files.map((f) => f.rows), [1, 0, 0, 0, 0]);
});

t.test('metadata columns carry the receipt, extraction, batch time, sequence and table version', async (t) => {
  const { plan: withMeta } = planStream(schemaMessage('m', { id: { type: 'integer' } }, ['id']), planOptions({ addRecordMetadata: true }).options, new Map());
  const writer = createBatchWriter(withMeta, { directory: join(dir, 'meta'), filesPerBatch: 1, sequence: 1, addRecordMetadata: true });
  writer.write({ id: 1, _sdc_deleted_at: '2026-01-01T00:00:00Z' }, { ordinal: 5, receivedAt: '2026-12-02T10:00:00.123Z', extractedAt: '2026-12-02T09:59:00+01:00', tableVersion: 1700000000000 });
  const [row] = await rowsOf((await writer.close()).files, 'm');
  t.same(row?.slice(0, 3), ['5', '1', '2026-12-02 09:59:00.0000000+01:00']);
  t.equal(row?.[3], '2026-12-02 10:00:00.1230000+00:00');
  t.match(row?.[4], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{7}\+00:00$/);
  t.same(row?.slice(5), ['2026-01-01 00:00:00.0000000+00:00', String(Date.parse('2026-12-02T10:00:00.123Z')), '1700000000000']);
});

t.test('discard removes the part files; a closed writer refuses more records', async (t) => {
  const writer = createBatchWriter(plan, { directory: join(dir, 'discard'), filesPerBatch: 2, sequence: 1, addRecordMetadata: false });
  writer.write({ id: 1, lines: [{ sku: 'a' }] }, meta(1));
  await writer.drained();
  await writer.discard();
  t.same(await readdir(join(dir, 'discard')), []);
  const closed = createBatchWriter(plan, { directory: join(dir, 'closed'), filesPerBatch: 1, sequence: 1, addRecordMetadata: false });
  const batch = await closed.close();
  t.ok(batch.files.every((f) => existsSync(f.path)));
  t.throws(() => closed.write({ id: 1 }, meta(1)), /batch 1 of stream "orders" is closed/);
});

t.test('part file names parse back', async (t) => {
  const name = formatPartFile({ table: 'orders__lines', sequence: 12, part: 3 });
  t.equal(name, 'orders__lines.12.0003.csv.gz');
  t.same(parsePartFile(name), { table: 'orders__lines', sequence: 12, part: 3 });
  t.throws(() => formatPartFile({ table: 'Orders', sequence: 1, part: 1 }), /not a conformed table name/);
  t.equal(parsePartFile('orders.csv'), undefined);
});
