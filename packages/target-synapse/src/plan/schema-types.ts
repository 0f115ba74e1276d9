// One JSON Schema node -> what it becomes: a scalar column of a SQL type, JSON text, an object to flatten or an
// array for a child table (DESIGN.md section 4, research/synapse.md 2.7). Unions (`anyOf`, `oneOf`, type lists)
// take the widest type that holds every branch.
import { ExactNumber, type JsonSchema } from '@kustomer-synapse/singer';
import {
  BIGINT, BIGINT_DIGITS, BIGINT_MAX, BIGINT_MIN, BIT, DATE, DATETIMEOFFSET, DECIMAL_MAX_PRECISION, FLOAT, NVARCHAR_MAX,
  NVARCHAR_MAX_LENGTH, TIME, decimal, nvarchar,
} from './sql-types.js';
import type { SqlType } from './types.js';

export type Shape =
  | { readonly kind: 'scalar'; readonly type: SqlType }
  /** Stored as JSON text (objects without properties, unions of structures and scalars, `{}`). */
  | { readonly kind: 'json' }
  | { readonly kind: 'object'; readonly properties: readonly (readonly [string, JsonSchema])[] }
  | { readonly kind: 'array'; readonly items: JsonSchema | undefined };

type Branch =
  | { readonly kind: 'null' | 'boolean' | 'any' }
  | { readonly kind: 'integer'; readonly wide: boolean }
  | { readonly kind: 'number'; readonly scale: number | undefined }
  | { readonly kind: 'string'; readonly format: string | undefined; readonly maxLength: number | undefined }
  | { readonly kind: 'object'; readonly properties: readonly (readonly [string, JsonSchema])[] }
  | { readonly kind: 'array'; readonly items: JsonSchema | undefined };

const TEMPORAL: Readonly<Record<string, SqlType>> = { 'date-time': DATETIMEOFFSET, date: DATE, time: TIME };

/** Default NVARCHAR length for a string without maxLength: 4000, the longest that is not MAX, so tables stay columnstore (research/synapse.md 1.4, 2.7). */
export const DEFAULT_STRING_LENGTH = NVARCHAR_MAX_LENGTH;

/** What a property's schema becomes. `key`: a key column is never MAX (it is hashed and compared). */
export function shapeOf(schema: JsonSchema | undefined, key: boolean): Shape {
  const branches = branchesOf(schema ?? {}).filter((branch) => branch.kind !== 'null');
  const shape = combine(branches);
  if (key && shape.kind !== 'scalar') return { kind: 'scalar', type: nvarchar(NVARCHAR_MAX_LENGTH) };
  if (key && shape.kind === 'scalar' && shape.type.kind === 'nvarchar') return { kind: 'scalar', type: nvarchar(NVARCHAR_MAX_LENGTH) };
  return shape;
}

function combine(branches: readonly Branch[]): Shape {
  if (branches.length === 0) return { kind: 'scalar', type: nvarchar(DEFAULT_STRING_LENGTH) };
  if (branches.some((b) => b.kind === 'any')) return { kind: 'json' };
  const structural = branches.filter((b) => b.kind === 'object' || b.kind === 'array');
  if (structural.length > 0) {
    const only = branches.length === 1 ? branches[0] : undefined;
    if (only?.kind === 'object') return only.properties.length > 0 ? { kind: 'object', properties: only.properties } : { kind: 'json' };
    if (only?.kind === 'array') return { kind: 'array', items: only.items };
    return { kind: 'json' };
  }
  const kinds = new Set(branches.map((b) => b.kind));
  if (kinds.size === 1 && kinds.has('boolean')) return { kind: 'scalar', type: BIT };
  if (kinds.size === 1 && kinds.has('string')) return { kind: 'scalar', type: stringType(branches) };
  if ([...kinds].every((k) => k === 'integer' || k === 'number')) return { kind: 'scalar', type: numericType(branches) };
  // Mixed scalar kinds (a string or a number, a boolean or an integer): only text holds every branch.
  return { kind: 'scalar', type: nvarchar(DEFAULT_STRING_LENGTH) };
}

function stringType(branches: readonly Branch[]): SqlType {
  const strings = branches.filter((b): b is Extract<Branch, { kind: 'string' }> => b.kind === 'string');
  const formats = new Set(strings.map((b) => b.format));
  const [format] = [...formats];
  if (formats.size === 1 && format !== undefined && TEMPORAL[format] !== undefined) return TEMPORAL[format];
  let length = 0;
  for (const b of strings) length = Math.max(length, b.maxLength ?? DEFAULT_STRING_LENGTH);
  return length > NVARCHAR_MAX_LENGTH ? NVARCHAR_MAX : nvarchar(Math.max(1, length));
}

