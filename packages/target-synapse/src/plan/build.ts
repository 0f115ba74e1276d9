// SCHEMA message -> the StreamPlan it asks for, before any existing table is considered (DESIGN.md section 4):
// objects flattened to `a__b` columns, arrays to child tables `<table>__<field>` keyed by the root's keys and
// the element positions, metadata columns last, the index and distribution chosen.
import type { JsonSchema, SchemaMessage } from '@kustomer-synapse/singer';
import { SchemaPlanError } from './errors.js';
import { allocateNames, childTableName, columnNameFor, conformSegment, fitLength, tableNameFor } from './naming.js';
import type { PlanOptions } from './options.js';
import { shapeOf } from './schema-types.js';
import { BIGINT, DATETIMEOFFSET, MAX_COLUMNS, NVARCHAR_MAX, isMax } from './sql-types.js';
import type { ChildTablePlan, ColumnPlan, ColumnSource, Distribution, SqlType, StreamPlan, TableIndex, TablePlan } from './types.js';

/** The Singer metadata columns (research/singer.md 2.3) and their types (research/synapse.md 2.7). */
export const METADATA_COLUMNS: readonly { readonly name: string; readonly type: SqlType }[] = [
  { name: '_sdc_extracted_at', type: DATETIMEOFFSET },
  { name: '_sdc_received_at', type: DATETIMEOFFSET },
  { name: '_sdc_batched_at', type: DATETIMEOFFSET },
  { name: '_sdc_deleted_at', type: DATETIMEOFFSET },
  { name: '_sdc_sequence', type: BIGINT },
  { name: '_sdc_table_version', type: BIGINT },
];

/** Marks a step into each element of an array in a ChildTablePlan path. */
export const ELEMENT_STEP = '[]';
/** The column of a child table whose elements are scalars (or JSON). */
export const VALUE_COLUMN = 'value';
/**
 * Plan columns per table: Synapse allows 1024 (research/synapse.md 1.4) and the stage adds the ordinal column.
 */
export const MAX_PLAN_COLUMNS = MAX_COLUMNS - 1;

export const sourceKeyColumn = (key: string): string => fitLength(`_sdc_source_key_${conformSegment(key)}`, `_sdc_source_key_\u0000${key}`);
export const levelIdColumn = (level: number): string => `_sdc_level_${level}_id`;

interface Field {
  readonly label: string;
  readonly wanted: string;
  readonly build: (name: string) => ColumnPlan | PendingChild;
}

interface PendingChild {
  readonly kind: 'child';
  readonly field: string;
  readonly path: readonly string[];
  readonly items: JsonSchema | undefined;
}

interface RootKey {
  readonly property: string;
  readonly column: string;
  readonly type: SqlType;
}

/** The desired plan of a SCHEMA message. */
export function buildPlan(message: SchemaMessage, options: PlanOptions): StreamPlan {
  const stream = message.stream;
  const keys = message.key_properties;
  const properties = Object.entries(message.schema.properties ?? {}).filter(
    ([name]) => !(options.addRecordMetadata && METADATA_COLUMNS.some((m) => m.name === name)),
  );
  for (const key of keys) {
    if (!properties.some(([name]) => name === key)) {
      throw new SchemaPlanError(`stream "${stream}": key property "${key}" is not in the schema's properties; add it to the schema or fix key_properties`);
    }
  }
  const name = tableNameFor(stream);
  // An array becomes a child table only when its rows can point back at their record through a key; without one
  // it is JSON text.
  const nesting = { flatten: options.nesting === 'subtables', childTables: options.nesting === 'subtables' && keys.length > 0 };
  const fields = collectFields(properties, [], (path) => path.length === 1 && keys.includes(path[0] ?? ''), nesting, []);
  const metadata = options.addRecordMetadata ? METADATA_COLUMNS.map((m) => m.name) : [];
  const { columns, pending } = allocate(fields, metadata, `table ${name}`, options);
  const allColumns = [
    ...columns,
    ...(options.addRecordMetadata
      ? METADATA_COLUMNS.map((m): ColumnPlan => ({ name: m.name, source: { kind: 'metadata', field: m.name }, type: m.type, nullable: true }))
      : []),
  ];
  const keyColumns = keys.map((key) => {
    const column = columns.find((c) => c.source.kind === 'property' && c.source.path.length === 1 && c.source.path[0] === key);
    if (column === undefined) throw new SchemaPlanError(`stream "${stream}": key property "${key}" cannot be a column`);
    return column;
  });
  const root = finishTable(stream, options, {
    schema: options.schema,
    name,
    columns: allColumns,
    keyColumns: keyColumns.map((c) => c.name),
  }, keyColumns[0]?.name);
  const rootKeys: RootKey[] = keys.map((property, index) => ({ property, column: keyColumns[index]?.name ?? property, type: keyColumns[index]?.type ?? BIGINT }));
  const children: ChildTablePlan[] = [];
  for (const child of pending) buildChild(stream, options, name, child, rootKeys, 1, children);
  return { stream, keyProperties: keys, root, children };
}

