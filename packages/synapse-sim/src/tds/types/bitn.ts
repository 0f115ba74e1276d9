// BITN (0x68), MS-TDS 2.2.5.4.2 / 2.2.5.5.1.2.
import type { SqlValue, TsqlType } from '../../contract.js';
import { need, readU8, TdsProtocolError, u8, type Decoded } from '../primitives.js';
import { NULL_LENGTH_U8, wrongValue, type TypeCodec } from './type-codec.js';

export const BITN_TYPE = 0x68;
const BIT_LENGTH = 1;

export const bitn: TypeCodec = {
  typeIds: [BITN_TYPE],
  readTypeInfo(_typeId, buffer, offset): Decoded<TsqlType> {
    const size = readU8(buffer, offset, 'BITN length');
    if (size.value !== BIT_LENGTH) throw new TdsProtocolError(`BITN length ${size.value}`);
    return { value: { name: 'bit' }, offset: size.offset };
  },
  writeTypeInfo(): Buffer {
    return Buffer.from([BITN_TYPE, BIT_LENGTH]);
  },
  readValue(_type, buffer, offset): Decoded<SqlValue> {
    const length = readU8(buffer, offset, 'BITN value');
    if (length.value === NULL_LENGTH_U8) return { value: null, offset: length.offset };
    if (length.value !== BIT_LENGTH) throw new TdsProtocolError(`BITN value length ${length.value}`);
    need(buffer, length.offset, 1, 'BITN value');
    return { value: buffer.readUInt8(length.offset) !== 0, offset: length.offset + 1 };
  },
  writeValue(type, value): Buffer {
    if (value === null) return u8(NULL_LENGTH_U8);
    if (typeof value !== 'boolean' && typeof value !== 'number') throw wrongValue(type, value);
    return Buffer.from([BIT_LENGTH, value === true || value === 1 ? 1 : 0]);
  },
};
