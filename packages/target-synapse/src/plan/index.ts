// plan/: SCHEMA message (+ the tables that exist) -> StreamPlan and the TableChanges the database needs.
import { Logger, type SchemaMessage } from '@kustomer-synapse/singer';
import { buildPlan } from './build.js';
import { SchemaPlanError } from './errors.js';
import { reconcileTable } from './evolve.js';
import type { PlanOptions } from './options.js';
import type { ChildTablePlan, LiveTable, StreamPlan, TableChange } from './types.js';

export { growForLengths } from './grow.js';
export { SchemaPlanError, StringTooLongError, RecordValueError } from './errors.js';
export { METADATA_COLUMNS, ELEMENT_STEP, VALUE_COLUMN } from './build.js';
export { sqlTypeText } from './sql-types.js';
export type { PlanOptions } from './options.js';
export type * from './types.js';

/**
 * The plan for a SCHEMA message. `live`: the existing tables (Loader.describe), keyed by lower-cased name. A table
 * that exists is evolved without loss (evolve.ts); one that does not gets a create-table change.
 */
export function planStream(
  message: SchemaMessage,
  options: PlanOptions,
  live: ReadonlyMap<string, LiveTable>,
): { plan: StreamPlan; changes: readonly TableChange[] } {
  const desired = buildPlan(message, options);
  claimTables(desired, options);
  const root = reconcileTable(desired.root, live.get(desired.root.name.toLowerCase()), message.stream, options);
  const changes: TableChange[] = [...root.changes];
  const children: ChildTablePlan[] = desired.children.map((child) => {
    const result = reconcileTable(child, live.get(child.name.toLowerCase()), message.stream, options);
    changes.push(...result.changes);
    return { ...result.table, sourceKeyColumns: result.table.keyColumns.slice(0, child.sourceKeyColumns.length) };
  });
  return { plan: { ...desired, root: root.table, children }, changes };
}

/** The table names planStream would use for this message, so the flow can describe them first. */
export function tableNamesFor(message: SchemaMessage, options: PlanOptions): readonly string[] {
  const plan = buildPlan(message, { ...options, log: SILENT });
  return [plan.root.name, ...plan.children.map((c) => c.name)];
}

/** tableNamesFor builds the plan only for its names; planStream logs the renames once. */
const SILENT = new Logger('target-synapse', 'critical', { write: () => true });

function claimTables(plan: StreamPlan, options: PlanOptions): void {
  const owners = options.tableOwners;
  if (owners === undefined) return;
  const names = [plan.root.name, ...plan.children.map((c) => c.name)];
  for (const name of names) {
    const owner = owners.get(name.toLowerCase());
    if (owner !== undefined && owner !== plan.stream) {
      throw new SchemaPlanError(`streams "${owner}" and "${plan.stream}" both map to table ${name} (names are conformed to lower case [a-z0-9_] and compared case-insensitively); rename one stream, e.g. with a stream map`);
    }
  }
  for (const name of names) owners.set(name.toLowerCase(), plan.stream);
}
