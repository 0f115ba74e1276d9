// One JSON value -> the text of its CSV field for a column of a given SQL type, exactly as COPY INTO should read
// it (research/synapse.md 2.7; packages/synapse-sim/README.md "Empty strings and NULL"):
// - NULL is an empty unquoted field; character columns are always quoted, so '' is `""`;
// - numbers keep the text they arrived as (ExactNumber from @kustomer-synapse/singer's exact-json), written as
//   plain decimals for BIGINT/DECIMAL, and a value that the column cannot hold exactly is refused, never rounded;
// - booleans are 1/0; date-times become `YYYY-MM-DD hh:mm:ss.fffffff+hh:mm` (100 ns, the offset kept).
// A refusal is a `problem` string; rows.ts names the stream, table, column and record around it.
import { ExactNumber, isObject, stringifyJson } from '@kustomer-synapse/singer';
import { BIGINT_MAX, BIGINT_MIN, sqlTypeText } from '../plan/sql-types.js';
import type { ColumnPlan, SqlType } from '../plan/types.js';

export type Encoded = { readonly field: string; readonly length?: number } | { readonly problem: string };

const NULL_FIELD: Encoded = { field: '' };
/** DATETIMEOFFSET(7) and TIME(7) keep 7 fractional digits (100 ns). */
const FRACTION_DIGITS = 7;
/** Offsets Synapse accepts: -14:00 to +14:00 (learn.microsoft.com, datetimeoffset). */
const MAX_OFFSET_MINUTES = 14 * 60;

export function encodeValue(value: unknown, column: ColumnPlan): Encoded {
  const asJson = (column.source.kind === 'property' || column.source.kind === 'element') && column.source.asJson;
  return encodeColumnValue(value, column, asJson);
}

/** encodeValue with the column's asJson already read from its source (rows.ts reads it once per table). */
export function encodeColumnValue(value: unknown, column: ColumnPlan, asJson: boolean): Encoded {
  if (value === null || value === undefined) {
    return column.nullable ? NULL_FIELD : { problem: `is ${value === null ? 'null' : 'missing'}, but the column is NOT NULL (a key)` };
  }
  if (asJson) return text(stringifyJson(value), column.type);
  return encodeScalar(value, column.type);
}

export function encodeScalar(value: unknown, type: SqlType): Encoded {
  switch (type.kind) {
    case 'nvarchar': {
      if (typeof value === 'string') return text(value, type);
      if (typeof value === 'boolean') return text(String(value), type);
      const number = numberText(value);
      if (number !== undefined) return text(number, type);
      return { problem: `is ${describe(value)}, which a ${sqlTypeText(type)} column holds only as a string` };
    }
    case 'bigint': return integerField(value, type);
    case 'decimal': return decimalField(value, type.precision, type.scale, type);
    case 'float': {
      const number = numberText(value);
      if (number === undefined || !Number.isFinite(Number(number))) return misfit(value, type);
      return { field: number };
    }
    case 'bit': return typeof value === 'boolean' ? { field: value ? '1' : '0' } : misfit(value, type);
    case 'datetimeoffset': return typeof value === 'string' ? dateTimeField(value, type) : misfit(value, type);
    case 'date': return typeof value === 'string' ? dateField(value, type) : misfit(value, type);
    case 'time': return typeof value === 'string' ? timeField(value, type) : misfit(value, type);
  }
}

