// TIMEN (0x29), MS-TDS 2.2.5.4.2 / 2.2.5.5.1.8: units of 10^-scale seconds since midnight in 3-5 bytes.
// Seam form "hh:mm:ss.fffffff". The time part is shared with DATETIME2 and DATETIMEOFFSET.
import type { SqlValue, TsqlType } from '../../contract.js';
import { need, readU8, TdsProtocolError, u8, type Decoded } from '../primitives.js';
import { formatTime, fromScaled, parseTime, scaleOf, timeLength, toScaled, UNITS_PER_DAY } from './temporal.js';
import { NULL_LENGTH_U8, wrongValue, type TypeCodec } from './type-codec.js';

export const TIMEN_TYPE = 0x29;

/** Reads a scaled time of `timeLength(scale)` bytes, returning 100 ns units. */
export function readScaledTime(buffer: Buffer, offset: number, scale: number): Decoded<number> {
  const length = timeLength(scale);
  need(buffer, offset, length, 'time part');
  return { value: fromScaled(buffer.readUIntLE(offset, length), scale), offset: offset + length };
}

/** Writes 100 ns units at `scale`; the caller has already carried a rounding up to midnight into the date. */
export function writeScaledTime(units: number, scale: number): Buffer {
  const length = timeLength(scale);
  const buffer = Buffer.alloc(length);
  buffer.writeUIntLE(toScaled(units, scale), 0, length);
  return buffer;
}

/** Rounds 100 ns units to `scale`, returning them in 100 ns units (SQL Server rounds, not truncates). */
export function roundToScale(units: number, scale: number): number {
  return fromScaled(toScaled(units, scale), scale);
}

export const time: TypeCodec = {
  typeIds: [TIMEN_TYPE],
  readTypeInfo(_typeId, buffer, offset): Decoded<TsqlType> {
    const scale = readU8(buffer, offset, 'TIME scale');
    return { value: { name: 'time', scale: scale.value }, offset: scale.offset };
  },
  writeTypeInfo(type): Buffer {
    return Buffer.from([TIMEN_TYPE, scaleOf(type.scale)]);
  },
  readValue(type, buffer, offset): Decoded<SqlValue> {
    const scale = scaleOf(type.scale);
    const length = readU8(buffer, offset, 'TIME value');
    if (length.value === NULL_LENGTH_U8) return { value: null, offset: length.offset };
    if (length.value !== timeLength(scale)) throw new TdsProtocolError(`TIME(${scale}) value length ${length.value}`);
    const units = readScaledTime(buffer, length.offset, scale);
    return { value: formatTime(units.value), offset: units.offset };
  },
  writeValue(type, value): Buffer {
    if (value === null) return u8(NULL_LENGTH_U8);
    if (typeof value !== 'string') throw wrongValue(type, value);
    const scale = scaleOf(type.scale);
    const units = roundToScale(parseTime(value), scale) % UNITS_PER_DAY;
    return Buffer.concat([u8(timeLength(scale)), writeScaledTime(units, scale)]);
  },
};
