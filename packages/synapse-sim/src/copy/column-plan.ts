// Which input field feeds which target column (copy-into-transact-sql, "column_list"). Pure.
import type { CatalogColumn } from '../contract.js';
import { invalidColumnName, nonNullableWithoutDefault } from '../errors.js';
import type { CopyColumn } from './statement.js';

export interface ColumnBinding {
  readonly column: CatalogColumn;
  /** 1-based input field. */
  readonly field: number;
  readonly defaultValue?: string;
}

export interface ColumnPlan {
  readonly bindings: readonly ColumnBinding[];
  /** Fields staged per record. */
  readonly fieldCount: number;
  /** Without a column list, "Input field 1 will go to target column 1, field 2 will go to column 2, etc.": exactly n fields. */
  readonly exactFieldCount: boolean;
}

export function planColumns(tableColumns: readonly CatalogColumn[], list: readonly CopyColumn[] | undefined): ColumnPlan {
  if (list === undefined) {
    return { bindings: tableColumns.map((column, i) => ({ column, field: i + 1 })), fieldCount: tableColumns.length, exactFieldCount: true };
  }
  const byName = new Map(tableColumns.map((c) => [c.name.toLowerCase(), c] as const));
  const bindings: ColumnBinding[] = [];
  const bound = new Set<string>();
  list.forEach((entry, i) => {
    const column = byName.get(entry.name.toLowerCase());
    if (column === undefined || bound.has(column.name.toLowerCase())) throw invalidColumnName(entry.name);
    bound.add(column.name.toLowerCase());
    bindings.push({ column, field: entry.fieldNumber ?? i + 1, ...(entry.defaultValue === undefined ? {} : { defaultValue: entry.defaultValue }) });
  });
  // "COPY will attempt to load NULL ... when a column is omitted from the column list" (copy-into-transact-sql).
  for (const column of tableColumns) {
    if (!bound.has(column.name.toLowerCase()) && !column.nullable) throw nonNullableWithoutDefault(column.name);
  }
  return { bindings, fieldCount: Math.max(...bindings.map((b) => b.field)), exactFieldCount: false };
}