function text(value: string, type: SqlType): Encoded {
  if (!value.isWellFormed()) return { problem: 'holds an unpaired UTF-16 surrogate, which UTF-8 (the CSV encoding COPY INTO reads) cannot carry' };
  void type;
  return { field: value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`, length: value.length };
}

function misfit(value: unknown, type: SqlType): Encoded {
  return { problem: `is ${describe(value)}, which does not fit ${sqlTypeText(type)}` };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (Array.isArray(value)) return 'an array';
  if (isObject(value)) return 'an object';
  const number = numberText(value);
  if (number !== undefined) return `the number ${number.length > 50 ? `${number.slice(0, 50)}...` : number}`;
  return `${typeof value} ${String(value)}`;
}

/** The JSON text of a number: an ExactNumber's own text, or the shortest text that reads back as the double. */
export function numberText(value: unknown): string | undefined {
  if (value instanceof ExactNumber) return value.text;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

interface PlainDecimal {
  readonly negative: boolean;
  /** Without leading zeros ('' for zero). */
  readonly int: string;
  /** Without trailing zeros. */
  readonly frac: string;
}

/** Number text in any JSON form (exponents too) -> its exact plain decimal digits. */
export function plainDecimal(number: string): PlainDecimal | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(number);
  if (!match) return undefined;
  const digits = `${match[2] ?? ''}${match[3] ?? ''}`;
  const exponent = Number(match[4] ?? '0');
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 10_000) return undefined;
  let point = (match[2] ?? '').length + exponent;
  let all = digits;
  if (point < 0) { all = '0'.repeat(-point) + all; point = 0; }
  if (point > all.length) all += '0'.repeat(point - all.length);
  const int = all.slice(0, point).replace(/^0+/, '');
  const frac = all.slice(point).replace(/0+$/, '');
  return { negative: match[1] === '-' && (int !== '' || frac !== ''), int, frac };
}

function plainText(d: PlainDecimal): string {
  return `${d.negative ? '-' : ''}${d.int === '' ? '0' : d.int}${d.frac === '' ? '' : `.${d.frac}`}`;
}

function integerField(value: unknown, type: SqlType): Encoded {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return { field: String(value) };
  const number = numberText(value);
  const d = number === undefined ? undefined : plainDecimal(number);
  if (d === undefined || d.frac !== '') return misfit(value, type);
  const n = BigInt(plainText(d));
  if (n < BIGINT_MIN || n > BIGINT_MAX) return { problem: `is ${describe(value)}, outside BIGINT's range (-2^63 to 2^63-1)` };
  return { field: n.toString() };
}

function decimalField(value: unknown, precision: number, scale: number, type: SqlType): Encoded {
  const number = numberText(value);
  const d = number === undefined ? undefined : plainDecimal(number);
  if (d === undefined) return misfit(value, type);
  if (d.frac.length > scale) return { problem: `is ${describe(value)}, which has more than ${scale} decimal places for ${sqlTypeText(type)} (it would be rounded)` };
  if (d.int.length > precision - scale) return { problem: `is ${describe(value)}, which has more than ${precision - scale} integer digits for ${sqlTypeText(type)}` };
  return { field: plainText(d) };
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validDate(y: number, m: number, d: number): boolean {
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

/** 1 to 7 fractional digits padded to 7; more are refused unless the extra ones are zeros (they would be rounded). */
function fraction(digits: string | undefined): string | undefined {
  const f = digits ?? '';
  if (f.length > FRACTION_DIGITS && /[1-9]/.test(f.slice(FRACTION_DIGITS))) return undefined;
  return f.slice(0, FRACTION_DIGITS).padEnd(FRACTION_DIGITS, '0');
}

function dateTimeField(value: string, type: SqlType): Encoded {
  const canonical = canonicalUtcField(value);
  return canonical === undefined ? rfc3339Field(value, type) : { field: canonical };
}

/** Any RFC 3339 date-time (and the looser forms taps send: no offset, a space, lower case) -> its field. */
export function rfc3339Field(value: string, type: SqlType): Encoded {
  const m = DATE_TIME.exec(value.trim());
  const bad = (): Encoded => ({ problem: `is ${describe(value)}, which is not an RFC 3339 date-time that ${sqlTypeText(type)} holds exactly (years 0001-9999, at most 7 fractional digits, offsets up to 14:00)` });
  if (!m) return bad();
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? '0'), Number(m[5] ?? '0'), Number(m[6] ?? '0')];
  const frac = fraction(m[7]);
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59 || frac === undefined) return bad();
  const zone = m[8] ?? 'Z';
  let offsetMinutes = 0;
  let offset = '+00:00';
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || '0');
    if (om > 59) return bad();
    offsetMinutes = (oh * 60 + om) * (zone.startsWith('-') ? -1 : 1);
    if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return bad();
    offset = `${zone[0]}${String(oh).padStart(2, '0')}:${String(om).padStart(2, '0')}`;
  }
  // The UTC instant must stay within 0001-01-01 00:00 .. 9999-12-31 23:59:59.9999999 as well.
  const localMinutes = hour * 60 + minute;
  if (year === 1 && month === 1 && day === 1 && localMinutes < offsetMinutes) return bad();
  if (year === 9999 && month === 12 && day === 31 && localMinutes - offsetMinutes >= 24 * 60) return bad();
  const two = (n: number): string => String(n).padStart(2, '0');
  return { field: `${m[1]}-${m[2]}-${m[3]} ${two(hour)}:${two(minute)}:${two(second)}.${frac}${offset}` };
}

