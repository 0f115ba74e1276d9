/**
 * The date operands of search criteria (research 2.5: "local YYYY-MM-DD ... or full UTC ...Z"). Clients write
 * full instants in more than one form: JavaScript's `toISOString()` gives 3 fraction digits, singer-python's
 * `strftime` 6 (`2025-01-01T00:00:00.000000Z`). Any ISO-8601 extended-format instant with a `Z` or `±hh:mm`
 * zone is accepted, with any number of fraction digits; the README lists what stays refused.
 */

/** `YYYY-MM-DDThh:mm[:ss[.f+]](Z|±hh:mm)`. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An instant as whole epoch milliseconds plus whether a sub-millisecond remainder was cut off. */
export interface Instant {
  readonly ms: number;
  readonly subMillisecond: boolean;
}

export const isDateOnly = (text: string): boolean => DATE_ONLY.test(text);

/** Epoch ms of a calendar date and time in UTC, or undefined when a field is out of range (Feb 30, 25:00). */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return undefined;
  return date.getTime() + ((hour * 60 + minute) * 60 + second) * 1000;
}

/** Midnight GMT of a `YYYY-MM-DD` date, or undefined when it is not one. */
export function parseDateOnly(text: string): number | undefined {
  const m = DATE_ONLY.exec(text);
  if (m === null) return undefined;
  return utc(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0, 0);
}

/** A full instant, or undefined when the text is not one of the accepted forms. */
export function parseFullInstant(text: string): Instant | undefined {
  const m = INSTANT.exec(text);
  if (m === null) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '', sign, offsetHours, offsetMinutes] = m;
  const base = utc(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second));
  if (base === undefined) return undefined;
  let offset = 0;
  if (sign !== undefined) {
    if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return undefined;
    offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  }
  // Digits past the third are below a millisecond: kept only as "was there a remainder", so the comparison
  // with whole-millisecond updatedAt values stays exact without floating point.
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  return { ms: base + millis - offset, subMillisecond: /[1-9]/.test(fraction.slice(3)) };
}
