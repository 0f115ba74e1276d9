import t from 'tap';
import { parseJson } from '@kustomer-synapse/singer';
import { mulberry32 } from '@kustomer-synapse/synapse-sim';
import { canonicalUtcField, encodeScalar, encodeValue, plainDecimal, rfc3339Field } from '../../src/intake/values.js';
import type { ColumnPlan, SqlType } from '../../src/plan/types.js';

/** A value as exact-json reads it from a RECORD line. */
const read = (json: string): unknown => (parseJson(`{"v":${json}}`) as { v: unknown }).v;
const field = (json: string, type: SqlType): string => {
  const encoded = encodeScalar(read(json), type);
  if ('problem' in encoded) throw new Error(encoded.problem);
  return encoded.field;
};
const problem = (json: string, type: SqlType): string => {
  const encoded = encodeScalar(read(json), type);
  return 'problem' in encoded ? encoded.problem : `no problem: ${encoded.field}`;
};
const column = (type: SqlType, nullable = true, asJson = false): ColumnPlan => ({ name: 'c', source: { kind: 'property', path: ['c'], asJson }, type, nullable });

const BIGINT: SqlType = { kind: 'bigint' };
const NV: SqlType = { kind: 'nvarchar', length: 4000 };
const DTO: SqlType = { kind: 'datetimeoffset' };

t.test('NULL is an empty field and an empty string is a quoted ""', async (t) => {
  t.same(encodeValue(null, column(NV)), { field: '' });
  t.same(encodeValue(undefined, column(NV)), { field: '' });
  t.same(encodeValue('', column(NV)), { field: '""', length: 0 });
  t.match(encodeValue(null, column(BIGINT, false)), { problem: /is null, but the column is NOT NULL/ });
});

t.test('strings are always quoted with quotes doubled; NUL, control characters and newlines are kept', async (t) => {
  t.equal(field('"a \\"q\\", b"', NV), '"a ""q"", b"');
  t.equal(field('"\\u0000\\u0001\\u001f\\r\\n\\t"', NV), '"\u0000\u0001\u001f\r\n\t"');
  t.equal(field('"Ελληνικά 中文 😀"', NV), '"Ελληνικά 中文 😀"');
  t.same(encodeScalar('😀', NV), { field: '"😀"', length: 2 }, 'length in UTF-16 code units, as NVARCHAR counts');
  t.match(problem('"\\ud800x"', NV), /unpaired UTF-16 surrogate/);
  t.equal(field('true', NV), '"true"', 'a scalar in a text column is its JSON text');
  t.equal(field('12345678901234567890', NV), '"12345678901234567890"');
  t.match(problem('{"a":1}', NV), /is an object, which a NVARCHAR\(4000\) column holds only as a string/);
});

t.test('JSON columns hold compact JSON text with exact numbers', async (t) => {
  t.same(encodeValue(read('{"a":[1,99999999999999999,"x\\"y"]}'), column({ kind: 'nvarchar', length: 'max' }, true, true)), { field: '"{""a"":[1,99999999999999999,""x\\""y""]}"', length: 34 });
});

