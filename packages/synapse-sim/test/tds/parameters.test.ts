// Typed sp_executesql parameters through the real mssql client: what reaches the engine, and what comes back.
import t from 'tap';
import type { SqlValue, TsqlType } from '../../src/contract.js';
import { FakeEngine } from './fake-engine.js';
import { startHarness } from './harness.js';
import { sql, type Mssql } from './mssql.js';

interface Case {
  readonly name: string;
  readonly type: Mssql.ISqlType | (() => Mssql.ISqlType);
  readonly input: unknown;
  /** What the engine must receive at the seam. */
  readonly seam: SqlValue;
  readonly seamType: Partial<TsqlType>;
  /** What mssql must hand back for the echoed value. */
  readonly back: unknown;
}

const LONG = 'Zoë "q", x 🎉\r\n'.repeat(7143).slice(0, 100_000);

function preciseDate(iso: string, nanosecondDelta: number): Date {
  const date = new Date(iso);
  Object.assign(date, { nanosecondDelta });
  return date;
}

const CASES: readonly Case[] = [
  { name: 'INT max', type: sql.Int, input: 2147483647, seam: 2147483647, seamType: { name: 'int' }, back: 2147483647 },
  { name: 'INT min', type: sql.Int, input: -2147483648, seam: -2147483648, seamType: { name: 'int' }, back: -2147483648 },
  { name: 'BIGINT max', type: sql.BigInt, input: '9223372036854775807', seam: 9223372036854775807n, seamType: { name: 'bigint' }, back: '9223372036854775807' },
  { name: 'BIGINT min', type: sql.BigInt, input: '-9223372036854775808', seam: -9223372036854775808n, seamType: { name: 'bigint' }, back: '-9223372036854775808' },
  { name: 'BIT', type: sql.Bit, input: true, seam: true, seamType: { name: 'bit' }, back: true },
  { name: 'FLOAT', type: sql.Float, input: -1.2345678901234567e-300, seam: -1.2345678901234567e-300, seamType: { name: 'float' }, back: -1.2345678901234567e-300 },
  {
    name: 'DECIMAL(38,9)', type: sql.Decimal(38, 9), input: -12345.123456789,
    seam: '-12345.123456789', seamType: { name: 'decimal', precision: 38, scale: 9 }, back: -12345.123456789,
  },
  { name: 'NVARCHAR(50)', type: sql.NVarChar(50), input: 'héllo, wörld', seam: 'héllo, wörld', seamType: { name: 'nvarchar', length: 50 }, back: 'héllo, wörld' },
  { name: 'NVARCHAR(MAX) of 100,000 characters', type: sql.NVarChar(sql.MAX), input: LONG, seam: LONG, seamType: { name: 'nvarchar', length: 'max' }, back: LONG },
  {
    name: 'DATETIME2(7)', type: sql.DateTime2(7), input: preciseDate('2024-05-06T07:08:09.123Z', 0.0004567),
    seam: '2024-05-06 07:08:09.1234567', seamType: { name: 'datetime2', scale: 7 }, back: new Date('2024-05-06T07:08:09.123Z'),
  },
  { name: 'DATE', type: sql.Date, input: new Date('2024-02-29T00:00:00Z'), seam: '2024-02-29', seamType: { name: 'date' }, back: new Date('2024-02-29T00:00:00Z') },
  { name: 'DATE 0001-01-01', type: sql.Date, input: new Date('0001-01-01T00:00:00Z'), seam: '0001-01-01', seamType: { name: 'date' }, back: new Date('0001-01-01T00:00:00Z') },
];

t.test('typed parameters reach the engine exactly and come back as mssql types them', async (t) => {
  const engine = new FakeEngine();
  const pool = await (await startHarness(t, engine)).connect();
  for (const c of CASES) {
    const result = await pool.request().input('p', c.type, c.input).query('SELECT @p AS v');
    const request = engine.userRequests().at(-1)?.request;
    const parameter = request?.kind === 'rpc' ? request.parameters[0] : undefined;
    t.equal(parameter?.name, '@p', `${c.name}: parameter name`);
    t.same(parameter?.value, c.seam, `${c.name}: value at the seam`);
    t.match(parameter?.type, c.seamType, `${c.name}: type at the seam`);
    t.same(result.recordset[0]?.v, c.back, `${c.name}: value back through mssql`);
  }
});

