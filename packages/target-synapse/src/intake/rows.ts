// One record -> its CSV lines, per table of the plan: the root row, then a row per array element in each child
// table (recursively, for arrays in elements and arrays of arrays). The first field of every line is the record's
// arrival ordinal; then the table's columns in plan order (src/load/loader.ts). Pure.
import { isObject, type JsonObject } from '@kustomer-synapse/singer';
import { RecordValueError } from '../plan/errors.js';
import { ELEMENT_STEP } from '../plan/build.js';
import type { ColumnPlan, ColumnSource, StreamPlan, TablePlan } from '../plan/types.js';
import { encodeColumnValue } from './values.js';

export interface RecordMeta {
  readonly ordinal: number;
  readonly receivedAt: string;
  readonly extractedAt?: string;
  readonly tableVersion?: number;
}

/** A table of the plan with where its rows come from: the array at `path` inside each row source of its parent. */
export interface TableNode {
  readonly index: number;
  readonly table: TablePlan;
  readonly path: readonly string[];
  readonly children: readonly TableNode[];
  /** The table's columns in order, each with where its value comes from. */
  readonly readers: readonly ColumnReader[];
}

/**
 * A column and where its value comes from, in one object shape for every source kind: ColumnSource has five
 * shapes, and reading `source.kind` across five shapes per value made the row loop's property accesses megamorphic.
 */
export interface ColumnReader {
  readonly column: ColumnPlan;
  readonly kind: ColumnSource['kind'];
  readonly path: readonly string[];
  readonly asJson: boolean;
  /** The root key property, for 'source-key'. */
  readonly key: string;
  /** The nesting level, for 'level-id'. */
  readonly level: number;
  /** The metadata field, for 'metadata'. */
  readonly field: string;
}

function readerOf(column: ColumnPlan): ColumnReader {
  const source = column.source;
  return {
    column,
    kind: source.kind,
    path: source.kind === 'property' ? source.path : [],
    asJson: (source.kind === 'property' || source.kind === 'element') && source.asJson,
    key: source.kind === 'source-key' ? source.key : '',
    level: source.kind === 'level-id' ? source.level : -1,
    field: source.kind === 'metadata' ? source.field : '',
  };
}

/** Tables in plan order (root = 0, then plan.children), as a tree of where their rows come from. */
export function tableTree(plan: StreamPlan): TableNode {
  interface Draft { readonly index: number; readonly table: TablePlan; readonly absolute: readonly string[]; path: readonly string[]; readonly children: Draft[]; readonly readers: readonly ColumnReader[] }
  const drafts: Draft[] = plan.children.map((table, i) => ({ index: i + 1, table, absolute: table.path, path: table.path, children: [], readers: table.columns.map(readerOf) }));
  const root: Draft = { index: 0, table: plan.root, absolute: [], path: [], children: [], readers: plan.root.columns.map(readerOf) };
  for (const node of drafts) {
    // The parent is the deepest table whose elements the path steps into: `[...parent.path, '[]', ...rest]`.
    let parent = root;
    for (const candidate of drafts) {
      const prefix = [...candidate.absolute, ELEMENT_STEP];
      const inside = candidate !== node && prefix.length <= node.absolute.length && prefix.every((segment, i) => node.absolute[i] === segment);
      if (inside && (parent === root || candidate.absolute.length > parent.absolute.length)) parent = candidate;
    }
    node.path = parent === root ? node.absolute : node.absolute.slice(parent.absolute.length + 1);
    parent.children.push(node);
  }
  return root;
}

interface Context {
  readonly plan: StreamPlan;
  /** The record's arrival ordinal as text, the first field of each of its lines. */
  readonly ordinalText: string;
  readonly record: JsonObject;
  readonly meta: RecordMeta;
  readonly batchedAt: string;
  readonly addRecordMetadata: boolean;
}

/** Where one record's rows go: parallel lists of table index and CSV line, reused from record to record. */
export interface RowBuffer {
  readonly tables: number[];
  readonly lines: string[];
}

/**
 * Per table index, per column index: the longest text written (UTF-16 code units), -1 while none. A record that
 * fails may have raised a maximum before it failed; the run ends with it, so its batch is never loaded.
 */
export type MaxLengths = readonly number[][];

/**
 * Encodes every row of one record into `out` (emptied first); throws RecordValueError when a value does not fit,
 * and the caller then writes none of them. Plain loops over the plan, no closures or tuples per value: this runs
 * for every row of every record.
 */
export function recordRows(root: TableNode, context: Context, out: RowBuffer, maxLengths: MaxLengths): void {
  out.tables.length = 0;
  out.lines.length = 0;
  writeRow(root, context, context.record, undefined, [], out, maxLengths);
  for (const child of root.children) walk(child, context, context.record, [], out, maxLengths);
}

