// A schema change mid-stream through the real CLI into synapse-sim: a new column, an integer becoming a number
// (with and without multipleOf), a new nested field (in an object and in an array's elements) and a string
// growing past 4,000 characters. Every stored value is read before the change and again after it: none is
// lost or changed.
import t from 'tap';
import { startHarness, type Harness } from '../load/harness.js';
import { collect, spawnTarget } from '../support/cli-run.js';
import { assertSucceeded, exact, recordMessage, schemaMessage, singerText, tableRows, tableText, waitUntil } from '../support/singer-messages.js';

const h: Harness = await startHarness();
t.teardown(() => h.stop());

const V1 = schemaMessage('things', {
  id: { type: 'integer' },
  amount: { type: 'integer' },
  price: { type: 'integer' },
  note: { type: 'string' },
  info: { type: 'object', properties: { a: { type: 'string' } } },
  lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } },
});
const V2 = schemaMessage('things', {
  id: { type: 'integer' },
  amount: { type: 'number' },
  price: { type: 'number', multipleOf: 0.01 },
  note: { type: 'string' },
  info: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } } },
  lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } } } },
  color: { type: 'string' },
});

const LONG = 'ü'.repeat(3_999) + '€'; // 4,000 characters: the longest value NVARCHAR(4000) holds
const LONGER = 'x'.repeat(4_000) + '!'.repeat(1_000);
const BEFORE = [
  { id: 1, amount: exact('9007199254740993'), price: exact('-9223372036854775808'), note: 'é "q", c', info: { a: 'one' }, lines: [{ sku: 'A' }, { sku: 'B' }] },
  { id: 2, amount: exact('9223372036854775807'), price: 0, note: '', info: { a: '' }, lines: [] },
  { id: 3, amount: -1, price: exact('12345678901234567'), note: LONG, info: {}, lines: [{ sku: 'C' }] },
].map((record) => recordMessage('things', record));
const AFTER = [
  { id: 4, amount: 1.5, price: exact('99999999999999999999.99'), note: LONGER, info: { a: 'four', b: 4 }, lines: [{ sku: 'D', qty: 2 }], color: 'red' },
  { id: 5, amount: exact('12345678901234567'), price: 3, note: 'five', info: { b: 5 }, lines: [{ sku: 'E' }], color: null },
].map((record) => recordMessage('things', record));

/** The same decimal whatever its trailing zeros: a BIGINT's `5` and the DECIMAL(38,2) `5.00` it widened to. */
const sameNumber = (text: unknown): unknown => (typeof text === 'string' && /^-?\d+\.\d+$/.test(text) ? text.replace(/\.?0+$/, '') : text);
const normalised = (rows: readonly Readonly<Record<string, unknown>>[], widened: readonly string[]) =>
  rows.map((row) => Object.fromEntries(Object.entries(row).map(([name, value]) => [name, widened.includes(name) ? sameNumber(value) : value])));

t.test('a new column, integer to number, new nested fields and a string past 4,000 characters keep every stored value', async (t) => {
  // batch_size_rows 3: the three records before the change load as batch 1 while the target keeps reading.
  const child = await spawnTarget(h, { batch_size_rows: 3 });
  const done = collect(child);
  child.stdin.write(singerText([V1, ...BEFORE]));
  await waitUntil('batch 1 to commit', async () => (await h.query('SELECT COUNT(*) AS n FROM [tap].[things]').catch(() => [{ n: 0 }]))[0]?.n === 3);
  const rootBefore = await tableText(h, 'tap', 'things', ['id']);
  const linesBefore = await tableText(h, 'tap', 'things__lines', ['_sdc_source_key_id', '_sdc_level_0_id']);
  t.equal(rootBefore.length, 3);
  t.equal(linesBefore.length, 3);
  t.equal((rootBefore[2] as { note: string }).note, LONG, 'the 4,000-character note is stored whole');

  child.stdin.end(singerText([V2, ...AFTER]));
  assertSucceeded(t, await done);

  const rootAfter = await tableText(h, 'tap', 'things', ['id']);
  const linesAfter = await tableText(h, 'tap', 'things__lines', ['_sdc_source_key_id', '_sdc_level_0_id']);
  const newRootColumns = { amount__fl: null, info__b: null, color: null };
  t.same(normalised(rootAfter.slice(0, 3), ['price']), normalised(rootBefore.map((row) => ({ ...row, ...newRootColumns })), ['price']),
    'rows stored before the change keep every value; the new columns are NULL there');
  t.same(linesAfter.slice(0, 3), linesBefore.map((row) => ({ ...row, qty: null })), 'child rows stored before the change keep every value');

  t.same(await tableRows(h, 'things', ['id', 'amount', 'amount__fl', 'info__a', 'info__b', 'color'], ['id']), [
    { id: '1', amount: '9007199254740993', amount__fl: null, info__a: 'one', info__b: null, color: null },
    { id: '2', amount: '9223372036854775807', amount__fl: null, info__a: '', info__b: null, color: null },
    { id: '3', amount: '-1', amount__fl: null, info__a: null, info__b: null, color: null },
    { id: '4', amount: null, amount__fl: 1.5, info__a: 'four', info__b: '4', color: 'red' },
    { id: '5', amount: null, amount__fl: 12345678901234567, info__a: null, info__b: '5', color: null },
  ], 'integers stay BIGINT in amount; the numbers after the change go to amount__fl FLOAT');
  t.same((await h.query('SELECT [id], CAST([price] AS NVARCHAR(60)) AS price FROM [tap].[things] ORDER BY [id]')).map((row) => row.price),
    ['-9223372036854775808.00', '0.00', '12345678901234567.00', '99999999999999999999.99', '3.00'], 'price widened in place to DECIMAL(38,2), exactly');
  const notes = await h.query('SELECT [id], [note] FROM [tap].[things] ORDER BY [id]');
  t.same(notes.map((row) => row.note), ['é "q", c', '', LONG, LONGER, 'five'], 'the note column grew to hold 5,000 characters');
  t.same(await tableRows(h, 'things__lines', ['_sdc_source_key_id', 'sku', 'qty'], ['_sdc_source_key_id', '_sdc_level_0_id']), [
    { _sdc_source_key_id: '1', sku: 'A', qty: null }, { _sdc_source_key_id: '1', sku: 'B', qty: null }, { _sdc_source_key_id: '3', sku: 'C', qty: null },
    { _sdc_source_key_id: '4', sku: 'D', qty: '2' }, { _sdc_source_key_id: '5', sku: 'E', qty: null },
  ]);
});
