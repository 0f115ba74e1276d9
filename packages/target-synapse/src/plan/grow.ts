// A batch's longest strings -> the column growth that must run before its COPY INTO (DESIGN.md section 4: a value
// is never truncated; the column grows up to MAX or the run fails naming the stream, the column and the size).
import { StringTooLongError } from './errors.js';
import type { PlanOptions } from './options.js';
import { NVARCHAR_MAX, NVARCHAR_MAX_LENGTH, nvarchar, sqlTypeText } from './sql-types.js';
import type { Batch } from '../load/loader.js';
import type { ColumnPlan, StreamPlan, TableChange, TablePlan } from './types.js';

export function growForLengths(
  plan: StreamPlan,
  maxLengths: Batch['maxLengths'],
  options: PlanOptions,
): { plan: StreamPlan; changes: readonly TableChange[] } {
  const changes: TableChange[] = [];
  const grow = <T extends TablePlan>(table: T): T => {
    const seen = maxLengths.get(table.name);
    if (seen === undefined) return table;
    let needsHeap = false;
    const alters: TableChange[] = [];
    const columns = table.columns.map((column): ColumnPlan => {
      const length = seen.get(column.name);
      const type = column.type;
      if (length === undefined || type.kind !== 'nvarchar' || type.length === 'max' || length <= type.length) return column;
      const where = `stream "${plan.stream}": column ${column.name} of table ${table.name}`;
      if (length > options.stringMaxLength) {
        throw new StringTooLongError(`${where}: a value of ${length} characters is longer than string_max_length (${options.stringMaxLength}); raise string_max_length or shorten the value at the source`, plan.stream, table.name, column.name, length);
      }
      const isKey = table.keyColumns.includes(column.name);
      const isHash = table.distribution.kind === 'hash' && table.distribution.column.toLowerCase() === column.name.toLowerCase();
      const target = length <= NVARCHAR_MAX_LENGTH ? nvarchar(NVARCHAR_MAX_LENGTH) : NVARCHAR_MAX;
      if ((isKey && target.kind === 'nvarchar' && target.length === 'max') || isHash) {
        throw new StringTooLongError(`${where}: a value of ${length} characters does not fit ${sqlTypeText(type)}, and a ${isHash ? 'hash distribution' : 'key'} column cannot grow${isHash ? '' : ` past NVARCHAR(${NVARCHAR_MAX_LENGTH})`}; shorten the key at the source`, plan.stream, table.name, column.name, length);
      }
      if (target.kind === 'nvarchar' && target.length === 'max') needsHeap = true;
      const grown = { ...column, type: target };
      alters.push({ kind: 'alter-column', schema: table.schema, table: table.name, column: grown, from: type });
      options.log.info(`${where}: growing from ${sqlTypeText(type)} to ${sqlTypeText(target)} for a value of ${length} characters`);
      return grown;
    });
    if (alters.length === 0) return table;
    if (needsHeap && table.index === 'cci') {
      changes.push({ kind: 'rebuild-as-heap', schema: table.schema, table: table.name });
      options.log.info(`stream "${plan.stream}": table ${table.name} is rebuilt as a HEAP first, since a clustered columnstore index cannot hold NVARCHAR(MAX)`);
    }
    changes.push(...alters);
    return { ...table, columns, index: needsHeap ? 'heap' : table.index };
  };
  const root = grow(plan.root);
  const children = plan.children.map((child) => grow(child));
  return { plan: { ...plan, root, children }, changes };
}
