// BIGVARCHAR (0xA7) and BIGCHAR (0xAF), MS-TDS 2.2.5.4.3: single-byte text in the collation's code page.
import type { SqlValue, TsqlType } from '../../contract.js';
import { readU16LE, u16LE, type Decoded } from '../primitives.js';
import { DEFAULT_CODEPAGE_ENCODING, DEFAULT_COLLATION, readCollation } from './collation.js';
import { wrongValue, type TypeCodec } from './type-codec.js';
import { maxLengthBytes, readVarBytes, USHORT_MAX, writeVarBytes } from './var-length.js';

export const BIGVARCHAR_TYPE = 0xa7;
export const BIGCHAR_TYPE = 0xaf;
const BYTES_PER_CHAR = 1;

export const varchar: TypeCodec = {
  typeIds: [BIGVARCHAR_TYPE, BIGCHAR_TYPE],
  readTypeInfo(typeId, buffer, offset): Decoded<TsqlType> {
    const maxLength = readU16LE(buffer, offset, 'VARCHAR max length');
    const collation = readCollation(buffer, maxLength.offset);
    const name = typeId === BIGCHAR_TYPE ? 'char' : 'varchar';
    return { value: { name, length: maxLength.value === USHORT_MAX ? 'max' : maxLength.value }, offset: collation.offset };
  },
  writeTypeInfo(type): Buffer {
    const char = type.name === 'char';
    const maxLength = maxLengthBytes(type.length, BYTES_PER_CHAR, !char);
    return Buffer.concat([Buffer.from([char ? BIGCHAR_TYPE : BIGVARCHAR_TYPE]), u16LE(maxLength), DEFAULT_COLLATION]);
  },
  readValue(type, buffer, offset): Decoded<SqlValue> {
    const bytes = readVarBytes(type.length === 'max', buffer, offset, 'VARCHAR value');
    return { value: bytes.value === null ? null : bytes.value.toString(DEFAULT_CODEPAGE_ENCODING), offset: bytes.offset };
  },
  writeValue(type, value): Buffer {
    if (value !== null && typeof value !== 'string') throw wrongValue(type, value);
    const max = maxLengthBytes(type.length, BYTES_PER_CHAR, type.name !== 'char') === USHORT_MAX;
    return writeVarBytes(max, value === null ? null : Buffer.from(value, DEFAULT_CODEPAGE_ENCODING));
  },
};
