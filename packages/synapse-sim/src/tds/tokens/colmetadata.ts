// COLMETADATA (0x81), MS-TDS 2.2.7.4: column count u16, then per column UserType u32, Flags u16,
// TYPE_INFO and the name as B_VARCHAR.
import type { ColumnMeta } from '../../contract.js';
import { bVarchar, u16LE, u32LE } from '../primitives.js';
import { writeTypeInfo } from '../types/type-info.js';

export const COLMETADATA_TOKEN = 0x81;
/** Flags bits, MS-TDS 2.2.7.4. */
export const ColumnFlag = {
  NULLABLE: 0x0001,
  UPDATEABLE_UNKNOWN: 0x0008,
} as const;
const USER_TYPE_NONE = 0;

export function encodeColMetadata(columns: readonly ColumnMeta[]): Buffer {
  const parts: Buffer[] = [Buffer.from([COLMETADATA_TOKEN]), u16LE(columns.length)];
  for (const column of columns) {
    const flags = (column.nullable ? ColumnFlag.NULLABLE : 0) | ColumnFlag.UPDATEABLE_UNKNOWN;
    parts.push(u32LE(USER_TYPE_NONE), u16LE(flags), writeTypeInfo(column.type), bVarchar(column.name));
  }
  return Buffer.concat(parts);
}
