// Values round-trip exactly through a load: CSV -> Blob -> COPY INTO -> stage -> upsert -> table.
import t from 'tap';
import { createSynapseLoader } from '../../src/load/synapse-loader.js';
import { BIGINT, TEXT, batch, col, csvFile, startHarness, streamPlan, table, type Harness } from './harness.js';

let h: Harness;
t.before(async () => { h = await startHarness(); });
t.teardown(async () => { await h.stop(); });

t.test('extreme integers, a long decimal, the date range, dates, bits, 5 MB strings and "" vs NULL round-trip', async (t) => {
  const plan = streamPlan(table('values', [
    col('id', BIGINT, false), col('big', BIGINT), col('dec', { kind: 'decimal', precision: 38, scale: 19 }),
    col('at', { kind: 'datetimeoffset' }), col('day', { kind: 'date' }), col('flag', { kind: 'bit' }),
    col('short', TEXT(10)), col('long', TEXT('max')),
  ], ['id']));
  const huge = 'ab€😀'.repeat(1_000_000); // 5,000,000 UTF-16 code units, 10 MB as NVARCHAR
  const loader = await createSynapseLoader(h.options());
  try {
    await loader.apply([{ kind: 'create-table', table: plan.root }]);
    await loader.load(batch(plan, 1, [await csvFile(h, 'values', [
      [1, 1, '-9223372036854775808', '1.0000000000000000001', '0001-01-01T00:00:00Z', '0001-01-01', '1', '', huge],
      [2, 2, '12345678901234567', '-9999999999999999999.9999999999999999999', '9999-12-31T23:59:59.9999999Z', '9999-12-31', '0', null, ''],
      [3, 3, '9223372036854775807', '0.0000000000000000001', '2024-02-29T18:29:59.1234567+05:30', '2024-02-29', null, 'x"y,z\nw', null],
    ])]));
  } finally {
    await loader.close();
  }
  const rows = await h.query([
    'SELECT [id], CAST([big] AS NVARCHAR(30)) AS big, CAST([dec] AS NVARCHAR(60)) AS dec, CAST([at] AS NVARCHAR(40)) AS at,',
    'CAST([day] AS NVARCHAR(10)) AS day, [flag], [short], DATALENGTH([long]) AS n FROM [tap].[values] ORDER BY [id]',
  ].join(' '));
  t.same(rows, [
    { id: '1', big: '-9223372036854775808', dec: '1.0000000000000000001', at: '0001-01-01 00:00:00.0000000 +00:00', day: '0001-01-01', flag: true, short: '', n: 2 * huge.length },
    { id: '2', big: '12345678901234567', dec: '-9999999999999999999.9999999999999999999', at: '9999-12-31 23:59:59.9999999 +00:00', day: '9999-12-31', flag: false, short: null, n: 0 },
    { id: '3', big: '9223372036854775807', dec: '0.0000000000000000001', at: '2024-02-29 18:29:59.1234567 +05:30', day: '2024-02-29', flag: null, short: 'x"y,z\nw', n: null },
  ]);
  const [long] = await h.query('SELECT [long] FROM [tap].[values] WHERE [id] = 1');
  t.ok(long?.long === huge, 'the 5 MB string comes back exactly');
});
