// The primitives every SQL builder uses: one identifier quoting, one literal escaping, type names and the
// frozen `{ sql, parameters }` value (STYLE.md 9, tap/target pattern 8). Nothing else writes SQL text pieces.
import { createHash } from 'node:crypto';
import type { SqlType } from '../plan/types.js';

/** Identifiers are 1-128 characters (research/synapse.md 1.4; docs: database-identifiers). */
export const MAX_IDENTIFIER_LENGTH = 128;
/** Local temporary table names are at most 116 characters (research/synapse.md 1.4). */
export const MAX_TEMP_TABLE_NAME_LENGTH = 116;
/** The widest NVARCHAR(n) before MAX (research/synapse.md 1.4). */
export const MAX_NVARCHAR_LENGTH = 4000;
/** Synapse stores datetimeoffset/time to 7 fractional digits, 100 ns (research/synapse.md 1.4). */
export const TEMPORAL_SCALE = 7;

export type ParameterType = 'bigint' | 'nvarchar' | 'datetimeoffset';

export interface Parameter {
  readonly name: string;
  readonly type: ParameterType;
  /** bigint as a bigint; nvarchar as a string; datetimeoffset as an ISO 8601 string with an offset. */
  readonly value: bigint | string | null;
}

export interface Statement {
  readonly sql: string;
  readonly parameters: readonly Parameter[];
}

export function statement(sql: string, parameters: readonly Parameter[] = []): Statement {
  return Object.freeze({ sql, parameters: Object.freeze([...parameters.map((p) => Object.freeze({ ...p }))]) });
}

/** `[name]` with `]` doubled; refuses what Synapse would refuse rather than letting the server guess. */
export function quoteIdent(name: string): string {
  if (name.length === 0) throw new RangeError('an SQL identifier cannot be empty');
  if (name.length > MAX_IDENTIFIER_LENGTH) {
    throw new RangeError(`the SQL identifier ${name.slice(0, 40)}... is longer than ${MAX_IDENTIFIER_LENGTH} characters`);
  }
  if (name.includes('\u0000')) throw new RangeError('an SQL identifier cannot hold a NUL character');
  return `[${name.replace(/]/g, ']]')}]`;
}

export function qualifiedName(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}

/**
 * A T-SQL string literal, `'` doubled, for the places T-SQL takes no parameters (COPY INTO options and
 * locations, EXEC text, OBJECT_ID names). Values of rows never go through here: they travel as CSV.
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) throw new RangeError('an SQL literal cannot hold a NUL character');
  return `'${value.replace(/'/g, "''")}'`;
}

/** A temp table name (`#...`) derived from a table name, cut with a stable hash suffix to fit 116 characters. */
export function tempTableName(prefix: string, table: string): string {
  return boundedName(`#${prefix}_${table}`, MAX_TEMP_TABLE_NAME_LENGTH);
}

/** `name` when it fits in `max` characters, else a prefix and 8 hex digits of its SHA-1, so it stays unique. */
export function boundedName(name: string, max: number = MAX_IDENTIFIER_LENGTH): string {
  if (name.length <= max) return name;
  const hash = createHash('sha1').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, max - hash.length - 1)}_${hash}`;
}

export function sqlTypeName(type: SqlType): string {
  switch (type.kind) {
    case 'bigint': return 'BIGINT';
    case 'decimal': return `DECIMAL(${type.precision},${type.scale})`;
    case 'float': return 'FLOAT';
    case 'bit': return 'BIT';
    case 'datetimeoffset': return `DATETIMEOFFSET(${TEMPORAL_SCALE})`;
    case 'date': return 'DATE';
    case 'time': return `TIME(${TEMPORAL_SCALE})`;
    case 'nvarchar': return `NVARCHAR(${type.length === 'max' ? 'MAX' : String(type.length)})`;
  }
}

export interface ColumnDefinition {
  readonly name: string;
  readonly type: SqlType;
  readonly nullable: boolean;
}

export function columnDefinition(column: ColumnDefinition): string {
  return `${quoteIdent(column.name)} ${sqlTypeName(column.type)} ${column.nullable ? 'NULL' : 'NOT NULL'}`;
}

export function columnList(names: readonly string[], qualifier?: string): string {
  return names.map((name) => (qualifier === undefined ? quoteIdent(name) : `${quoteIdent(qualifier)}.${quoteIdent(name)}`)).join(', ');
}

/** Key tuples are compared column by column in SQL, never joined into one string (STYLE.md tap/target 9). */
export function keyMatch(left: string, leftColumns: readonly string[], right: string, rightColumns: readonly string[]): string {
  if (leftColumns.length !== rightColumns.length || leftColumns.length === 0) {
    throw new RangeError(`cannot match keys (${leftColumns.join(', ')}) with (${rightColumns.join(', ')})`);
  }
  return leftColumns.map((column, i) => `${left}.${quoteIdent(column)} = ${right}.${quoteIdent(rightColumns[i] as string)}`).join(' AND ');
}