function walk(node: TableNode, context: Context, source: unknown, levels: number[], out: RowBuffer, maxLengths: MaxLengths): void {
  const array = at(source, node.path, context, node.table, undefined);
  if (array === undefined || array === null) return;
  if (!Array.isArray(array)) throw valueError(context, node.table, undefined, `is ${typeof array === 'object' ? 'an object' : typeof array}, where the schema says an array`);
  for (let i = 0; i < array.length; i += 1) {
    const element: unknown = array[i];
    levels.push(i);
    writeRow(node, context, undefined, element, levels, out, maxLengths);
    for (const child of node.children) walk(child, context, element, levels, out, maxLengths);
    levels.pop();
  }
}

/** One CSV line: the arrival ordinal, then the table's columns. `record` is set for the root row, `element` for a child row. */
function writeRow(node: TableNode, context: Context, record: JsonObject | undefined, element: unknown, levels: readonly number[], out: RowBuffer, maxLengths: MaxLengths): void {
  const readers = node.readers;
  const lengths = maxLengths[node.index];
  const fields: string[] = [context.ordinalText];
  for (let c = 0; c < readers.length; c += 1) {
    const reader = readers[c]!;
    const value = record === undefined ? childValue(reader, element, levels, context, node.table) : rootValue(reader, context);
    const encoded = encodeColumnValue(value, reader.column, reader.asJson);
    if ('problem' in encoded) throw valueError(context, node.table, reader.column, encoded.problem);
    fields.push(encoded.field);
    if (encoded.length !== undefined && lengths !== undefined && encoded.length > (lengths[c] ?? -1)) lengths[c] = encoded.length;
  }
  out.tables.push(node.index);
  out.lines.push(`${fields.join(',')}\n`);
}

function rootValue(reader: ColumnReader, context: Context): unknown {
  switch (reader.kind) {
    case 'property': return at(context.record, reader.path, context, context.plan.root, reader.column);
    case 'metadata': return context.addRecordMetadata ? metadataValue(reader.field, context) : undefined;
    default: return undefined;
  }
}

function childValue(reader: ColumnReader, element: unknown, levels: readonly number[], context: Context, table: TablePlan): unknown {
  switch (reader.kind) {
    case 'source-key': return context.record[reader.key];
    case 'level-id': return levels[reader.level];
    case 'element': return element;
    case 'property': return at(element, reader.path, context, table, reader.column);
    case 'metadata': return context.addRecordMetadata ? metadataValue(reader.field, context) : undefined;
  }
}

/** `_sdc_*` values as the Meltano SDK fills them (research/singer.md 2.3). */
function metadataValue(field: string, context: Context): unknown {
  switch (field) {
    case '_sdc_extracted_at': return context.meta.extractedAt;
    case '_sdc_received_at': return context.meta.receivedAt;
    case '_sdc_batched_at': return context.batchedAt;
    case '_sdc_deleted_at': return context.record._sdc_deleted_at;
    // The SDK's epoch milliseconds at receipt.
    case '_sdc_sequence': { const ms = Date.parse(context.meta.receivedAt); return Number.isFinite(ms) ? ms : undefined; }
    case '_sdc_table_version': return context.meta.tableVersion;
    default: return undefined;
  }
}

/** The value at a property path; a non-object where the path goes on means the schema was wrong: an error. */
function at(source: unknown, path: readonly string[], context: Context, table: TablePlan, column: ColumnPlan | undefined): unknown {
  let value: unknown = source;
  for (let i = 0; i < path.length; i += 1) {
    const segment = path[i]!;
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) {
      throw valueError(context, table, column, `is ${Array.isArray(value) ? 'an array' : typeof value} at ${JSON.stringify(path.slice(0, i).join('.') || '(the element)')}, where the schema says an object`);
    }
    value = Object.hasOwn(value, segment) ? value[segment] : undefined;
  }
  return value;
}

function valueError(context: Context, table: TablePlan, column: ColumnPlan | undefined, problem: string): RecordValueError {
  const keys = context.plan.keyProperties;
  const keyText = keys.length === 0 ? '' : ` (${keys.map((k) => `${k}=${safeJson(context.record[k])}`).join(', ')})`;
  const where = column === undefined ? `table ${table.name}` : `column ${column.name} of table ${table.name}`;
  return new RecordValueError(
    `stream "${context.plan.stream}", record ${context.meta.ordinal}${keyText}: the value for ${where} ${problem}; fix the stream's schema or the record`,
    context.plan.stream, table.name, column?.name ?? '', context.meta.ordinal,
  );
}

function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? 'undefined';
    return text.length > 60 ? `${text.slice(0, 60)}...` : text;
  } catch {
    return String(value);
  }
}
