// Values round-trip exactly through the real CLI into synapse-sim: the JSON text a tap sends, typed by its
// schema, read back from the table as the database's own text.
import t from 'tap';
import { startHarness, type Harness } from '../load/harness.js';
import { runTarget } from '../support/cli-run.js';
import { assertSucceeded, exact, recordMessage, schemaMessage, singerText } from '../support/singer-messages.js';

const h: Harness = await startHarness();
t.teardown(() => h.stop());

const SCHEMA = schemaMessage('values', {
  id: { type: 'integer' },
  big: { type: 'integer' },
  dec: { type: 'number', multipleOf: 1e-19 },
  at: { type: 'string', format: 'date-time' },
  day: { type: 'string', format: 'date' },
  flag: { type: 'boolean' },
  text: { type: 'string' },
});
const HUGE = 'ab€😀'.repeat(1_250_000); // 5,000,000 UTF-16 code units

const RECORDS = [
  { id: 1, big: exact('-9223372036854775808'), dec: exact('1.0000000000000000001'), at: '0001-01-01T00:00:00Z', day: '0001-01-01', flag: true, text: HUGE },
  { id: 2, big: exact('12345678901234567'), dec: exact('-9999999999999999999.9999999999999999999'), at: '9999-12-31T23:59:59.9999999Z', day: '9999-12-31', flag: false, text: '' },
  { id: 3, big: exact('9223372036854775807'), dec: exact('0.0000000000000000001'), at: '2024-02-29T18:29:59.1234567+05:30', day: '2024-02-29', flag: null, text: null },
  { id: 4, big: exact('-99999999999999999'), dec: 0, at: '1969-12-31T23:59:59.9999999-14:00', day: '1970-01-01', flag: true, text: 'x"y,z\nw\r\n' },
];

t.test('extreme integers, a long decimal, the date-time range, dates, booleans and a 5 MB string round-trip exactly', async (t) => {
  assertSucceeded(t, await runTarget(h, singerText([SCHEMA, ...RECORDS.map((record) => recordMessage('values', record))])));
  const columns = await h.query("SELECT COLUMN_NAME AS name, DATA_TYPE AS type, NUMERIC_SCALE AS scale FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'tap' AND TABLE_NAME = 'values' AND COLUMN_NAME IN ('big', 'dec', 'at', 'day', 'flag', 'text') ORDER BY ORDINAL_POSITION");
  t.same(columns.map((c) => `${String(c.name)} ${String(c.type)}`), ['big bigint', 'dec decimal', 'at datetimeoffset', 'day date', 'flag bit', 'text nvarchar']);
  t.equal(Number(columns[1]?.scale), 19, 'multipleOf 1e-19 gives DECIMAL(38,19)');
  const rows = await h.query([
    // DATALENGTH: NVARCHAR holds 2 bytes per UTF-16 code unit.
    'SELECT [id], CAST([big] AS NVARCHAR(30)) AS big, CAST([dec] AS NVARCHAR(60)) AS dec, CAST([at] AS NVARCHAR(40)) AS at,',
    'CAST([day] AS NVARCHAR(10)) AS day, [flag], DATALENGTH([text]) AS bytes FROM [tap].[values] ORDER BY [id]',
  ].join(' '));
  t.same(rows, [
    { id: '1', big: '-9223372036854775808', dec: '1.0000000000000000001', at: '0001-01-01 00:00:00.0000000 +00:00', day: '0001-01-01', flag: true, bytes: 2 * HUGE.length },
    { id: '2', big: '12345678901234567', dec: '-9999999999999999999.9999999999999999999', at: '9999-12-31 23:59:59.9999999 +00:00', day: '9999-12-31', flag: false, bytes: 0 },
    { id: '3', big: '9223372036854775807', dec: '0.0000000000000000001', at: '2024-02-29 18:29:59.1234567 +05:30', day: '2024-02-29', flag: null, bytes: null },
    { id: '4', big: '-99999999999999999', dec: '0.0000000000000000000', at: '1969-12-31 23:59:59.9999999 -14:00', day: '1970-01-01', flag: true, bytes: 18 },
  ]);
  const texts = await h.query('SELECT [id], [text] FROM [tap].[values] ORDER BY [id]');
  t.ok(texts[0]?.text === HUGE, 'the 5 MB string comes back exactly');
  t.same(texts.slice(1).map((row) => row.text), ['', null, 'x"y,z\nw\r\n'], "'' stays '', NULL stays NULL, quotes and line ends stay");
});