t.test('DATETIME2 and DATETIMEOFFSET keep all 7 fractional digits on the way back', async (t) => {
  const engine = new FakeEngine();
  const pool = await (await startHarness(t, engine)).connect();
  const result = await pool.request()
    .input('p', sql.DateTime2(7), preciseDate('2024-05-06T07:08:09.123Z', 0.0004567))
    .query('SELECT @p AS v');
  t.equal((result.recordset[0]?.v as { nanosecondsDelta?: number }).nanosecondsDelta?.toFixed(7), '0.0004567');
});

t.test('DATETIMEOFFSET carries non-zero offsets both ways, to 7 fractional digits', async (t) => {
  const engine = new FakeEngine();
  const pool = await (await startHarness(t, engine)).connect();
  const savedTz = process.env['TZ'];
  t.teardown(() => {
    if (savedTz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = savedTz;
  });
  // tedious sends the offset of the process's time zone (-Date#getTimezoneOffset()).
  const zones = [['Asia/Kolkata', '2024-05-06 12:38:09.1234567+05:30'], ['America/St_Johns', '2024-05-06 04:38:09.1234567-02:30']] as const;
  for (const [zone, seam] of zones) {
    process.env['TZ'] = zone;
    const input = preciseDate('2024-05-06T07:08:09.123Z', 0.0004567);
    const result = await pool.request().input('p', sql.DateTimeOffset(7), input).query('SELECT @p AS v');
    const request = engine.userRequests().at(-1)?.request;
    const parameter = request?.kind === 'rpc' ? request.parameters[0] : undefined;
    t.equal(parameter?.value, seam, `${zone}: local time and offset at the seam`);
    t.match(parameter?.type, { name: 'datetimeoffset', scale: 7 });
    const back = result.recordset[0]?.v as Date & { nanosecondsDelta?: number };
    t.equal(back.toISOString(), '2024-05-06T07:08:09.123Z', `${zone}: the same instant back`);
    t.equal(back.nanosecondsDelta?.toFixed(7), '0.0004567', `${zone}: sub-millisecond digits back`);
  }
});

t.test('NULL of every type reaches the engine as null and comes back as null', async (t) => {
  const engine = new FakeEngine();
  const pool = await (await startHarness(t, engine)).connect();
  const types: readonly [string, Mssql.ISqlType | (() => Mssql.ISqlType)][] = [
    ['int', sql.Int], ['bigint', sql.BigInt], ['bit', sql.Bit], ['float', sql.Float], ['decimal', sql.Decimal(38, 9)],
    ['nvarchar', sql.NVarChar(50)], ['nvarchar', sql.NVarChar(sql.MAX)], ['datetime2', sql.DateTime2(7)],
    ['datetimeoffset', sql.DateTimeOffset(7)], ['date', sql.Date],
  ];
  for (const [name, type] of types) {
    const result = await pool.request().input('p', type, null).query('SELECT @p AS v');
    const request = engine.userRequests().at(-1)?.request;
    const parameter = request?.kind === 'rpc' ? request.parameters[0] : undefined;
    t.equal(parameter?.value, null, `${name}: null at the seam`);
    t.equal(parameter?.type.name, name, `${name}: type kept for a null`);
    t.equal(result.recordset[0]?.v, null, `${name}: null back`);
  }
});

t.test('a query without parameters is an sp_executesql call with none', async (t) => {
  const engine = new FakeEngine();
  const pool = await (await startHarness(t, engine)).connect();
  await pool.request().query('SELECT ROWS');
  t.same(engine.userRequests().at(-1)?.request, { kind: 'rpc', text: 'SELECT ROWS', parameters: [] });
  await pool.request().batch('SELECT ROWS');
  t.same(engine.userRequests().at(-1)?.request, { kind: 'batch', text: 'SELECT ROWS' });
});
