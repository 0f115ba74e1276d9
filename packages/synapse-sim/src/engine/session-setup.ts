// Per-connection DuckDB setup: UTC time zone, the dbo default schema, and the guard macros for truncation.
import { TRUNCATION_MARKER } from './duckdb-errors.js';
import { duckIdent } from './lexer.js';
import { DEFAULT_SCHEMA } from './names.js';

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
];
