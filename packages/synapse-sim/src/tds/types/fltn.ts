// FLTN (0x6D), MS-TDS 2.2.5.4.2 / 2.2.5.5.1.4: real (4 bytes) and float (8 bytes), IEEE 754 little-endian.
import type { SqlValue, TsqlType } from '../../contract.js';
import { need, readU8, TdsProtocolError, u8, type Decoded } from '../primitives.js';
import { NULL_LENGTH_U8, wrongValue, type TypeCodec } from './type-codec.js';

export const FLTN_TYPE = 0x6d;
const REAL_LENGTH = 4;
const FLOAT_LENGTH = 8;

const sizeOf = (type: TsqlType): number => (type.name === 'real' ? REAL_LENGTH : FLOAT_LENGTH);

export const fltn: TypeCodec = {
  typeIds: [FLTN_TYPE],
  readTypeInfo(_typeId, buffer, offset): Decoded<TsqlType> {
    const size = readU8(buffer, offset, 'FLTN length');
    if (size.value === REAL_LENGTH) return { value: { name: 'real' }, offset: size.offset };
    if (size.value === FLOAT_LENGTH) return { value: { name: 'float' }, offset: size.offset };
    throw new TdsProtocolError(`FLTN length ${size.value}`);
  },
  writeTypeInfo(type): Buffer {
    return Buffer.from([FLTN_TYPE, sizeOf(type)]);
  },
  readValue(_type, buffer, offset): Decoded<SqlValue> {
    const length = readU8(buffer, offset, 'FLTN value');
    const at = length.offset;
    need(buffer, at, length.value, 'FLTN value');
    switch (length.value) {
      case NULL_LENGTH_U8: return { value: null, offset: at };
      case REAL_LENGTH: return { value: buffer.readFloatLE(at), offset: at + REAL_LENGTH };
      case FLOAT_LENGTH: return { value: buffer.readDoubleLE(at), offset: at + FLOAT_LENGTH };
      default: throw new TdsProtocolError(`FLTN value length ${length.value}`);
    }
  },
  writeValue(type, value): Buffer {
    if (value === null) return u8(NULL_LENGTH_U8);
    if (typeof value !== 'number') throw wrongValue(type, value);
    const size = sizeOf(type);
    const buffer = Buffer.alloc(1 + size);
    buffer.writeUInt8(size, 0);
    if (size === REAL_LENGTH) buffer.writeFloatLE(value, 1);
    else buffer.writeDoubleLE(value, 1);
    return buffer;
  },
};