t.test('BIGINT takes -2^63 to 2^63-1 and 17-digit integers exactly, and refuses the rest', async (t) => {
  t.equal(field('-9223372036854775808', BIGINT), '-9223372036854775808');
  t.equal(field('9223372036854775807', BIGINT), '9223372036854775807');
  t.equal(field('99999999999999999', BIGINT), '99999999999999999');
  t.equal(field('1e3', BIGINT), '1000');
  t.equal(field('-0', BIGINT), '0');
  t.match(problem('9223372036854775808', BIGINT), /outside BIGINT's range/);
  t.match(problem('1.5', BIGINT), /the number 1.5, which does not fit BIGINT/);
  t.match(problem('"12"', BIGINT), /the string "12", which does not fit BIGINT/);
  t.match(problem('true', BIGINT), /does not fit BIGINT/);
});

t.test('DECIMAL keeps every digit and refuses a value it would round or overflow', async (t) => {
  t.equal(field('1.0000000000000000001', { kind: 'decimal', precision: 38, scale: 19 }), '1.0000000000000000001');
  t.equal(field('-12.50', { kind: 'decimal', precision: 38, scale: 2 }), '-12.5');
  t.equal(field('1e-7', { kind: 'decimal', precision: 38, scale: 7 }), '0.0000001');
  t.equal(field('1.5E+3', { kind: 'decimal', precision: 38, scale: 0 }), '1500');
  t.match(problem('1.005', { kind: 'decimal', precision: 38, scale: 2 }), /more than 2 decimal places .* \(it would be rounded\)/);
  t.match(problem('1e37', { kind: 'decimal', precision: 38, scale: 2 }), /more than 36 integer digits/);
});

t.test('FLOAT takes any finite number as its text; BIT takes booleans as 1/0', async (t) => {
  t.equal(field('1.0000000000000000001', { kind: 'float' }), '1.0000000000000000001');
  t.equal(field('1e-300', { kind: 'float' }), '1e-300');
  t.match(problem('1e400', { kind: 'float' }), /does not fit FLOAT/);
  t.equal(field('true', { kind: 'bit' }), '1');
  t.equal(field('false', { kind: 'bit' }), '0');
  t.match(problem('1', { kind: 'bit' }), /does not fit BIT/);
});

t.test('date-times keep 100 ns and their offset over the full range', async (t) => {
  t.equal(field('"0001-01-01T00:00:00Z"', DTO), '0001-01-01 00:00:00.0000000+00:00');
  t.equal(field('"9999-12-31T23:59:59.9999999Z"', DTO), '9999-12-31 23:59:59.9999999+00:00');
  t.equal(field('"2024-02-29T18:29:59.1234567+05:30"', DTO), '2024-02-29 18:29:59.1234567+05:30');
  t.equal(field('"2024-01-02t03:04:05.123-0800"', DTO), '2024-01-02 03:04:05.1230000-08:00');
  t.equal(field('"2024-01-02T03:04:05.123456700Z"', DTO), '2024-01-02 03:04:05.1234567+00:00', 'zeros past 100 ns are dropped');
  t.equal(field('"2024-01-02"', DTO), '2024-01-02 00:00:00.0000000+00:00');
  t.equal(field('"2024-01-02T03:04:05"', DTO), '2024-01-02 03:04:05.0000000+00:00', 'no offset is read as UTC');
  for (const bad of ['"2024-01-02T03:04:05.12345678Z"', '"2023-02-29T00:00:00Z"', '"2024-13-01T00:00:00Z"', '"0001-01-01T00:00:00+05:00"', '"9999-12-31T23:00:00-01:00"', '"2024-01-01T00:00:00+14:01"', '"yesterday"', '""']) {
    t.match(problem(bad, DTO), /not an RFC 3339 date-time that DATETIMEOFFSET\(7\) holds exactly/, bad);
  }
});

t.test('dates and times are checked and written in ISO form', async (t) => {
  t.equal(field('"0001-01-01"', { kind: 'date' }), '0001-01-01');
  t.equal(field('"9999-12-31T00:00:00Z"', { kind: 'date' }), '9999-12-31', 'midnight UTC is a date');
  t.match(problem('"2024-01-01T05:00:00Z"', { kind: 'date' }), /not a date/);
  t.match(problem('"2023-02-29"', { kind: 'date' }), /not a date/);
  t.equal(field('"23:59:59.9999999"', { kind: 'time' }), '23:59:59.9999999');
  t.equal(field('"08:30"', { kind: 'time' }), '08:30:00.0000000');
  t.match(problem('"24:00:00"', { kind: 'time' }), /not a time of day/);
});

t.test('plainDecimal turns any JSON number text into exact plain digits', async (t) => {
  t.same(plainDecimal('-0.000120e2'), { negative: true, int: '', frac: '012' });
  t.same(plainDecimal('123.4500'), { negative: false, int: '123', frac: '45' });
  t.equal(plainDecimal('1e99999'), undefined);
});

t.test('the fast path for canonical UTC date-times gives exactly what the general path gives', async (t) => {
  const next = mulberry32(7);
  const pick = (chars: string): string => chars[Math.floor(next() * chars.length)] ?? '';
  const digits = (n: number): string => Array.from({ length: n }, () => pick('0123456789')).join('');
  // Mostly well-formed values with random digits (so months, days, hours past their range and Feb 29 of
  // non-leap years occur), some with one character replaced by a random one.
  const candidates: string[] = [
    '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.9999999Z', '2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '2100-02-29T00:00:00Z',
    '2000-02-29T12:00:00.5Z', '2024-01-01T00:00:00.Z', '2024-01-01T00:00:00.12345678Z', '0000-01-01T00:00:00Z', '2024-01-01T24:00:00Z',
  ];
  for (let i = 0; i < 20_000; i += 1) {
    const fraction = next() < 0.5 ? '' : `.${digits(1 + Math.floor(next() * 9))}`;
    let value = `${digits(4)}-${pick('01')}${digits(1)}-${pick('0123')}${digits(1)}T${pick('012')}${digits(1)}:${pick('0123456')}${digits(1)}:${pick('0123456')}${digits(1)}${fraction}Z`;
    if (next() < 0.2) {
      const at = Math.floor(next() * value.length);
      value = value.slice(0, at) + pick('0123456789-:T.Zz+ x') + value.slice(at + 1);
    }
    candidates.push(value);
  }
  let fast = 0;
  for (const value of candidates) {
    const canonical = canonicalUtcField(value);
    const general = rfc3339Field(value, DTO);
    if (canonical === undefined) continue;
    fast += 1;
    if (!('field' in general) || general.field !== canonical) t.fail(`${value}: fast ${canonical}, general ${JSON.stringify(general)}`);
  }
  const accepted = candidates.filter((value) => 'field' in rfc3339Field(value, DTO)).length;
  t.ok(fast > 3_000, `the fast path took ${fast} of ${candidates.length} values`);
  t.ok(fast > accepted * 0.8, `most values the general path accepts (${accepted}) take the fast path (${fast})`);
});
