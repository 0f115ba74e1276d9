// DATETIMN (0x6F), MS-TDS 2.2.5.4.2 / 2.2.5.5.1.8: DATETIME as days since 1900-01-01 (i32) and 1/300 s
// ticks (u32); SMALLDATETIME (length 4) as days (u16) and minutes (u16). Seam form "YYYY-MM-DD hh:mm:ss.fffffff".
import type { SqlValue, TsqlType } from '../../contract.js';
import { need, readU8, TdsProtocolError, u8, type Decoded } from '../primitives.js';
import { DAYS_0001_TO_1900, formatDateTime, normalize, parseDateTime, UNITS_PER_SECOND } from './temporal.js';
import { NULL_LENGTH_U8, wrongValue, type TypeCodec } from './type-codec.js';

export const DATETIMN_TYPE = 0x6f;
const DATETIME_LENGTH = 8;
const SMALLDATETIME_LENGTH = 4;
const TICKS_PER_SECOND = 300;
const UNITS_PER_MINUTE = 60 * UNITS_PER_SECOND;

const unitsFromTicks = (ticks: number): number => Math.round((ticks * UNITS_PER_SECOND) / TICKS_PER_SECOND);
const ticksFromUnits = (units: number): number => Math.round((units * TICKS_PER_SECOND) / UNITS_PER_SECOND);

export const datetime: TypeCodec = {
  typeIds: [DATETIMN_TYPE],
  readTypeInfo(_typeId, buffer, offset): Decoded<TsqlType> {
    const size = readU8(buffer, offset, 'DATETIMN length');
    if (size.value !== DATETIME_LENGTH && size.value !== SMALLDATETIME_LENGTH) {
      throw new TdsProtocolError(`DATETIMN length ${size.value}`);
    }
    return { value: { name: 'datetime' }, offset: size.offset };
  },
  writeTypeInfo(): Buffer {
    return Buffer.from([DATETIMN_TYPE, DATETIME_LENGTH]);
  },
  readValue(_type, buffer, offset): Decoded<SqlValue> {
    const length = readU8(buffer, offset, 'DATETIME value');
    const at = length.offset;
    need(buffer, at, length.value, 'DATETIME value');
    switch (length.value) {
      case NULL_LENGTH_U8:
        return { value: null, offset: at };
      case DATETIME_LENGTH: {
        const days = buffer.readInt32LE(at) + DAYS_0001_TO_1900;
        const instant = normalize(days, unitsFromTicks(buffer.readUInt32LE(at + 4)));
        return { value: formatDateTime(instant), offset: at + DATETIME_LENGTH };
      }
      case SMALLDATETIME_LENGTH: {
        const days = buffer.readUInt16LE(at) + DAYS_0001_TO_1900;
        const units = buffer.readUInt16LE(at + 2) * UNITS_PER_MINUTE;
        return { value: formatDateTime({ days, units }), offset: at + SMALLDATETIME_LENGTH };
      }
      default:
        throw new TdsProtocolError(`DATETIME value length ${length.value}`);
    }
  },
  writeValue(type, value): Buffer {
    if (value === null) return u8(NULL_LENGTH_U8);
    if (typeof value !== 'string') throw wrongValue(type, value);
    const parsed = parseDateTime(value);
    const ticksPerDay = 86_400 * TICKS_PER_SECOND;
    const ticks = ticksFromUnits(parsed.units);
    const carry = Math.floor(ticks / ticksPerDay);
    const buffer = Buffer.alloc(1 + DATETIME_LENGTH);
    buffer.writeUInt8(DATETIME_LENGTH, 0);
    buffer.writeInt32LE(parsed.days - DAYS_0001_TO_1900 + carry, 1);
    buffer.writeUInt32LE(ticks - carry * ticksPerDay, 5);
    return buffer;
  },
};
