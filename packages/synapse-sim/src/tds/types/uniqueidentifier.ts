// GUIDTYPE (0x24), MS-TDS 2.2.5.4.2 / 2.2.5.5.1.7: 16 bytes, the first three groups little-endian.
// Seam form: upper-case "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX", as SQL Server prints it.
import type { SqlValue, TsqlType } from '../../contract.js';
import { need, readU8, TdsProtocolError, u8, type Decoded } from '../primitives.js';
import { NULL_LENGTH_U8, wrongValue, type TypeCodec } from './type-codec.js';

export const GUID_TYPE = 0x24;
const GUID_LENGTH = 16;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Byte order of the wire form relative to the printed hex digits. */
const WIRE_ORDER: readonly number[] = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];

export function guidToBytes(text: string): Buffer {
  if (!GUID.test(text)) throw new TypeError(`not a uniqueidentifier: ${text}`);
  const printed = Buffer.from(text.replaceAll('-', ''), 'hex');
  return Buffer.from(WIRE_ORDER.map((index) => printed[index] ?? 0));
}

export function guidFromBytes(bytes: Buffer): string {
  const printed = Buffer.alloc(GUID_LENGTH);
  WIRE_ORDER.forEach((index, position) => printed.writeUInt8(bytes[position] ?? 0, index));
  const hex = printed.toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const uniqueidentifier: TypeCodec = {
  typeIds: [GUID_TYPE],
  readTypeInfo(_typeId, buffer, offset): Decoded<TsqlType> {
    const size = readU8(buffer, offset, 'GUID length');
    if (size.value !== GUID_LENGTH) throw new TdsProtocolError(`GUID length ${size.value}`);
    return { value: { name: 'uniqueidentifier' }, offset: size.offset };
  },
  writeTypeInfo(): Buffer {
    return Buffer.from([GUID_TYPE, GUID_LENGTH]);
  },
  readValue(_type, buffer, offset): Decoded<SqlValue> {
    const length = readU8(buffer, offset, 'GUID value');
    if (length.value === NULL_LENGTH_U8) return { value: null, offset: length.offset };
    if (length.value !== GUID_LENGTH) throw new TdsProtocolError(`GUID value length ${length.value}`);
    need(buffer, length.offset, GUID_LENGTH, 'GUID value');
    const bytes = buffer.subarray(length.offset, length.offset + GUID_LENGTH);
    return { value: guidFromBytes(bytes), offset: length.offset + GUID_LENGTH };
  },
  writeValue(type, value): Buffer {
    if (value === null) return u8(NULL_LENGTH_U8);
    if (typeof value !== 'string') throw wrongValue(type, value);
    return Buffer.concat([u8(GUID_LENGTH), guidToBytes(value)]);
  },
};
