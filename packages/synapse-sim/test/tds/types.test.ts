// Pure round trips of every SQL type codec: value -> bytes -> value, and TYPE_INFO -> bytes -> TYPE_INFO.
import t from 'tap';
import type { SqlValue, TsqlType } from '../../src/contract.js';
import { readTypeInfo, readValue, writeTypeInfo, writeValue } from '../../src/tds/types/type-info.js';
import { civilFromDays, daysFromCivil } from '../../src/tds/types/temporal.js';
import { guidToBytes } from '../../src/tds/types/uniqueidentifier.js';

/** [type, value written, value read back (when the codec canonicalises it)] */
const VALUES: readonly (readonly [TsqlType, SqlValue, SqlValue?])[] = [
  [{ name: 'tinyint' }, 255], [{ name: 'smallint' }, -32768], [{ name: 'int' }, -2147483648], [{ name: 'int' }, null],
  [{ name: 'bigint' }, 9223372036854775807n], [{ name: 'bigint' }, -9223372036854775808n], [{ name: 'bigint' }, null],
  [{ name: 'bit' }, true], [{ name: 'bit' }, false], [{ name: 'bit' }, null],
  [{ name: 'real' }, 1.5], [{ name: 'float' }, Number.MAX_VALUE], [{ name: 'float' }, -5e-324], [{ name: 'float' }, null],
  [{ name: 'decimal', precision: 38, scale: 9 }, '99999999999999999999999999999.999999999'],
  [{ name: 'decimal', precision: 38, scale: 9 }, '-99999999999999999999999999999.999999999'],
  [{ name: 'decimal', precision: 38, scale: 9 }, '-0.000000001'],
  [{ name: 'decimal', precision: 38, scale: 9 }, '-0', '0.000000000'],
  [{ name: 'decimal', precision: 38, scale: 9 }, '12.5', '12.500000000'],
  [{ name: 'decimal', precision: 5, scale: 2 }, '-123.45'],
  [{ name: 'numeric', precision: 15, scale: 0 }, '123456789012345'],
  [{ name: 'decimal', precision: 25, scale: 10 }, '1.23456789015', '1.2345678902'],
  [{ name: 'decimal', precision: 38, scale: 0 }, null],
  [{ name: 'nvarchar', length: 50 }, 'héllo 🎉'], [{ name: 'nvarchar', length: 50 }, ''], [{ name: 'nvarchar', length: 50 }, null],
  [{ name: 'nvarchar', length: 'max' }, 'x🎉'.repeat(40_000)], [{ name: 'nvarchar', length: 'max' }, ''], [{ name: 'nvarchar', length: 'max' }, null],
  [{ name: 'nchar', length: 3 }, 'abc'],
  [{ name: 'varchar', length: 20 }, 'café'], [{ name: 'varchar', length: 'max' }, 'y'.repeat(20_000)], [{ name: 'char', length: 2 }, null],
  [{ name: 'varbinary', length: 4 }, Buffer.from([0, 1, 254, 255])], [{ name: 'varbinary', length: 'max' }, Buffer.alloc(9000, 7)],
  [{ name: 'varbinary', length: 4 }, null],
  [{ name: 'date' }, '0001-01-01'], [{ name: 'date' }, '9999-12-31'], [{ name: 'date' }, '2024-02-29'], [{ name: 'date' }, null],
  [{ name: 'time', scale: 7 }, '23:59:59.9999999'], [{ name: 'time', scale: 0 }, '12:34:56.0000000'],
  [{ name: 'time', scale: 3 }, '00:00:00.1234567', '00:00:00.1230000'], [{ name: 'time', scale: 7 }, null],
  [{ name: 'datetime2', scale: 7 }, '0001-01-01 00:00:00.0000000'], [{ name: 'datetime2', scale: 7 }, '9999-12-31 23:59:59.9999999'],
  [{ name: 'datetime2', scale: 0 }, '2024-12-31 23:59:59.6', '2025-01-01 00:00:00.0000000'],
  [{ name: 'datetime2', scale: 3 }, '2024-05-06T07:08:09.1235', '2024-05-06 07:08:09.1240000'], [{ name: 'datetime2', scale: 7 }, null],
  [{ name: 'datetimeoffset', scale: 7 }, '2024-05-06 12:38:09.1234567+05:30'],
  [{ name: 'datetimeoffset', scale: 7 }, '2024-01-01 00:30:00.0000000+14:00'],
  [{ name: 'datetimeoffset', scale: 7 }, '2024-12-31 20:00:00.0000000-14:00'],
  [{ name: 'datetimeoffset', scale: 0 }, '0001-01-01 00:00:00.0000000+00:00'], [{ name: 'datetimeoffset', scale: 7 }, null],
  [{ name: 'datetime' }, '2024-05-06 07:08:09.0033333'], [{ name: 'datetime' }, '1753-01-01 00:00:00.0000000'],
  [{ name: 'datetime' }, '2024-05-06 07:08:09.123', '2024-05-06 07:08:09.1233333'], [{ name: 'datetime' }, null],
  [{ name: 'uniqueidentifier' }, '6F9619FF-8B86-D011-B42D-00C04FC964FF'],
  [{ name: 'uniqueidentifier' }, '6f9619ff-8b86-d011-b42d-00c04fc964ff', '6F9619FF-8B86-D011-B42D-00C04FC964FF'],
  [{ name: 'uniqueidentifier' }, null],
];