/** Walks properties depth first, objects flattened into the same table, arrays left for child tables. */
function collectFields(
  properties: readonly (readonly [string, JsonSchema])[],
  prefix: readonly string[],
  isKey: (path: readonly string[]) => boolean,
  nesting: { readonly flatten: boolean; readonly childTables: boolean },
  arrayPrefix: readonly string[],
): Field[] {
  const fields: Field[] = [];
  for (const [property, schema] of properties) {
    const path = [...prefix, property];
    const key = isKey(path);
    const shape = shapeOf(schema, key);
    const label = path.join('__');
    const wanted = columnNameFor(path);
    if (shape.kind === 'object' && nesting.flatten) {
      fields.push(...collectFields(shape.properties, path, isKey, nesting, arrayPrefix));
    } else if (shape.kind === 'array' && nesting.childTables) {
      fields.push({ label, wanted, build: (field) => ({ kind: 'child', field, path: [...arrayPrefix, ...path], items: shape.items }) });
    } else {
      const type = shape.kind === 'scalar' ? shape.type : NVARCHAR_MAX;
      const source: ColumnSource = { kind: 'property', path, asJson: shape.kind !== 'scalar' };
      fields.push({ label, wanted, build: (name) => ({ name, source, type, nullable: !key }) });
    }
  }
  return fields;
}

function allocate(
  fields: readonly Field[],
  reserved: readonly string[],
  where: string,
  options: PlanOptions,
): { columns: ColumnPlan[]; pending: PendingChild[] } {
  const { names, renamed } = allocateNames(fields.map((f) => ({ label: f.label, wanted: f.wanted })), reserved);
  for (const r of renamed) options.log.info(`${where}: property ${JSON.stringify(r.label)} is column ${r.name} (its conformed name is taken)`);
  const columns: ColumnPlan[] = [];
  const pending: PendingChild[] = [];
  fields.forEach((field, index) => {
    const built = field.build(names[index] ?? field.wanted);
    if ('kind' in built) pending.push(built);
    else columns.push(built);
  });
  return { columns, pending };
}

