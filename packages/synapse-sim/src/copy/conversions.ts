// Per declared T-SQL type: the DuckDB expression that converts a staged VARCHAR field, and the checks that reject a
// row the way SQL Server's bulk load does (sys.messages 4863 truncation, 4864 type mismatch, 4867 overflow,
// 4869 NULL into NOT NULL; see errors.ts). Pure. datetime2/datetimeoffset call the engine's temporal macros, which every
// session connection (and so every CopyIntoHost) has: engine/temporal-storage.ts.
import type { CatalogColumn, TsqlType } from '../contract.js';
import { BULK_OVERFLOW, BULK_TRUNCATION, BULK_TYPE_MISMATCH, BULK_UNEXPECTED_NULL } from '../errors.js';
import { quoteString } from './sql-text.js';
import type { DateFormat } from './statement.js';
import { tryDatetime2Sql, tryDatetimeoffsetSql } from '../engine/temporal-storage.js';

/** decimal/numeric without (p, s) is decimal(18, 0) (learn.microsoft.com/sql/t-sql/data-types/decimal-and-numeric-transact-sql). */
const DEFAULT_DECIMAL_PRECISION = 18;
const DEFAULT_DECIMAL_SCALE = 0;
/** tedious sends `set dateformat mdy` at login (research/synapse.md 1.1, verified): the session default COPY inherits. */
const SESSION_DATEFORMAT: DateFormat = 'mdy';

export type CheckKind = 'truncation' | 'mismatch' | 'overflow' | 'null';

export interface ColumnCheck {
  readonly number: number;
  /**
   * DuckDB boolean over the column's raw and value references: true when the row must be rejected. Written so the
   * cheap test comes first in each AND (DuckDB evaluates a CASE condition's AND progressively), since every good row
   * evaluates every check.
   */
  readonly failsWhen: string;
  readonly kind: CheckKind;
}

/** Names under which the caller materializes the raw field and the typed value, so each is computed once per row. */
export interface ColumnRefs {
  readonly raw: string;
  readonly value: string;
}

export interface ColumnConversion {
  /** The staged field after the empty-field rule and the column default; still VARCHAR. */
  readonly raw: string;
  /** The typed value, written over `refs.raw` (NULL for a NULL input or a failed conversion). */
  readonly value: string;
  /** Written over `refs.raw` and `refs.value`; in order; the first that holds names the row's error. */
  readonly checks: readonly ColumnCheck[];
}

const CHARACTER_TYPES: ReadonlySet<string> = new Set(['nvarchar', 'varchar', 'nchar', 'char']);
const INTEGER_TYPES: Readonly<Record<string, string>> = { tinyint: 'UTINYINT', smallint: 'SMALLINT', int: 'INTEGER', bigint: 'BIGINT' };
/** DuckDB types the engine stores dates in (engine/tsql-types.ts); datetime2/datetimeoffset: engine/temporal-storage.ts. */
const DATE_TYPES: Readonly<Record<string, string>> = {
  date: 'DATE', datetime: 'TIMESTAMP', datetime2: 'datetime2', datetimeoffset: 'datetimeoffset', time: 'TIME_NS',
};
const INTEGER_TEXT = `'\\s*[+-]?[0-9]+\\s*'`;
const HEX_TEXT = `'(0[xX])?([0-9A-Fa-f]{2})*'`;

/**
 * `field` is the staged VARCHAR (NULL = empty unquoted field). A quoted empty string stays '' for character types
 * and is NULL for every other type (README, "Empty strings and NULL").
 */
export function convertColumn(
  column: CatalogColumn, field: string, defaultValue: string | undefined, dateFormat: DateFormat | undefined, refs: ColumnRefs,
): ColumnConversion {
  const t = column.type;
  const isCharacter = CHARACTER_TYPES.has(t.name);
  const base = isCharacter ? field : `NULLIF(${field}, '')`;
  const raw = defaultValue === undefined ? base : `COALESCE(${base}, ${quoteString(defaultValue)})`;
  const typed = typedValue(t, refs.raw, dateFormat ?? SESSION_DATEFORMAT);
  const checks: ColumnCheck[] = [];
  if (!isCharacter) {
    // Mismatch and overflow both leave the value NULL for a non-NULL input; the overflow test tells them apart.
    const failed = `${refs.value} IS NULL AND ${refs.raw} IS NOT NULL`;
    if (typed.overflowWhen !== undefined) checks.push({ number: BULK_OVERFLOW, kind: 'overflow', failsWhen: `(${failed} AND ${typed.overflowWhen})` });
    checks.push({ number: BULK_TYPE_MISMATCH, kind: 'mismatch', failsWhen: `(${failed})` });
  }
  const truncation = truncationCheck(t, refs);
  if (truncation !== undefined) checks.push({ number: BULK_TRUNCATION, kind: 'truncation', failsWhen: truncation });
  if (!column.nullable) checks.push({ number: BULK_UNEXPECTED_NULL, kind: 'null', failsWhen: `(${refs.raw} IS NULL)` });
  return { raw, value: typed.value, checks };
}

