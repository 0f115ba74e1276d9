// DATETIME2N (0x2A), MS-TDS 2.2.5.4.2 / 2.2.5.5.1.8: the scaled time, then 3-byte days since 0001-01-01.
// Seam form "YYYY-MM-DD hh:mm:ss.fffffff".
import type { SqlValue, TsqlType } from '../../contract.js';
import { need, readU8, TdsProtocolError, u8, type Decoded } from '../primitives.js';
import { DATE_LENGTH } from './date.js';
import { formatDateTime, normalize, parseDateTime, scaleOf, timeLength, type Instant } from './temporal.js';
import { readScaledTime, roundToScale, writeScaledTime } from './time.js';
import { NULL_LENGTH_U8, wrongValue, type TypeCodec } from './type-codec.js';

export const DATETIME2N_TYPE = 0x2a;

/** Reads time then date, as DATETIME2 and DATETIMEOFFSET lay them out. */
export function readInstant(buffer: Buffer, offset: number, scale: number): Decoded<Instant> {
  const units = readScaledTime(buffer, offset, scale);
  need(buffer, units.offset, DATE_LENGTH, 'date part');
  const days = buffer.readUIntLE(units.offset, DATE_LENGTH);
  return { value: { days, units: units.value }, offset: units.offset + DATE_LENGTH };
}

export function writeInstant(instant: Instant, scale: number): Buffer {
  const rounded = normalize(instant.days, roundToScale(instant.units, scale));
  const days = Buffer.alloc(DATE_LENGTH);
  days.writeUIntLE(rounded.days, 0, DATE_LENGTH);
  return Buffer.concat([writeScaledTime(rounded.units, scale), days]);
}

export const datetime2: TypeCodec = {
  typeIds: [DATETIME2N_TYPE],
  readTypeInfo(_typeId, buffer, offset): Decoded<TsqlType> {
    const scale = readU8(buffer, offset, 'DATETIME2 scale');
    return { value: { name: 'datetime2', scale: scale.value }, offset: scale.offset };
  },
  writeTypeInfo(type): Buffer {
    return Buffer.from([DATETIME2N_TYPE, scaleOf(type.scale)]);
  },
  readValue(type, buffer, offset): Decoded<SqlValue> {
    const scale = scaleOf(type.scale);
    const length = readU8(buffer, offset, 'DATETIME2 value');
    if (length.value === NULL_LENGTH_U8) return { value: null, offset: length.offset };
    if (length.value !== timeLength(scale) + DATE_LENGTH) throw new TdsProtocolError(`DATETIME2 value length ${length.value}`);
    const instant = readInstant(buffer, length.offset, scale);
    return { value: formatDateTime(instant.value), offset: instant.offset };
  },
  writeValue(type, value): Buffer {
    if (value === null) return u8(NULL_LENGTH_U8);
    if (typeof value !== 'string') throw wrongValue(type, value);
    const scale = scaleOf(type.scale);
    return Buffer.concat([u8(timeLength(scale) + DATE_LENGTH), writeInstant(parseDateTime(value), scale)]);
  },
};