const ZERO = 0x30;
const digitAt = (text: string, i: number): number => {
  const d = text.charCodeAt(i) - ZERO;
  return d >= 0 && d <= 9 ? d : Number.NaN;
};
const twoDigits = (text: string, i: number): number => digitAt(text, i) * 10 + digitAt(text, i + 1);

/**
 * The form taps send nearly always, `YYYY-MM-DDThh:mm:ss[.f{1,7}]Z`, without the regular expression and the number
 * parsing of the general path (a tenth of the encoding time); any other text, or a value out of range, gets
 * undefined and goes the general way. Produces exactly what the general path does (values.test.ts compares them).
 */
export function canonicalUtcField(value: string): string | undefined {
  const n = value.length;
  if (n < 20 || n > 28 || value.charCodeAt(n - 1) !== 0x5a /* Z */) return undefined;
  if (value.charCodeAt(4) !== 0x2d || value.charCodeAt(7) !== 0x2d || value.charCodeAt(10) !== 0x54 /* T */) return undefined;
  if (value.charCodeAt(13) !== 0x3a || value.charCodeAt(16) !== 0x3a) return undefined;
  const year = twoDigits(value, 0) * 100 + twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  const hour = twoDigits(value, 11);
  const minute = twoDigits(value, 14);
  const second = twoDigits(value, 17);
  // NaN fails every comparison, so a non-digit anywhere ends here.
  if (!(year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && hour <= 23 && minute <= 59 && second <= 59)) return undefined;
  let fraction = '0000000';
  if (n > 20) {
    if (value.charCodeAt(19) !== 0x2e /* . */ || n === 21) return undefined;
    for (let i = 20; i < n - 1; i += 1) if (Number.isNaN(digitAt(value, i))) return undefined;
    fraction = value.slice(20, n - 1).padEnd(FRACTION_DIGITS, '0');
  }
  return `${value.slice(0, 10)} ${value.slice(11, 19)}.${fraction}+00:00`;
}

function dateField(value: string, type: SqlType): Encoded {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ]00:00(?::00(?:\.0+)?)?(?:[Zz]|[+-]00:?00)?)?$/.exec(value.trim());
  if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    return { problem: `is ${describe(value)}, which is not a date (YYYY-MM-DD, years 0001-9999) that ${sqlTypeText(type)} holds` };
  }
  return { field: `${m[1]}-${m[2]}-${m[3]}` };
}

function timeField(value: string, type: SqlType): Encoded {
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(value.trim());
  const frac = m ? fraction(m[4]) : undefined;
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? '0') > 59 || frac === undefined) {
    return { problem: `is ${describe(value)}, which is not a time of day (hh:mm[:ss[.fffffff]]) that ${sqlTypeText(type)} holds` };
  }
  return { field: `${m[1]}:${m[2]}:${m[3] ?? '00'}.${frac}` };
}
