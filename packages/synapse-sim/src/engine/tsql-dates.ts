// DATEADD and DATEDIFF with T-SQL semantics, in one place so a change of the date storage types only touches this
// file. DATEADD(datepart, number, date): https://learn.microsoft.com/sql/t-sql/functions/dateadd-transact-sql
// DATEDIFF(datepart, startdate, enddate) "returns the count ... of the specified datepart boundaries crossed":
// https://learn.microsoft.com/sql/t-sql/functions/datediff-transact-sql
import type { TsqlType } from '../contract.js';
import { datepartNotSupported, genericError, parseError, unknownDatepart } from './errors.js';
import { isStringTsqlType } from './expr-types.js';
import type { Token } from './lexer.js';
import { renderTsqlType, toDuckdbType } from './tsql-types.js';

type Datepart = 'year' | 'quarter' | 'month' | 'dayofyear' | 'day' | 'week' | 'weekday' | 'hour' | 'minute' | 'second'
  | 'millisecond' | 'microsecond' | 'nanosecond';

/** Names and abbreviations from the DATEADD/DATEDIFF argument tables. */
const DATEPARTS: Readonly<Record<string, Datepart>> = {
  YEAR: 'year', YY: 'year', YYYY: 'year', QUARTER: 'quarter', QQ: 'quarter', Q: 'quarter', MONTH: 'month', MM: 'month',
  M: 'month', DAYOFYEAR: 'dayofyear', DY: 'dayofyear', Y: 'dayofyear', DAY: 'day', DD: 'day', D: 'day', WEEK: 'week',
  WK: 'week', WW: 'week', WEEKDAY: 'weekday', DW: 'weekday', W: 'weekday', HOUR: 'hour', HH: 'hour', MINUTE: 'minute',
  MI: 'minute', N: 'minute', SECOND: 'second', SS: 'second', S: 'second', MILLISECOND: 'millisecond', MS: 'millisecond',
  MICROSECOND: 'microsecond', MCS: 'microsecond', NANOSECOND: 'nanosecond', NS: 'nanosecond',
};
const TIME_OF_DAY: readonly Datepart[] = ['hour', 'minute', 'second', 'millisecond', 'microsecond', 'nanosecond'];

/** DATEDIFF's week boundary is Sunday whatever SET DATEFIRST says (DATEDIFF doc, Remarks); 1900-01-07 was a Sunday. */
const A_SUNDAY = "TIMESTAMP '1900-01-07'";
/** Where a time value sits when it has to be a timestamp: DATEDIFF treats time as 1900-01-01 (DATEDIFF doc). */
const TIME_BASE_DATE = "DATE '1900-01-01'";

export interface DateArgument {
  /** The argument rewritten to DuckDB. */
  readonly sql: string;
  /** Its T-SQL type when the statement shows it; a string literal is its own kind. */
  readonly type: TsqlType | undefined;
  readonly literal: boolean;
}

function datepart(token: Token | undefined, fn: string): Datepart {
  if (token === undefined || (token.kind !== 'word' && token.kind !== 'ident')) throw parseError(token?.text ?? fn);
  const part = DATEPARTS[token.value.toUpperCase()];
  if (part === undefined) throw unknownDatepart(token.text, fn);
  return part;
}

function checkPart(part: Datepart, fn: string, type: TsqlType | undefined): void {
  if (type?.name === 'date' && TIME_OF_DAY.includes(part)) throw datepartNotSupported(part, fn, 'date');
  if (type?.name === 'time' && !TIME_OF_DAY.includes(part)) throw datepartNotSupported(part, fn, 'time');
}

function interval(part: Datepart, n: string): string {
  switch (part) {
    case 'year': return `to_years(${n})`;
    case 'quarter': return `to_months(3 * ${n})`;
    case 'month': return `to_months(${n})`;
    case 'dayofyear': case 'day': case 'weekday': return `to_days(${n})`;
    case 'week': return `to_days(7 * ${n})`;
    case 'hour': return `to_hours(${n})`;
    case 'minute': return `to_minutes(${n})`;
    case 'second': return `to_seconds(${n})`;
    case 'millisecond': return `to_milliseconds(${n})`;
    case 'microsecond': return `to_microseconds(${n})`;
    case 'nanosecond': throw genericError('synapse-sim does not support DATEADD(nanosecond, ...): its intervals have microsecond resolution.');
  }
}

/** DATEADD: the result has the date argument's type; a string literal is read as datetime (DATEADD doc, Return types). */
export function dateadd(partToken: Token | undefined, number: string, date: DateArgument): string {
  const part = datepart(partToken, 'dateadd');
  checkPart(part, 'dateadd', date.type);
  // "If number has a decimal fraction, DATEADD truncates it" (DATEADD doc, Arguments).
  const n = `CAST(trunc(${number}) AS BIGINT)`;
  const type: TsqlType = date.literal || date.type === undefined || isStringTsqlType(date.type) ? { name: 'datetime', scale: 3 } : date.type;
  if (type.name === 'time') return `CAST(CAST(${date.sql} AS TIME) + ${interval(part, n)} AS ${toDuckdbType(type)})`;
  const base = type.name === 'date' || date.literal || isStringTsqlType(date.type) ? `CAST(${date.sql} AS TIMESTAMP)` : date.sql;
  return `CAST(${base} + ${interval(part, n)} AS ${toDuckdbType(type)})`;
}

function asTimestamp(arg: DateArgument): string {
  if (arg.type?.name === 'time') return `CAST(${TIME_BASE_DATE} + CAST(${arg.sql} AS TIME) AS TIMESTAMP)`;
  if (arg.type !== undefined && !isStringTsqlType(arg.type) && !['date', 'datetime', 'datetime2', 'datetimeoffset'].includes(arg.type.name)) {
    throw genericError(`synapse-sim supports DATEDIFF over date and time values only, not ${renderTsqlType(arg.type)}.`);
  }
  return `CAST(${arg.sql} AS TIMESTAMP)`;
}

/** DATEDIFF: boundaries crossed, as an int; a count outside int is 535 (the __tsql_datediff_int macro). */
export function datediff(partToken: Token | undefined, start: DateArgument, end: DateArgument): string {
  const part = datepart(partToken, 'datediff');
  checkPart(part, 'datediff', start.type);
  checkPart(part, 'datediff', end.type);
  const a = asTimestamp(start);
  const b = asTimestamp(end);
  let count: string;
  if (part === 'week') count = `(floor(date_diff('day', ${A_SUNDAY}, ${b}) / 7.0) - floor(date_diff('day', ${A_SUNDAY}, ${a}) / 7.0))`;
  else if (part === 'dayofyear' || part === 'weekday') count = `date_diff('day', ${a}, ${b})`;
  else if (part === 'nanosecond') count = `(date_diff('microsecond', ${a}, ${b}) * 1000)`;
  else count = `date_diff('${part}', ${a}, ${b})`;
  return `__tsql_datediff_int(${count})`;
}
