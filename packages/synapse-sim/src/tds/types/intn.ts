// INTN (0x26), MS-TDS 2.2.5.4.2 / 2.2.5.5.1.1: tinyint, smallint, int, bigint by byte length 1/2/4/8.
import type { SqlValue, TsqlType, TsqlTypeName } from '../../contract.js';
import { need, readU8, TdsProtocolError, u8, type Decoded } from '../primitives.js';
import { NULL_LENGTH_U8, wrongValue, type TypeCodec } from './type-codec.js';

export const INTN_TYPE = 0x26;

const SIZE_BY_NAME: Readonly<Partial<Record<TsqlTypeName, 1 | 2 | 4 | 8>>> = { tinyint: 1, smallint: 2, int: 4, bigint: 8 };
const NAME_BY_SIZE: Readonly<Record<number, TsqlTypeName>> = { 1: 'tinyint', 2: 'smallint', 4: 'int', 8: 'bigint' };

function sizeOf(type: TsqlType): 1 | 2 | 4 | 8 {
  const size = SIZE_BY_NAME[type.name];
  if (size === undefined) throw new TypeError(`${type.name} is not an integer type`);
  return size;
}

export const intn: TypeCodec = {
  typeIds: [INTN_TYPE],
  readTypeInfo(_typeId, buffer, offset): Decoded<TsqlType> {
    const size = readU8(buffer, offset, 'INTN length');
    const name = NAME_BY_SIZE[size.value];
    if (name === undefined) throw new TdsProtocolError(`INTN length ${size.value}`);
    return { value: { name }, offset: size.offset };
  },
  writeTypeInfo(type): Buffer {
    return Buffer.from([INTN_TYPE, sizeOf(type)]);
  },
  readValue(_type, buffer, offset): Decoded<SqlValue> {
    const length = readU8(buffer, offset, 'INTN value');
    const at = length.offset;
    need(buffer, at, length.value, 'INTN value');
    switch (length.value) {
      case NULL_LENGTH_U8: return { value: null, offset: at };
      case 1: return { value: buffer.readUInt8(at), offset: at + 1 };
      case 2: return { value: buffer.readInt16LE(at), offset: at + 2 };
      case 4: return { value: buffer.readInt32LE(at), offset: at + 4 };
      case 8: return { value: buffer.readBigInt64LE(at), offset: at + 8 };
      default: throw new TdsProtocolError(`INTN value length ${length.value}`);
    }
  },
  writeValue(type, value): Buffer {
    if (value === null) return u8(NULL_LENGTH_U8);
    if (typeof value !== 'number' && typeof value !== 'bigint') throw wrongValue(type, value);
    const size = sizeOf(type);
    const buffer = Buffer.alloc(1 + size);
    buffer.writeUInt8(size, 0);
    if (size === 8) buffer.writeBigInt64LE(BigInt(value), 1);
    else if (size === 4) buffer.writeInt32LE(Number(value), 1);
    else if (size === 2) buffer.writeInt16LE(Number(value), 1);
    else buffer.writeUInt8(Number(value), 1);
    return buffer;
  },
};
