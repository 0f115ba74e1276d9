// Calendar arithmetic shared by the date/time codecs. The seam's textual forms (contract.ts SqlValue)
// are converted to and from days since 0001-01-01 (MS-TDS 2.2.5.5.1.8 DATE) and 100 ns units of the day.
// Pure integer arithmetic on the proleptic Gregorian calendar: JavaScript's Date maps years 0-99 to 19xx.

export const UNITS_PER_SECOND = 10_000_000;
export const UNITS_PER_DAY = 86_400 * UNITS_PER_SECOND;
/** Days from 0001-01-01 to 1970-01-01. */
const DAYS_0001_TO_1970 = 719_162;
/** Days from 0001-01-01 to 1900-01-01, the DATETIME epoch (MS-TDS 2.2.5.5.1.8). */
export const DAYS_0001_TO_1900 = 693_595;
export const MAX_TIME_SCALE = 7;

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface Instant {
  /** Days since 0001-01-01. */
  readonly days: number;
  /** 100 ns units since midnight. */
  readonly units: number;
}

/** Days since 0001-01-01, counted in 400-year eras of 146,097 days starting each March 1st. */
export function daysFromCivil({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468 + DAYS_0001_TO_1970;
}

export function civilFromDays(days: number): CivilDate {
  const z = days - DAYS_0001_TO_1970 + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

export function parseDate(text: string): number {
  const match = DATE.exec(text);
  if (match === null) throw new TypeError(`not a date "YYYY-MM-DD": ${text}`);
  return daysFromCivil({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) });
}

export function parseTime(text: string): number {
  const match = TIME.exec(text);
  if (match === null) throw new TypeError(`not a time "hh:mm:ss.fffffff": ${text}`);
  const seconds = (Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3] ?? 0);
  return seconds * UNITS_PER_SECOND + Number((match[4] ?? '').padEnd(MAX_TIME_SCALE, '0'));
}

export function parseOffset(text: string): number {
  const match = OFFSET.exec(text);
  if (match === null) throw new TypeError(`not an offset "+hh:mm": ${text}`);
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** "YYYY-MM-DD hh:mm:ss.fffffff" (a 'T' separator is accepted too). */
export function parseDateTime(text: string): Instant {
  const [date, time] = text.split(/[ T]/);
  if (date === undefined || time === undefined) throw new TypeError(`not a datetime "YYYY-MM-DD hh:mm:ss": ${text}`);
  return { days: parseDate(date), units: parseTime(time) };
}

/** "YYYY-MM-DD hh:mm:ss.fffffff+hh:mm": the local time and its offset. */
export function parseDateTimeOffset(text: string): { readonly local: Instant; readonly offsetMinutes: number } {
  const split = text.length - 6;
  return { local: parseDateTime(text.slice(0, split).trimEnd()), offsetMinutes: parseOffset(text.slice(split)) };
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

export function formatDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function formatTime(units: number): string {
  const seconds = Math.floor(units / UNITS_PER_SECOND);
  const fraction = units - seconds * UNITS_PER_SECOND;
  const clock = `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}`;
  return `${clock}.${pad(fraction, MAX_TIME_SCALE)}`;
}

export function formatDateTime({ days, units }: Instant): string {
  return `${formatDate(days)} ${formatTime(units)}`;
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60), 2)}:${pad(absolute % 60, 2)}`;
}

/** Moves an instant by whole minutes, carrying into the date. */
export function shiftMinutes({ days, units }: Instant, minutes: number): Instant {
  return normalize(days, units + minutes * 60 * UNITS_PER_SECOND);
}

export function normalize(days: number, units: number): Instant {
  const carry = Math.floor(units / UNITS_PER_DAY);
  return { days: days + carry, units: units - carry * UNITS_PER_DAY };
}

/** Bytes of a TIME at a fractional-second scale, MS-TDS 2.2.5.4.2. */
export function timeLength(scale: number): 3 | 4 | 5 {
  if (scale <= 2) return 3;
  if (scale <= 4) return 4;
  return 5;
}

/** Units at 10^-scale seconds, rounded, from 100 ns units; may reach a whole day, which the caller carries. */
export function toScaled(units: number, scale: number): number {
  return Math.round(units / 10 ** (MAX_TIME_SCALE - scale));
}

export function fromScaled(scaled: number, scale: number): number {
  return scaled * 10 ** (MAX_TIME_SCALE - scale);
}

export function scaleOf(scale: number | undefined): number {
  const value = scale ?? MAX_TIME_SCALE;
  if (!Number.isInteger(value) || value < 0 || value > MAX_TIME_SCALE) throw new TypeError(`bad time scale ${value}`);
  return value;
}