t.test('every value survives its codec, canonicalised as SQL Server would print it', async (t) => {
  for (const [type, value, expected] of VALUES) {
    const bytes = writeValue(type, value);
    const decoded = readValue(type, Buffer.concat([bytes, Buffer.from([0xee])]), 0);
    const label = `${type.name}(${String(type.length ?? type.precision ?? type.scale ?? '')}) ${String(value).slice(0, 40)}`;
    t.same(decoded.value, expected === undefined ? value : expected, label);
    t.equal(decoded.offset, bytes.length, `${label}: offset just past the value`);
  }
});

t.test('TYPE_INFO round-trips for every type', async (t) => {
  const types: readonly TsqlType[] = [
    { name: 'tinyint' }, { name: 'smallint' }, { name: 'int' }, { name: 'bigint' }, { name: 'bit' }, { name: 'real' }, { name: 'float' },
    { name: 'decimal', precision: 38, scale: 9 }, { name: 'numeric', precision: 10, scale: 2 },
    { name: 'nvarchar', length: 50 }, { name: 'nvarchar', length: 'max' }, { name: 'nchar', length: 10 },
    { name: 'varchar', length: 20 }, { name: 'varchar', length: 'max' }, { name: 'char', length: 5 },
    { name: 'varbinary', length: 16 }, { name: 'varbinary', length: 'max' },
    { name: 'date' }, { name: 'time', scale: 3 }, { name: 'datetime2', scale: 7 }, { name: 'datetimeoffset', scale: 0 },
    { name: 'datetime' }, { name: 'uniqueidentifier' },
  ];
  for (const type of types) {
    const bytes = writeTypeInfo(type);
    t.same(readTypeInfo(bytes, 0), { value: type, offset: bytes.length }, JSON.stringify(type));
  }
  t.same(readTypeInfo(writeTypeInfo({ name: 'nvarchar', length: 5000 }), 0).value, { name: 'nvarchar', length: 'max' }, 'over 4000 characters is MAX');
});

t.test('known wire bytes: research/synapse.md 3.3 and MS-TDS examples', async (t) => {
  t.same(writeTypeInfo({ name: 'nvarchar', length: 15 }), Buffer.from('e71e000904d00034', 'hex'), 'NVARCHAR(15) as tedious declares it');
  t.same(writeTypeInfo({ name: 'int' }), Buffer.from('2604', 'hex'));
  t.same(writeValue({ name: 'int' }, 1), Buffer.from('0401000000', 'hex'));
  t.same(guidToBytes('6F9619FF-8B86-D011-B42D-00C04FC964FF'), Buffer.from('ff19966f868b11d0b42d00c04fc964ff', 'hex'));
  t.same(writeValue({ name: 'date' }, '0001-01-02'), Buffer.from('03010000', 'hex'), 'days since 0001-01-01');
  // 2024-05-06 07:08:09.1234567 UTC at scale 7, offset +330: time units, days, offset minutes.
  const dto = writeValue({ name: 'datetimeoffset', scale: 7 }, '2024-05-06 12:38:09.1234567+05:30');
  t.equal(dto.readUInt8(0), 10);
  t.equal(dto.readUIntLE(1, 5), (((7 * 60 + 8) * 60 + 9) * 10_000_000) + 1_234_567);
  t.equal(dto.readUIntLE(6, 3), daysFromCivil({ year: 2024, month: 5, day: 6 }));
  t.equal(dto.readInt16LE(9), 330);
});

t.test('calendar arithmetic agrees with the proleptic Gregorian calendar across 0001-9999', async (t) => {
  const epoch = Date.UTC(1970, 0, 1);
  const day0001 = -62135596800000; // 0001-01-01T00:00:00Z; Date.UTC(1, ...) would mean 1901
  for (let days = 0; days <= 3_652_058; days += 997) {
    const date = new Date(day0001 + days * 86_400_000);
    const civil = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
    if (civilFromDays(days).year !== civil.year || daysFromCivil(civil) !== days) {
      t.fail(`day ${days}: ${JSON.stringify(civilFromDays(days))} vs ${JSON.stringify(civil)}`);
      return;
    }
  }
  t.same(civilFromDays(daysFromCivil({ year: 1970, month: 1, day: 1 })), { year: 1970, month: 1, day: 1 });
  t.equal(daysFromCivil({ year: 1970, month: 1, day: 1 }) * 86_400_000 + day0001, epoch);
});

t.test('values of the wrong JavaScript type are refused, not mangled', async (t) => {
  t.throws(() => writeValue({ name: 'int' }, 'one'), TypeError);
  t.throws(() => writeValue({ name: 'nvarchar', length: 5 }, 5), TypeError);
  t.throws(() => writeValue({ name: 'date' }, '2024/01/01'), TypeError);
  t.throws(() => writeValue({ name: 'datetimeoffset', scale: 7 }, '2024-01-01 00:00:00+15:00'), RangeError);
  t.throws(() => writeValue({ name: 'decimal', precision: 5, scale: 2 }, 'abc'), TypeError);
});