function numericType(branches: readonly Branch[]): SqlType {
  const numbers = branches.filter((b): b is Extract<Branch, { kind: 'number' }> => b.kind === 'number');
  const integers = branches.filter((b): b is Extract<Branch, { kind: 'integer' }> => b.kind === 'integer');
  const wideInts = integers.some((b) => b.wide);
  if (numbers.length === 0) return wideInts ? decimal(DECIMAL_MAX_PRECISION, 0) : BIGINT;
  if (numbers.some((b) => b.scale === undefined)) return FLOAT;
  const scale = Math.max(...numbers.map((b) => b.scale ?? 0));
  // An integer branch next to a decimal one needs its 19 digits (or all 38 when the schema allows wider) left of the point.
  const intDigits = integers.length === 0 ? 0 : wideInts ? DECIMAL_MAX_PRECISION : BIGINT_DIGITS;
  if (intDigits + scale > DECIMAL_MAX_PRECISION) return FLOAT;
  return decimal(DECIMAL_MAX_PRECISION, scale);
}

function branchesOf(schema: JsonSchema): Branch[] {
  const unions = [schema.anyOf, schema.oneOf].filter((u): u is readonly JsonSchema[] => Array.isArray(u));
  if (unions.length > 0) return unions.flatMap((union) => union.flatMap((sub) => branchesOf({ ...schema, anyOf: undefined, oneOf: undefined, ...sub })));
  const type = schema.type;
  const types = type === undefined ? inferredTypes(schema) : Array.isArray(type) ? type : [type];
  return types.map((t) => branchOf(t, schema));
}

/** A schema without `type`: what its keywords imply, else any value. */
function inferredTypes(schema: JsonSchema): readonly string[] {
  if (schema.properties !== undefined) return ['object'];
  if (schema.items !== undefined) return ['array'];
  if (typeof schema.format === 'string' && TEMPORAL[schema.format] !== undefined) return ['string'];
  return ['any'];
}

function branchOf(type: string, schema: JsonSchema): Branch {
  switch (type) {
    case 'null': return { kind: 'null' };
    case 'boolean': return { kind: 'boolean' };
    case 'integer': return { kind: 'integer', wide: allowsBeyondBigint(schema) };
    case 'number': return { kind: 'number', scale: decimalScale(schema.multipleOf) };
    case 'string': return {
      kind: 'string',
      format: typeof schema.format === 'string' ? schema.format : undefined,
      maxLength: typeof schema.maxLength === 'number' && Number.isInteger(schema.maxLength) && schema.maxLength >= 0 ? schema.maxLength : undefined,
    };
    case 'object': return { kind: 'object', properties: Object.entries(schema.properties ?? {}) };
    case 'array': return { kind: 'array', items: isSchema(schema.items) ? schema.items : undefined };
    default: return { kind: 'any' };
  }
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when the schema's bounds let an integer leave BIGINT's range (or when a bound is unreadable). */
function allowsBeyondBigint(schema: JsonSchema): boolean {
  const low = [schema.minimum, schema.exclusiveMinimum].filter((v) => v !== undefined && typeof v !== 'boolean');
  const high = [schema.maximum, schema.exclusiveMaximum].filter((v) => v !== undefined && typeof v !== 'boolean');
  return low.some((v) => compareToBigint(v, BIGINT_MIN) < 0) || high.some((v) => compareToBigint(v, BIGINT_MAX) > 0);
}

/** Sign of (value - bound), exactly for integer text; NaN-like values count as out of range. */
function compareToBigint(value: unknown, bound: bigint): number {
  const text = numberText(value);
  if (text === undefined) return bound < 0n ? -1 : 1;
  if (/^-?\d+$/.test(text)) {
    const n = BigInt(text);
    return n < bound ? -1 : n > bound ? 1 : 0;
  }
  const n = Number(text);
  if (Number.isNaN(n)) return bound < 0n ? -1 : 1;
  const b = Number(bound);
  // A fractional bound within one unit of BIGINT's end is read as inside it; the double comparison errs outwards at the edge.
  return n < b ? -1 : n > b ? 1 : 0;
}

function numberText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Number.isInteger(value) && Math.abs(value) < 1e21 ? BigInt(value).toString() : String(value);
  if (value instanceof ExactNumber) return value.text;
  return undefined;
}

/**
 * The scale s when `multipleOf` is a power of ten (0.01 -> 2, 1 or 10 -> 0), else undefined (FLOAT). Read from the
 * number's text so 1e-7 and 0.0000001 agree; a scale past 38 cannot be a DECIMAL.
 */
export function decimalScale(multipleOf: unknown): number | undefined {
  const text = numberText(multipleOf);
  if (text === undefined) return undefined;
  const match = /^(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return undefined;
  const int = match[1] ?? '';
  const frac = match[2] ?? '';
  const exponent = Number(match[3] ?? '0');
  const digits = `${int}${frac}`.replace(/^0+/, '');
  const core = digits.replace(/0+$/, '');
  if (core !== '1') return undefined;
  const power = exponent - frac.length + (digits.length - core.length);
  const scale = Math.max(0, -power);
  return scale > DECIMAL_MAX_PRECISION ? undefined : scale;
}
