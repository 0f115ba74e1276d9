// NVARCHAR (0xE7) and NCHAR (0xEF), MS-TDS 2.2.5.4.3: UCS-2 text with a collation; NVARCHAR(MAX) as PLP.
import type { SqlValue, TsqlType } from '../../contract.js';
import { readU16LE, u16LE, type Decoded } from '../primitives.js';
import { DEFAULT_COLLATION, readCollation } from './collation.js';
import { wrongValue, type TypeCodec } from './type-codec.js';
import { maxLengthBytes, readVarBytes, USHORT_MAX, writeVarBytes } from './var-length.js';

export const NVARCHAR_TYPE = 0xe7;
export const NCHAR_TYPE = 0xef;
const BYTES_PER_CHAR = 2;

const isMax = (type: TsqlType): boolean => type.length === 'max';

export const nvarchar: TypeCodec = {
  typeIds: [NVARCHAR_TYPE, NCHAR_TYPE],
  readTypeInfo(typeId, buffer, offset): Decoded<TsqlType> {
    const maxLength = readU16LE(buffer, offset, 'NVARCHAR max length');
    const collation = readCollation(buffer, maxLength.offset);
    const name = typeId === NCHAR_TYPE ? 'nchar' : 'nvarchar';
    const length = maxLength.value === USHORT_MAX ? 'max' : maxLength.value / BYTES_PER_CHAR;
    return { value: { name, length }, offset: collation.offset };
  },
  writeTypeInfo(type): Buffer {
    const nchar = type.name === 'nchar';
    const maxLength = maxLengthBytes(type.length, BYTES_PER_CHAR, !nchar);
    return Buffer.concat([Buffer.from([nchar ? NCHAR_TYPE : NVARCHAR_TYPE]), u16LE(maxLength), DEFAULT_COLLATION]);
  },
  readValue(type, buffer, offset): Decoded<SqlValue> {
    const bytes = readVarBytes(isMax(type), buffer, offset, 'NVARCHAR value');
    return { value: bytes.value === null ? null : bytes.value.toString('utf16le'), offset: bytes.offset };
  },
  writeValue(type, value): Buffer {
    if (value !== null && typeof value !== 'string') throw wrongValue(type, value);
    const max = maxLengthBytes(type.length, BYTES_PER_CHAR, type.name !== 'nchar') === USHORT_MAX;
    return writeVarBytes(max, value === null ? null : Buffer.from(value, 'utf16le'));
  },
};
