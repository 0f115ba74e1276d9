// ROW (0xD1), MS-TDS 2.2.7.19: each column's value encoded by the TYPE_INFO its COLMETADATA announced.
import type { ColumnMeta, SqlValue } from '../../contract.js';
import { writeValue } from '../types/type-info.js';

export const ROW_TOKEN = 0xd1;

export function encodeRow(columns: readonly ColumnMeta[], row: readonly SqlValue[]): Buffer {
  if (row.length !== columns.length) {
    throw new RangeError(`a row of ${row.length} values for ${columns.length} columns`);
  }
  return Buffer.concat([Buffer.from([ROW_TOKEN]), ...columns.map((column, index) => writeValue(column.type, row[index] ?? null))]);
}
