// DATETIMEOFFSETN (0x2B), MS-TDS 2.2.5.4.2 / 2.2.5.5.1.8: the UTC time and date as DATETIME2, then the
// offset in minutes (i16). The seam carries the local time and its offset, as SQL Server prints it.
import type { SqlValue, TsqlType } from '../../contract.js';
import { need, readU8, TdsProtocolError, u8, type Decoded } from '../primitives.js';
import { DATE_LENGTH } from './date.js';
import { readInstant, writeInstant } from './datetime2.js';
import {
  formatDateTime, formatOffset, parseDateTimeOffset, scaleOf, shiftMinutes, timeLength,
} from './temporal.js';
import { NULL_LENGTH_U8, wrongValue, type TypeCodec } from './type-codec.js';

export const DATETIMEOFFSETN_TYPE = 0x2b;
const OFFSET_LENGTH = 2;
/** Offsets SQL Server accepts, https://learn.microsoft.com/sql/t-sql/data-types/datetimeoffset-transact-sql */
export const MAX_OFFSET_MINUTES = 14 * 60;

const valueLength = (scale: number): number => timeLength(scale) + DATE_LENGTH + OFFSET_LENGTH;

export const datetimeoffset: TypeCodec = {
  typeIds: [DATETIMEOFFSETN_TYPE],
  readTypeInfo(_typeId, buffer, offset): Decoded<TsqlType> {
    const scale = readU8(buffer, offset, 'DATETIMEOFFSET scale');
    return { value: { name: 'datetimeoffset', scale: scale.value }, offset: scale.offset };
  },
  writeTypeInfo(type): Buffer {
    return Buffer.from([DATETIMEOFFSETN_TYPE, scaleOf(type.scale)]);
  },
  readValue(type, buffer, offset): Decoded<SqlValue> {
    const scale = scaleOf(type.scale);
    const length = readU8(buffer, offset, 'DATETIMEOFFSET value');
    if (length.value === NULL_LENGTH_U8) return { value: null, offset: length.offset };
    if (length.value !== valueLength(scale)) throw new TdsProtocolError(`DATETIMEOFFSET value length ${length.value}`);
    const utc = readInstant(buffer, length.offset, scale);
    need(buffer, utc.offset, OFFSET_LENGTH, 'DATETIMEOFFSET offset');
    const minutes = buffer.readInt16LE(utc.offset);
    const local = shiftMinutes(utc.value, minutes);
    return { value: `${formatDateTime(local)}${formatOffset(minutes)}`, offset: utc.offset + OFFSET_LENGTH };
  },
  writeValue(type, value): Buffer {
    if (value === null) return u8(NULL_LENGTH_U8);
    if (typeof value !== 'string') throw wrongValue(type, value);
    const scale = scaleOf(type.scale);
    const { local, offsetMinutes } = parseDateTimeOffset(value);
    if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) throw new RangeError(`offset out of range: ${value}`);
    const offset = Buffer.alloc(OFFSET_LENGTH);
    offset.writeInt16LE(offsetMinutes);
    return Buffer.concat([u8(valueLength(scale)), writeInstant(shiftMinutes(local, -offsetMinutes), scale), offset]);
  },
};
