// BIGVARBINARY (0xA5) and BIGBINARY (0xAD), MS-TDS 2.2.5.4.3: bytes; VARBINARY(MAX) as PLP.
import type { SqlValue, TsqlType } from '../../contract.js';
import { readU16LE, u16LE, type Decoded } from '../primitives.js';
import { wrongValue, type TypeCodec } from './type-codec.js';
import { maxLengthBytes, readVarBytes, USHORT_MAX, writeVarBytes } from './var-length.js';

export const BIGVARBINARY_TYPE = 0xa5;
export const BIGBINARY_TYPE = 0xad;

export const varbinary: TypeCodec = {
  typeIds: [BIGVARBINARY_TYPE, BIGBINARY_TYPE],
  readTypeInfo(_typeId, buffer, offset): Decoded<TsqlType> {
    const maxLength = readU16LE(buffer, offset, 'VARBINARY max length');
    return { value: { name: 'varbinary', length: maxLength.value === USHORT_MAX ? 'max' : maxLength.value }, offset: maxLength.offset };
  },
  writeTypeInfo(type): Buffer {
    return Buffer.concat([Buffer.from([BIGVARBINARY_TYPE]), u16LE(maxLengthBytes(type.length, 1, true))]);
  },
  readValue(type, buffer, offset): Decoded<SqlValue> {
    const bytes = readVarBytes(type.length === 'max', buffer, offset, 'VARBINARY value');
    return { value: bytes.value === null ? null : Buffer.from(bytes.value), offset: bytes.offset };
  },
  writeValue(type, value): Buffer {
    if (value !== null && !Buffer.isBuffer(value)) throw wrongValue(type, value);
    return writeVarBytes(maxLengthBytes(type.length, 1, true) === USHORT_MAX, value);
  },
};
