// Facts about Synapse column types that plan/ decides with: which type holds another's values exactly, which
// in-place widenings keep every stored value, and the DDL spelling for logs and errors.
import type { SqlType } from './types.js';

/** NVARCHAR(n) allows n up to 4000; longer needs MAX (research/synapse.md 1.4). */
export const NVARCHAR_MAX_LENGTH = 4000;
/** DECIMAL precision limit (research/synapse.md 1.4). */
export const DECIMAL_MAX_PRECISION = 38;
/** Digits of the largest BIGINT, 9223372036854775807. */
export const BIGINT_DIGITS = 19;
export const BIGINT_MIN = -(2n ** 63n);
export const BIGINT_MAX = 2n ** 63n - 1n;
/** Columns per table (research/synapse.md 1.4). */
export const MAX_COLUMNS = 1024;
/** Characters that the text of any number, boolean or ISO date/time value needs at most in an NVARCHAR column. */
const SCALAR_TEXT_LENGTH = 64;

export const BIGINT: SqlType = { kind: 'bigint' };
export const FLOAT: SqlType = { kind: 'float' };
export const BIT: SqlType = { kind: 'bit' };
export const DATETIMEOFFSET: SqlType = { kind: 'datetimeoffset' };
export const DATE: SqlType = { kind: 'date' };
export const TIME: SqlType = { kind: 'time' };
export const NVARCHAR_MAX: SqlType = { kind: 'nvarchar', length: 'max' };
export const nvarchar = (length: number | 'max'): SqlType => ({ kind: 'nvarchar', length });
export const decimal = (precision: number, scale: number): SqlType => ({ kind: 'decimal', precision, scale });

export function sqlTypeText(type: SqlType): string {
  switch (type.kind) {
    case 'bigint': return 'BIGINT';
    case 'decimal': return `DECIMAL(${type.precision},${type.scale})`;
    case 'float': return 'FLOAT';
    case 'bit': return 'BIT';
    case 'datetimeoffset': return 'DATETIMEOFFSET(7)';
    case 'date': return 'DATE';
    case 'time': return 'TIME(7)';
    case 'nvarchar': return `NVARCHAR(${type.length === 'max' ? 'MAX' : type.length})`;
  }
}

export function sameType(a: SqlType, b: SqlType): boolean {
  return sqlTypeText(a) === sqlTypeText(b);
}

export function isMax(type: SqlType): boolean {
  return type.kind === 'nvarchar' && type.length === 'max';
}

/**
 * True when every value intake/ would write for a `wanted` column loads into a `live` column unchanged. An
 * NVARCHAR column long enough holds the text of any scalar (intake/ writes numbers, booleans and dates as the
 * text they arrived as); DECIMAL holds BIGINT when it has 19 integer digits; FLOAT holds only FLOAT, since a
 * double cannot hold every BIGINT (2^53 + 1) or decimal exactly.
 */
export function holds(live: SqlType, wanted: SqlType): boolean {
  if (live.kind === 'nvarchar') {
    if (live.length === 'max') return true;
    if (wanted.kind === 'nvarchar') return wanted.length !== 'max' && live.length >= wanted.length;
    return live.length >= SCALAR_TEXT_LENGTH;
  }
  if (live.kind === 'decimal') {
    if (wanted.kind === 'bigint') return live.precision - live.scale >= BIGINT_DIGITS;
    if (wanted.kind === 'decimal') return live.scale >= wanted.scale && live.precision - live.scale >= wanted.precision - wanted.scale;
    return false;
  }
  return live.kind === wanted.kind;
}

/**
 * The type an existing column can be altered to in place so that it holds both its stored values and the
 * wanted ones, or undefined when no ALTER COLUMN does that without touching a stored value. Only three
 * widenings qualify: NVARCHAR(n) to a longer NVARCHAR or MAX, BIGINT to DECIMAL(38,s) for s <= 19 (19 integer
 * digits keep every BIGINT), and DECIMAL(p,s) to a DECIMAL with at least as many integer and fraction digits.
 * Everything else (BIGINT to FLOAT, DATE to DATETIMEOFFSET, a string becoming a number) gets a suffixed column.
 */
export function widenInPlace(live: SqlType, wanted: SqlType): SqlType | undefined {
  if (live.kind === 'nvarchar' && wanted.kind === 'nvarchar') {
    if (live.length === 'max' || wanted.length === 'max') return NVARCHAR_MAX;
    return nvarchar(Math.max(live.length, wanted.length));
  }
  const digits = (type: SqlType): { int: number; frac: number } | undefined =>
    type.kind === 'bigint' ? { int: BIGINT_DIGITS, frac: 0 } : type.kind === 'decimal' ? { int: type.precision - type.scale, frac: type.scale } : undefined;
  if (live.kind === 'float' || wanted.kind === 'float') return undefined;
  const a = digits(live);
  const b = digits(wanted);
  if (a === undefined || b === undefined) return undefined;
  const int = Math.max(a.int, b.int);
  const frac = Math.max(a.frac, b.frac);
  if (int + frac > DECIMAL_MAX_PRECISION) return undefined;
  return decimal(DECIMAL_MAX_PRECISION, frac);
}

/** The suffix of a column that takes a property's values after an incompatible type change (Stitch's convention, research/synapse.md 1.6). */
export function typeSuffix(type: SqlType): string {
  switch (type.kind) {
    case 'bigint': return '__bi';
    case 'decimal': return '__de';
    case 'float': return '__fl';
    case 'bit': return '__bo';
    case 'datetimeoffset': return '__dt';
    case 'date': return '__da';
    case 'time': return '__ti';
    case 'nvarchar': return '__st';
  }
}
