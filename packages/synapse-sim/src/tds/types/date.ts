// DATEN (0x28), MS-TDS 2.2.5.4.2 / 2.2.5.5.1.8: 3-byte days since 0001-01-01. Seam form "YYYY-MM-DD".
import type { SqlValue, TsqlType } from '../../contract.js';
import { need, readU8, TdsProtocolError, u8, type Decoded } from '../primitives.js';
import { formatDate, parseDate } from './temporal.js';
import { NULL_LENGTH_U8, wrongValue, type TypeCodec } from './type-codec.js';

export const DATEN_TYPE = 0x28;
export const DATE_LENGTH = 3;

export const date: TypeCodec = {
  typeIds: [DATEN_TYPE],
  readTypeInfo(_typeId, _buffer, offset): Decoded<TsqlType> {
    return { value: { name: 'date' }, offset };
  },
  writeTypeInfo(): Buffer {
    return u8(DATEN_TYPE);
  },
  readValue(_type, buffer, offset): Decoded<SqlValue> {
    const length = readU8(buffer, offset, 'DATE value');
    if (length.value === NULL_LENGTH_U8) return { value: null, offset: length.offset };
    if (length.value !== DATE_LENGTH) throw new TdsProtocolError(`DATE value length ${length.value}`);
    need(buffer, length.offset, DATE_LENGTH, 'DATE value');
    return { value: formatDate(buffer.readUIntLE(length.offset, DATE_LENGTH)), offset: length.offset + DATE_LENGTH };
  },
  writeValue(type, value): Buffer {
    if (value === null) return u8(NULL_LENGTH_U8);
    if (typeof value !== 'string') throw wrongValue(type, value);
    const buffer = Buffer.alloc(1 + DATE_LENGTH);
    buffer.writeUInt8(DATE_LENGTH, 0);
    buffer.writeUIntLE(parseDate(value.slice(0, 10)), 1, DATE_LENGTH);
    return buffer;
  },
};
