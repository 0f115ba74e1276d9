// Per-connection DuckDB setup: UTC time zone, the dbo default schema, the guard macros for truncation, the
// database collation (collation.ts), the datetime2/datetimeoffset conversions (temporal-storage.ts) and T-SQL
// built-ins (tsql-functions.ts, tsql-dates.ts).
import { COLLATION_SETUP_SQL } from './collation.js';
import { DATEDIFF_OVERFLOW_MARKER, DIVIDE_BY_ZERO_MARKER, TRUNCATION_MARKER } from './duckdb-errors.js';
import { duckIdent } from './lexer.js';
import { DEFAULT_SCHEMA } from './names.js';
import { TEMPORAL_MACROS } from './temporal-storage.js';
import { DATE_FUNCTION_MACROS } from './tsql-dates.js';

/** Run once per database. */
export const DATABASE_SETUP_SQL = `CREATE SCHEMA IF NOT EXISTS ${duckIdent(DEFAULT_SCHEMA)}`;

/** Run once per connection (session). */
export const SESSION_SETUP_SQL: readonly string[] = [
  "SET TimeZone = 'UTC'",
  `SET search_path = '${DEFAULT_SCHEMA}'`,
  // T-SQL: "If an integer dividend is divided by an integer divisor, the result is an integer that has any fractional
  // part of the result truncated" (/ (Division) (Transact-SQL)). DuckDB's `/` is floating point unless told.
  'SET integer_division = true',
  // T-SQL: "Null values are treated as the lowest possible values" (SELECT - ORDER BY Clause): first ASC, last DESC.
  "SET default_null_order = 'nulls_first_on_asc_last_on_desc'",
  `CREATE OR REPLACE TEMP MACRO __tsql_str(v, n) AS CASE WHEN length(CAST(v AS VARCHAR)) > n THEN error('${TRUNCATION_MARKER}') ELSE v END`,
  `CREATE OR REPLACE TEMP MACRO __tsql_bin(v, n) AS CASE WHEN octet_length(v) > n THEN error('${TRUNCATION_MARKER}') ELSE v END`,
  ...COLLATION_SETUP_SQL,
  ...TEMPORAL_MACROS,
  ...DATE_FUNCTION_MACROS,
  // T-SQL built-ins (tsql-functions.ts, tsql-dates.ts).
  'CREATE OR REPLACE TEMP MACRO __tsql_char(n) AS CASE WHEN n BETWEEN 0 AND 255 THEN chr(CAST(n AS INTEGER)) END',
  "CREATE OR REPLACE TEMP MACRO __tsql_blank_zero(v) AS CASE WHEN trim(v) = '' THEN '0' ELSE trim(v) END",
  'CREATE OR REPLACE TEMP MACRO __tsql_quotename(s, o, c) AS CASE WHEN length(s) > 128 THEN NULL ELSE o || replace(s, c, c || c) || c END',
  "CREATE OR REPLACE TEMP MACRO __tsql_utf16_bytes(s) AS 2 * (length(s) + length(regexp_replace(s, '[^\\x{10000}-\\x{10FFFF}]', '', 'g')))",
  `CREATE OR REPLACE TEMP MACRO __tsql_divisor(x) AS CASE WHEN x = 0 THEN error('${DIVIDE_BY_ZERO_MARKER}') ELSE x END`,
  `CREATE OR REPLACE TEMP MACRO __tsql_datediff_int(x) AS CASE WHEN x NOT BETWEEN -2147483648 AND 2147483647 THEN error('${DATEDIFF_OVERFLOW_MARKER}') ELSE CAST(x AS INTEGER) END`,
];
