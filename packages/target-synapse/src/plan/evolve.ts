// Desired table + the table as it exists -> the table plan to load with and the changes that make the table hold
// it, never touching a stored value (DESIGN.md section 4, "Schema changes"):
// - a new property is ADDed, nullable (earlier rows have no value);
// - a column whose type already holds the new values keeps its type (the plan loads into it as it is);
// - a safe in-place widening (NVARCHAR(n) -> longer or MAX, BIGINT -> DECIMAL(38,s<=19), DECIMAL to more digits)
//   is an ALTER COLUMN, after a rebuild as HEAP when a columnstore table gains a MAX column;
// - any other type change (integer -> FLOAT, string -> integer, date -> date-time) leaves the old column and its
//   values alone and ADDs `<column>__<suffix>` (`__fl`, `__bi`, ...) for the new values;
// - a column that is no longer in the schema stays, and becomes nullable if it was NOT NULL;
// - the hash distribution column is never altered (Synapse cannot change it in place);
// - the index and distribution of an existing table stay as they are.
import type { PlanOptions } from './options.js';
import { SchemaPlanError } from './errors.js';
import { MAX_IDENTIFIER_LENGTH, fitLength } from './naming.js';
import { holds, isMax, sqlTypeText, typeSuffix, widenInPlace } from './sql-types.js';
import type { ColumnPlan, LiveTable, TableChange, TablePlan } from './types.js';

type LiveColumn = LiveTable['columns'][number];

export function reconcileTable<T extends TablePlan>(
  desired: T,
  live: LiveTable | undefined,
  stream: string,
  options: PlanOptions,
): { readonly table: T; readonly changes: readonly TableChange[] } {
  if (live === undefined) return { table: desired, changes: [{ kind: 'create-table', table: desired }] };
  const where = `stream "${stream}": table ${live.name}`;
  const byName = new Map(live.columns.map((c) => [c.name.toLowerCase(), c]));
  const hashColumn = live.distribution.kind === 'hash' ? live.distribution.column.toLowerCase() : undefined;
  const columns: ColumnPlan[] = [];
  const additions: TableChange[] = [];
  const alterations: TableChange[] = [];
  const renames = new Map<string, string>();
  let needsHeap = false;
  for (const wanted of desired.columns) {
    const existing = byName.get(wanted.name.toLowerCase());
    if (existing === undefined) {
      const column = { ...wanted, nullable: true };
      columns.push(column);
      additions.push({ kind: 'add-column', schema: live.schema, table: live.name, column });
      options.log.info(`${where}: adding column ${column.name} ${sqlTypeText(column.type)} NULL`);
      if (isMax(column.type)) needsHeap = true;
      continue;
    }
    const resolved = resolveColumn(wanted, existing, live, byName, hashColumn, where, options);
    columns.push(resolved.column);
    if (resolved.column.name !== wanted.name) renames.set(wanted.name, resolved.column.name);
    if (resolved.change?.kind === 'add-column') additions.push(resolved.change);
    else if (resolved.change !== undefined) alterations.push(resolved.change);
    if (resolved.change !== undefined && isMax(resolved.column.type)) needsHeap = true;
  }
  // Columns the schema no longer has stay, holding their values; new rows leave them NULL.
  const planned = new Set(columns.map((c) => c.name.toLowerCase()));
  for (const gone of live.columns) {
    if (planned.has(gone.name.toLowerCase()) || gone.nullable) continue;
    if (gone.name.toLowerCase() === hashColumn) {
      options.log.warning(`${where}: column ${gone.name} is no longer in the schema but is the hash distribution column, which cannot be altered; it stays NOT NULL`);
      continue;
    }
    alterations.push({ kind: 'alter-column', schema: live.schema, table: live.name, column: { name: gone.name, source: { kind: 'metadata', field: gone.name }, type: gone.type, nullable: true }, from: gone.type });
    options.log.info(`${where}: column ${gone.name} is no longer in the schema; it stays, now NULL-able`);
  }
  const keyColumns = desired.keyColumns.map((k) => renames.get(k) ?? k);
  const index = needsHeap ? 'heap' : live.index;
  const changes: TableChange[] = [];
  if (needsHeap && live.index === 'cci') {
    changes.push({ kind: 'rebuild-as-heap', schema: live.schema, table: live.name });
    options.log.info(`${where}: rebuilding as HEAP first, since a clustered columnstore index cannot hold NVARCHAR(MAX)`);
  }
  changes.push(...alterations, ...additions);
  const table: T = { ...desired, name: live.name, columns, keyColumns, index, distribution: live.distribution };
  return { table, changes };
}

function resolveColumn(
  wanted: ColumnPlan,
  existing: LiveColumn,
  live: LiveTable,
  byName: ReadonlyMap<string, LiveColumn>,
  hashColumn: string | undefined,
  where: string,
  options: PlanOptions,
): { column: ColumnPlan; change?: TableChange } {
  const isHash = existing.name.toLowerCase() === hashColumn;
  if (holds(existing.type, wanted.type)) {
    const column = { ...wanted, name: existing.name, type: existing.type, nullable: existing.nullable || wanted.nullable };
    if (existing.nullable || !wanted.nullable) return { column };
    if (isHash) {
      options.log.warning(`${where}: column ${existing.name} is now optional but is the hash distribution column, which cannot be altered; it stays NOT NULL`);
      return { column: { ...column, nullable: false } };
    }
    options.log.info(`${where}: column ${existing.name} becomes NULL-able`);
    return { column, change: alterColumn(live, column, existing) };
  }
  const widened = isHash ? undefined : widenInPlace(existing.type, wanted.type);
  if (widened !== undefined) {
    const column = { ...wanted, name: existing.name, type: widened, nullable: existing.nullable || wanted.nullable };
    options.log.info(`${where}: widening column ${existing.name} from ${sqlTypeText(existing.type)} to ${sqlTypeText(widened)}`);
    return { column, change: alterColumn(live, column, existing) };
  }
  // No in-place change keeps every stored value: the new values go to a suffixed column.
  const suffix = typeSuffix(wanted.type);
  const name = fitLength(existing.name, existing.name, MAX_IDENTIFIER_LENGTH - suffix.length) + suffix;
  const suffixed = byName.get(name.toLowerCase());
  if (suffixed !== undefined) {
    if (holds(suffixed.type, wanted.type)) return { column: { ...wanted, name: suffixed.name, type: suffixed.type, nullable: true } };
    const again = widenInPlace(suffixed.type, wanted.type);
    if (again === undefined) {
      throw new SchemaPlanError(`${where}: column ${suffixed.name} is ${sqlTypeText(suffixed.type)} and cannot hold ${sqlTypeText(wanted.type)} without changing stored values; rename the property or drop the column`);
    }
    const column = { ...wanted, name: suffixed.name, type: again, nullable: true };
    return { column, change: alterColumn(live, column, suffixed) };
  }
  const column = { ...wanted, name, nullable: true };
  options.log.info(`${where}: column ${existing.name} is ${sqlTypeText(existing.type)}, which cannot hold ${sqlTypeText(wanted.type)} exactly; its values stay and new values go to a new column ${name}`);
  return { column, change: { kind: 'add-column', schema: live.schema, table: live.name, column } };
}

function alterColumn(live: LiveTable, column: ColumnPlan, from: LiveColumn): TableChange {
  return { kind: 'alter-column', schema: live.schema, table: live.name, column, from: from.type };
}
