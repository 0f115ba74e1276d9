// DATEADD and DATEDIFF with T-SQL semantics, in one place so a change of the date storage types only touches this
// file. DATEADD(datepart, number, date): https://learn.microsoft.com/sql/t-sql/functions/dateadd-transact-sql
// DATEDIFF(datepart, startdate, enddate) "returns the count ... of the specified datepart boundaries crossed":
// https://learn.microsoft.com/sql/t-sql/functions/datediff-transact-sql
import type { TsqlType } from '../contract.js';
import { datepartNotSupported, genericError, parseError, unknownDatepart } from '../errors.js';
import { isStringTsqlType } from './expr-types.js';
import type { Token } from './lexer.js';
import { DATEADD_OVERFLOW_MARKER } from './duckdb-errors.js';
import { MAX_TICKS } from './temporal-storage.js';
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
/** Tick 0 of the datetime2/datetimeoffset storage (temporal-storage.ts). */
const TICK_EPOCH = "TIMESTAMP '0001-01-01'";
// BIGINT: an INTEGER offset times an INTEGER constant would overflow in DuckDB.
const TICKS_PER_MINUTE = "CAST(600000000 AS BIGINT)";

/**
 * datetime2 and datetimeoffset are stored as 100 ns ticks (temporal-storage.ts). Date arithmetic runs on DuckDB's
 * microsecond TIMESTAMP (which spans 0001-9999 and more) and carries the tick below a microsecond apart; a result
 * outside 0001-01-01..9999-12-31 is 517, as SQL Server raises for DATEADD.
 */
export const DATE_FUNCTION_MACROS: readonly string[] = [
  `CREATE OR REPLACE TEMP MACRO __tsql_ticks_ts(t) AS ${TICK_EPOCH} + to_microseconds(CAST(t // 10 AS BIGINT))`,
  `CREATE OR REPLACE TEMP MACRO __tsql_ts_ticks(ts, t) AS date_diff('microsecond', ${TICK_EPOCH}, ts) * 10 + CAST(t % 10 AS BIGINT)`,
  `CREATE OR REPLACE TEMP MACRO __tsql_add_checked(t, ty) AS CASE WHEN t < 0 OR t > ${MAX_TICKS} THEN error('${DATEADD_OVERFLOW_MARKER}:' || ty) ELSE t END`,
  `CREATE OR REPLACE TEMP MACRO __tsql_dto_local(v) AS __tsql_dto_utc(v) + __tsql_dto_off(v) * ${TICKS_PER_MINUTE}`,
];

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
  if (type.name === 'datetime2') {
    const ticks = `CAST(${date.sql} AS BIGINT)`;
    return `CAST(__tsql_add_checked(__tsql_ts_ticks(__tsql_ticks_ts(${ticks}) + ${interval(part, n)}, ${ticks}), 'datetime2') AS ${toDuckdbType(type)})`;
  }
  if (type.name === 'datetimeoffset') {
    // The local (wall-clock) time moves, the offset stays: DATEADD(day, 1, '2024-03-30 12:00 +01:00') is 2024-03-31 12:00 +01:00.
    const local = `__tsql_dto_local(${date.sql})`;
    const utc = `__tsql_ts_ticks(__tsql_ticks_ts(${local}) + ${interval(part, n)}, ${local}) - __tsql_dto_off(${date.sql}) * ${TICKS_PER_MINUTE}`;
    return `(CAST(__tsql_dto_enc(__tsql_add_checked(${utc}, 'datetimeoffset'), __tsql_dto_off(${date.sql})) AS VARCHAR) COLLATE NOCASE)`;
  }
  const base = type.name === 'date' || date.literal || isStringTsqlType(date.type) ? `CAST(${date.sql} AS TIMESTAMP)` : date.sql;
  return `CAST(${base} + ${interval(part, n)} AS ${toDuckdbType(type)})`;
}

function asTimestamp(arg: DateArgument): string {
  if (arg.type?.name === 'time') return `CAST(${TIME_BASE_DATE} + CAST(${arg.sql} AS TIME) AS TIMESTAMP)`;
  if (arg.type !== undefined && !isStringTsqlType(arg.type) && !['date', 'datetime', 'datetime2', 'datetimeoffset'].includes(arg.type.name)) {
    throw genericError(`synapse-sim supports DATEDIFF over date and time values only, not ${renderTsqlType(arg.type)}.`);
  }
  // DATEDIFF over datetimeoffset compares UTC instants; the tick below a microsecond is not counted.
  if (arg.type?.name === 'datetime2') return `__tsql_ticks_ts(CAST(${arg.sql} AS BIGINT))`;
  if (arg.type?.name === 'datetimeoffset') return `__tsql_ticks_ts(__tsql_dto_utc(${arg.sql}))`;
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