function buildChild(
  stream: string,
  options: PlanOptions,
  parent: string,
  pending: PendingChild,
  rootKeys: readonly RootKey[],
  depth: number,
  out: ChildTablePlan[],
): void {
  const name = childTableName(parent, pending.field);
  const sourceKeys: ColumnPlan[] = rootKeys.map((k) => ({ name: sourceKeyColumn(k.property), source: { kind: 'source-key', key: k.property }, type: k.type, nullable: false }));
  const levels: ColumnPlan[] = Array.from({ length: depth }, (_, level) => ({ name: levelIdColumn(level), source: { kind: 'level-id', level }, type: BIGINT, nullable: false }));
  const reserved = [...sourceKeys, ...levels].map((c) => c.name);
  const items = pending.items;
  const shape = shapeOf(items, false);
  let fields: Field[];
  if (shape.kind === 'object') {
    fields = collectFields(shape.properties, [], () => false, { flatten: true, childTables: true }, [...pending.path, ELEMENT_STEP]);
  } else if (shape.kind === 'array') {
    fields = [{ label: VALUE_COLUMN, wanted: VALUE_COLUMN, build: (field) => ({ kind: 'child', field, path: [...pending.path, ELEMENT_STEP], items: shape.items }) }];
  } else {
    const type = shape.kind === 'scalar' ? shape.type : NVARCHAR_MAX;
    fields = [{ label: VALUE_COLUMN, wanted: VALUE_COLUMN, build: (column) => ({ name: column, source: { kind: 'element', asJson: shape.kind !== 'scalar' }, type, nullable: true }) }];
  }
  const { columns, pending: grandchildren } = allocate(fields, reserved, `table ${name}`, options);
  const sourceKeyColumns = sourceKeys.map((c) => c.name);
  const table = finishTable(stream, options, {
    schema: options.schema,
    name,
    columns: [...sourceKeys, ...levels, ...columns],
    keyColumns: [...sourceKeyColumns, ...levels.map((c) => c.name)],
  }, sourceKeyColumns[0]);
  out.push({ ...table, path: pending.path, depth, sourceKeyColumns });
  for (const grandchild of grandchildren) buildChild(stream, options, name, grandchild, rootKeys, depth + 1, out);
}

function finishTable(
  stream: string,
  options: PlanOptions,
  table: Omit<TablePlan, 'index' | 'distribution'>,
  hashColumn: string | undefined,
): TablePlan {
  if (table.columns.length === 0) {
    throw new SchemaPlanError(`stream "${stream}": table ${table.name} would have no columns (the schema has no properties); add properties to the schema or turn on add_record_metadata`);
  }
  if (table.columns.length > MAX_PLAN_COLUMNS) {
    throw new SchemaPlanError(`stream "${stream}": table ${table.name} would have ${table.columns.length} columns, more than the ${MAX_PLAN_COLUMNS} Synapse allows next to the load's ordinal column; set nesting to json or select fewer properties`);
  }
  return { ...table, index: chooseIndex(table.columns, options, table.name), distribution: chooseDistribution(options, hashColumn, stream, table.name) };
}

/**
 * `auto`: clustered columnstore, Synapse's default and best for large tables, unless a column is MAX, which a
 * columnstore cannot hold (error 35343; research/synapse.md 1.4, 1.11): then HEAP. `cci` with a MAX column is
 * HEAP too, with a warning, since the alternative is a CREATE that fails.
 */
export function chooseIndex(columns: readonly ColumnPlan[], options: PlanOptions, table: string): TableIndex {
  const max = columns.find((c) => isMax(c.type));
  if (options.tableIndex === 'heap') return 'heap';
  if (max === undefined) return 'cci';
  if (options.tableIndex === 'cci') options.log.warning(`table ${table}: column ${max.name} is NVARCHAR(MAX), which a clustered columnstore index cannot hold; the table is a HEAP`);
  return 'heap';
}

/** HASH on the first key column when there is one (`auto`, `hash`), else ROUND_ROBIN; `replicate` and `round_robin` as configured. */
export function chooseDistribution(options: PlanOptions, hashColumn: string | undefined, stream: string, table: string): Distribution {
  switch (options.tableDistribution) {
    case 'replicate': return { kind: 'replicate' };
    case 'round_robin': return { kind: 'round_robin' };
    case 'hash':
      if (hashColumn === undefined) options.log.warning(`stream "${stream}": table ${table} has no key to hash on; it is ROUND_ROBIN`);
      return hashColumn === undefined ? { kind: 'round_robin' } : { kind: 'hash', column: hashColumn };
    case 'auto': return hashColumn === undefined ? { kind: 'round_robin' } : { kind: 'hash', column: hashColumn };
  }
}