/** `overflowWhen` is only asked for a non-NULL input whose value came out NULL. */
function typedValue(t: TsqlType, v: string, dateFormat: DateFormat): { readonly value: string; readonly overflowWhen?: string } {
  if (CHARACTER_TYPES.has(t.name)) return { value: v };
  const integer = INTEGER_TYPES[t.name];
  if (integer !== undefined) {
    const value = `CASE WHEN regexp_full_match(${v}, ${INTEGER_TEXT}) THEN TRY_CAST(trim(${v}) AS ${integer}) END`;
    return { value, overflowWhen: `regexp_full_match(${v}, ${INTEGER_TEXT})` };
  }
  const dateType = DATE_TYPES[t.name];
  if (dateType !== undefined) {
    if (t.name === 'time') return { value: `TRY_CAST(trim(${v}) AS TIME_NS)` };
    const formats = dateFormats(dateFormat).map(quoteString).join(', ');
    const parsed = `try_strptime(trim(${v}), [${formats}])`;
    const scale = t.scale ?? 7;
    // ISO text keeps all 7 digits and its offset; the DATEFORMAT orders go through DuckDB's microsecond TIMESTAMP.
    if (t.name === 'datetime2') return { value: `COALESCE(${tryDatetime2Sql(v, scale)}, ${tryDatetime2Sql(parsed, scale)})` };
    if (t.name === 'datetimeoffset') return { value: `COALESCE(${tryDatetimeoffsetSql(v, scale)}, ${tryDatetimeoffsetSql(parsed, scale)})` };
    return { value: `COALESCE(TRY_CAST(trim(${v}) AS ${dateType}), CAST(${parsed} AS ${dateType}))` };
  }
  switch (t.name) {
    case 'bit':
      return { value: `CASE lower(trim(${v})) WHEN '1' THEN true WHEN 'true' THEN true WHEN '0' THEN false WHEN 'false' THEN false END` };
    case 'real':
    case 'float': {
      const duck = t.name === 'real' ? 'REAL' : 'DOUBLE';
      return { value: `CASE WHEN isfinite(TRY_CAST(trim(${v}) AS ${duck})) THEN TRY_CAST(trim(${v}) AS ${duck}) END` };
    }
    case 'decimal':
    case 'numeric': {
      const duck = `DECIMAL(${t.precision ?? DEFAULT_DECIMAL_PRECISION}, ${t.scale ?? DEFAULT_DECIMAL_SCALE})`;
      return { value: `TRY_CAST(trim(${v}) AS ${duck})`, overflowWhen: `isfinite(TRY_CAST(trim(${v}) AS DOUBLE))` };
    }
    case 'uniqueidentifier':
      return { value: `TRY_CAST(trim(${v}) AS UUID)` };
    case 'varbinary':
      return { value: `CASE WHEN regexp_full_match(${v}, ${HEX_TEXT}) THEN unhex(regexp_replace(${v}, '^0[xX]', '')) END` };
    default:
      return { value: v };
  }
}

/**
 * n(var)char(n) counts UTF-16 code units (a character above U+FFFF takes two: learn.microsoft.com/sql/t-sql/data-types/
 * nchar-and-nvarchar-transact-sql); (var)char(n) is checked in characters here, varbinary(n) in bytes.
 */
function truncationCheck(t: TsqlType, { raw, value }: ColumnRefs): string | undefined {
  if (typeof t.length !== 'number') return undefined;
  const n = t.length;
  if (t.name === 'nvarchar' || t.name === 'nchar') {
    const units = `(length(${raw}) + length(regexp_replace(${raw}, '[^\\x{10000}-\\x{10FFFF}]', '', 'g')))`;
    return `(length(${raw}) > ${Math.floor(n / 2)} AND ${units} > ${n})`;
  }
  if (t.name === 'varchar' || t.name === 'char') return `(length(${raw}) > ${n})`;
  if (t.name === 'varbinary') return `(octet_length(${value}) > ${n})`;
  return undefined;
}

/** DATEFORMAT orders day, month and year for non-ISO dates (learn.microsoft.com/sql/t-sql/statements/set-dateformat-transact-sql). */
function dateFormats(order: DateFormat): readonly string[] {
  const part: Readonly<Record<string, string>> = { d: '%d', m: '%m', y: '%Y' };
  const times = ['', ' %H:%M', ' %H:%M:%S', ' %H:%M:%S.%f'];
  const formats: string[] = [];
  for (const sep of ['/', '-', '.']) {
    const date = [...order].map((c) => part[c] ?? '').join(sep);
    for (const time of times) formats.push(date + time);
  }
  return formats;
}
