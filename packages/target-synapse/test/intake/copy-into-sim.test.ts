// The part files the batch writer makes, loaded by COPY INTO as the target-load engineer will issue it, into
// synapse-sim (through mssql) from Azurite: proves the CSV rules hold for the stand-in's reader, value by value.
import t from 'tap';
import sql from 'mssql';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { parseJson, type JsonObject } from '@kustomer-synapse/singer';
import { startAzurite, startSynapseSim } from '@kustomer-synapse/synapse-sim';
import { createBatchWriter } from '../../src/intake/index.js';
import { planStream, sqlTypeText, type TablePlan } from '../../src/plan/index.js';
import { planOptions, schemaMessage } from '../plan/helpers.js';

const azurite = await startAzurite();
t.teardown(() => azurite.stop());
const sim = await startSynapseSim({ user: 'loader', password: 'Secret-123', database: 'dw', blobStore: { blobEndpoint: azurite.blobEndpoint } });
t.teardown(() => sim.stop());
const pool = await new sql.ConnectionPool({
  server: sim.host, port: sim.port, user: 'loader', password: 'Secret-123', database: 'dw',
  options: { encrypt: false, trustServerCertificate: true },
}).connect();
t.teardown(() => pool.close());
const credential = new StorageSharedKeyCredential(azurite.accountName, azurite.accountKey);
const container = new BlobServiceClient(azurite.blobEndpoint, credential).getContainerClient('staging');
await container.create();
const dir = await mkdtemp(join(tmpdir(), 'copy-into-sim-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));

const quote = (name: string): string => `[${name.replace(/]/g, ']]')}]`;

/** CREATE TABLE as the plan says (with the stage's leading ordinal column), upload the parts, COPY INTO, read back. */
async function load(table: TablePlan, files: readonly { table: string; path: string }[]): Promise<Record<string, unknown>[]> {
  const columns = [`[_sdc_ordinal] BIGINT NOT NULL`, ...table.columns.map((c) => `${quote(c.name)} ${sqlTypeText(c.type)} ${c.nullable ? 'NULL' : 'NOT NULL'}`)];
  await pool.request().batch(`CREATE TABLE [dbo].${quote(table.name)} (${columns.join(', ')}) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)`);
  const locations: string[] = [];
  for (const file of files.filter((f) => f.table === table.name)) {
    const name = `batch/${basename(file.path)}`;
    await container.getBlockBlobClient(name).uploadData(await readFile(file.path));
    locations.push(`'https://${azurite.accountName}.blob.core.windows.net/staging/${name}'`);
  }
  await pool.request().batch(`COPY INTO [dbo].${quote(table.name)} FROM ${locations.join(', ')} WITH (FILE_TYPE = 'CSV', CREDENTIAL = (IDENTITY = 'Storage Account Key', SECRET = '${azurite.accountKey}'), FIELDQUOTE = '"', FIELDTERMINATOR = ',', ROWTERMINATOR = '0x0A', ENCODING = 'UTF8', COMPRESSION = 'GZIP', MAXERRORS = 0)`);
  const select = ['[_sdc_ordinal]', ...table.columns.map((c) => (['datetimeoffset', 'date', 'time', 'decimal', 'bigint', 'float'].includes(c.type.kind) ? `CAST(${quote(c.name)} AS nvarchar(4000)) AS ${quote(c.name)}` : quote(c.name)))];
  const result = await pool.request().query(`SELECT ${select.join(', ')} FROM [dbo].${quote(table.name)} ORDER BY [_sdc_ordinal]`);
  return result.recordset as Record<string, unknown>[];
}

const exact = (text: string): unknown => (parseJson(`{"v":${text}}`) as { v: unknown }).v;

t.test('synapse-sim loads every hard value exactly as sent: NUL and control characters, quotes, newlines, unicode, "" vs NULL, extreme numbers and date-times', async (t) => {
  const message = schemaMessage('values', {
    id: { type: 'integer' }, s: { type: 'string' }, amount: { type: 'number', multipleOf: 1e-19 }, f: { type: 'number' },
    at: { type: 'string', format: 'date-time' }, d: { type: 'string', format: 'date' }, ok: { type: 'boolean' }, doc: { type: 'object' },
  }, ['id']);
  const { plan } = planStream(message, planOptions().options, new Map());
  const writer = createBatchWriter(plan, { directory: join(dir, 'values'), filesPerBatch: 2, sequence: 1, addRecordMetadata: false });
  const hard = 'nul\u0000 soh\u0001 us\u001f del\u007f "quoted", comma\r\nCRLF\nLF \\u0000 Ελληνικά 中文 😀';
  const records: JsonObject[] = [
    { id: exact('-9223372036854775808'), s: hard, amount: exact('1.0000000000000000001'), f: 0.1, at: '0001-01-01T00:00:00Z', d: '0001-01-01', ok: true, doc: { a: [1, exact('99999999999999999')] } },
    { id: exact('99999999999999999'), s: '', amount: exact('-12.5'), f: exact('1e-300'), at: '9999-12-31T23:59:59.9999999Z', d: '9999-12-31', ok: false, doc: {} },
    { id: exact('9223372036854775807'), s: null, at: '2024-02-29T18:29:59.1234567+05:30' },
  ];
  records.forEach((record, i) => writer.write(record, { ordinal: i + 1, receivedAt: '2026-12-02T10:00:00Z' }));
  const batch = await writer.close();
  const rows = await load(plan.root, batch.files);
  t.same(rows.map((r) => r.id), ['-9223372036854775808', '99999999999999999', '9223372036854775807']);
  t.equal(rows[0]?.s, hard, 'NUL, control characters, CRLF and LF, quotes and unicode arrive unchanged');
  t.equal(rows[1]?.s, '', "'' stays an empty string");
  t.equal(rows[2]?.s, null, 'null stays NULL');
  t.same(rows.map((r) => r.amount), ['1.0000000000000000001', '-12.5000000000000000000', null]);
  t.same(rows.map((r) => r.at), ['0001-01-01 00:00:00.0000000 +00:00', '9999-12-31 23:59:59.9999999 +00:00', '2024-02-29 18:29:59.1234567 +05:30']);
  t.same(rows.map((r) => r.d), ['0001-01-01', '9999-12-31', null]);
  t.same(rows.map((r) => r.ok), [true, false, null], 'BIT read through mssql');
  t.same(rows.map((r) => r.doc), ['{"a":[1,99999999999999999]}', '{}', null]);
  t.equal(Number(rows[0]?.f), 0.1);
});

t.test('child rows two levels deep load next to their parent keys and positions', async (t) => {
  const message = schemaMessage('orders', {
    id: { type: 'string' },
    lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, serials: { type: 'array', items: { type: 'integer' } } } } },
  }, ['id']);
  const { plan } = planStream(message, planOptions().options, new Map());
  const writer = createBatchWriter(plan, { directory: join(dir, 'orders'), filesPerBatch: 3, sequence: 1, addRecordMetadata: false });
  writer.write({ id: 'A', lines: [{ sku: 'x', serials: [1, 2] }, { sku: 'y' }] }, { ordinal: 1, receivedAt: '2026-12-02T10:00:00Z' });
  writer.write({ id: 'B', lines: [{ sku: 'z', serials: [3] }] }, { ordinal: 2, receivedAt: '2026-12-02T10:00:00Z' });
  const batch = await writer.close();
  const serials = plan.children[1]!;
  t.equal(serials.name, 'orders__lines__serials');
  const rows = await load(serials, batch.files);
  t.same(rows.map((r) => [r._sdc_ordinal, r._sdc_source_key_id, r._sdc_level_0_id, r._sdc_level_1_id, r.value]), [
    ['1', 'A', '0', '0', '1'], ['1', 'A', '0', '1', '2'], ['2', 'B', '0', '0', '3'],
  ]);
});
