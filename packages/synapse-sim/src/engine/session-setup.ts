// Per-connection DuckDB setup: UTC time zone, the dbo default schema, the guard macros for truncation, the
// database collation (collation.ts) and the datetime2/datetimeoffset conversions (temporal-storage.ts).
import { COLLATION_SETUP_SQL } from './collation.js';
import { TRUNCATION_MARKER } from './duckdb-errors.js';
import { duckIdent } from './lexer.js';
import { DEFAULT_SCHEMA } from './names.js';
import { TEMPORAL_MACROS } from './temporal-storage.js';

/** Run once per database. */
export const DATABASE_SETUP_SQL = `CREATE SCHEMA IF NOT EXISTS ${duckIdent(DEFAULT_SCHEMA)}`;

/** Run once per connection (session). */
export const SESSION_SETUP_SQL: readonly string[] = [
  "SET TimeZone = 'UTC'",
  `SET search_path = '${DEFAULT_SCHEMA}'`,
  `CREATE OR REPLACE TEMP MACRO __tsql_str(v, n) AS CASE WHEN length(CAST(v AS VARCHAR)) > n THEN error('${TRUNCATION_MARKER}') ELSE v END`,
  `CREATE OR REPLACE TEMP MACRO __tsql_bin(v, n) AS CASE WHEN octet_length(v) > n THEN error('${TRUNCATION_MARKER}') ELSE v END`,
  ...COLLATION_SETUP_SQL,
  ...TEMPORAL_MACROS,
];
