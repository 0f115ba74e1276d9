// The order of bookmark values. It must be a total order (antisymmetric, transitive, total): a bookmark
// that only moves forwards is only safe if "forwards" means the same thing on every comparison. V8's
// Date.parse is not usable for this: it reads "9" and "10" as dates in 2001 but not "13", so "9" < "10"
// < "13" < "9" as plain strings.
import { ExactNumber } from './exact-json.js';
import type { BookmarkValue } from './state.js';

/**
 * Negative, zero or positive as `a` sorts before, with or after `b`. Values fall in three kinds, each
 * with its own order:
 * - numbers (a number, an ExactNumber or a string holding a JSON number): by exact decimal value, so
 *   9007199254740993 > 9007199254740992 and "9" < "10";
 * - RFC 3339 date-times (section 5.6, `T` or a space between date and time): as instants to the
 *   millisecond (Kustomer's precision), whatever their offsets;
 * - every other string: by UTF-16 code units.
 * Between kinds, text < number < date-time: a bookmark of a typed kind is never held back by a plain
 * string left in an older state.
 */
export function compareBookmarks(a: BookmarkValue, b: BookmarkValue): number {
  const keyA = sortKey(a);
  const keyB = sortKey(b);
  if (keyA.kind !== keyB.kind) return KIND_RANK[keyA.kind] - KIND_RANK[keyB.kind];
  if (keyA.kind === 'instant' && keyB.kind === 'instant') return Math.sign(keyA.ms - keyB.ms);
  if (keyA.kind === 'number' && keyB.kind === 'number') return compareDecimals(keyA.decimal, keyB.decimal);
  if (keyA.kind === 'text' && keyB.kind === 'text') return keyA.text < keyB.text ? -1 : keyA.text > keyB.text ? 1 : 0;
  return 0; // unreachable: the kinds are equal
}

type SortKey =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'number'; readonly decimal: Decimal }
  | { readonly kind: 'instant'; readonly ms: number };

const KIND_RANK: { readonly [K in SortKey['kind']]: number } = { text: 0, number: 1, instant: 2 };

function sortKey(value: BookmarkValue): SortKey {
  // String(number) is the shortest decimal that reads back as the same double, so doubles keep their order.
  const text = value instanceof ExactNumber ? value.text : String(value);
  const decimal = toDecimal(text);
  if (decimal !== undefined) return { kind: 'number', decimal };
  const ms = typeof value === 'string' ? rfc3339Instant(value) : undefined;
  return ms === undefined ? { kind: 'text', text } : { kind: 'instant', ms };
}

/** A JSON number as sign x 0.digits x 10^exponent, with no leading or trailing zeros in digits. */
interface Decimal {
  readonly sign: -1 | 0 | 1;
  readonly digits: string;
  readonly exponent: bigint;
}

const JSON_NUMBER_PARTS = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

function toDecimal(text: string): Decimal | undefined {
  const parts = JSON_NUMBER_PARTS.exec(text);
  if (parts === null) return undefined;
  const [, minus, whole = '', fraction = '', exponent = '0'] = parts;
  if (whole.length > 1 && whole.startsWith('0')) return undefined; // JSON allows no leading zeros
  const all = whole + fraction;
  const leadingZeros = all.length - all.replace(/^0+/, '').length;
  const digits = all.slice(leadingZeros).replace(/0+$/, '');
  if (digits === '') return { sign: 0, digits: '', exponent: 0n };
  return { sign: minus === '-' ? -1 : 1, digits, exponent: BigInt(whole.length - leadingZeros) + BigInt(exponent) };
}

function compareDecimals(a: Decimal, b: Decimal): number {
  if (a.sign !== b.sign) return a.sign - b.sign;
  if (a.sign === 0) return 0;
  const magnitude = a.exponent !== b.exponent ? (a.exponent > b.exponent ? 1 : -1) : a.digits < b.digits ? -1 : a.digits > b.digits ? 1 : 0;
  return a.sign * magnitude;
}

// RFC 3339 section 5.6 date-time; `T`, `Z` and the separator are case-insensitive (section 5.6 NOTE).
const RFC3339_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
// 400 Gregorian years are exactly 146097 days; shifting by them keeps Date.UTC off its 0-99 => 1900s rule.
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;

/** Milliseconds since the epoch of an RFC 3339 date-time, or undefined when the text is not one. */
function rfc3339Instant(text: string): number | undefined {
  const parts = RFC3339_DATE_TIME.exec(text);
  if (parts === null) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const offsetHours = parts[10] === undefined ? 0 : Number(parts[10]);
  const offsetMinutes = parts[11] === undefined ? 0 : Number(parts[11]);
  // Section 5.7 ranges; second 60 is a leap second, which reads as the next minute's 00.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const milliseconds = Number((parts[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const offset = (parts[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return Date.UTC(year + 400, month - 1, day, hour, minute, second, milliseconds) - FOUR_CENTURIES_MS - offset;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(2000 + (year % 400), month, 0)).getUTCDate();
}
