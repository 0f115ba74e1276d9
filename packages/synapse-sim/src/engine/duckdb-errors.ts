// Maps DuckDB error messages to the SQL Server error a T-SQL client would see. One place for this mapping.
// No DuckDB text reaches a client: a message with no rule becomes a fixed T-SQL-style message, and DuckDB's own
// text stays on the error's `cause` for whoever debugs the engine.
import { SqlServerError } from '../contract.js';
import {
  arithmeticOverflow, conversionFailed, dateaddOverflow, datediffOverflow, datetimeOutOfRange, deadlockVictim, divideByZero, genericError,
  invalidColumnName, invalidObjectName, nullNotAllowed, objectExists, parseError, stringTruncated, temporalConversionFailed,
  uniqueidentifierFromString, unmappedFailure,
} from '../errors.js';

/** The marker the __tsql_str/__tsql_bin macros raise (see session-setup.ts). */
export const TRUNCATION_MARKER = 'synapse-sim:8152';
/** The markers the temporal macros raise (temporal-storage.ts): text that is no date/time, and a value past 9999-12-31. */
export const TEMPORAL_CONVERSION_MARKER = 'synapse-sim:241';
export const TEMPORAL_RANGE_MARKER = 'synapse-sim:242';
/** The marker the divisor guard raises for a zero divisor (see session-setup.ts). */
export const DIVIDE_BY_ZERO_MARKER = 'synapse-sim:8134';
/** The marker DATEADD raises when its result leaves 0001-9999 (tsql-dates.ts), followed by the type name. */
export const DATEADD_OVERFLOW_MARKER = 'synapse-sim:517';
/** The marker the DATEDIFF macro raises when the count does not fit an int (see session-setup.ts). */
export const DATEDIFF_OVERFLOW_MARKER = 'synapse-sim:535';

/** DuckDB's names for the integer types, as T-SQL names them in a 245 message. */
const TSQL_TYPE_OF: Readonly<Record<string, string>> = {
  INT8: 'tinyint', UINT8: 'tinyint', INT16: 'smallint', INT32: 'int', INT64: 'bigint', BOOL: 'bit', UUID: 'uniqueidentifier',
};

const RULES: readonly (readonly [RegExp, (m: RegExpMatchArray) => SqlServerError])[] = [
  [new RegExp(TRUNCATION_MARKER), () => stringTruncated()],
  [new RegExp(TEMPORAL_CONVERSION_MARKER), () => temporalConversionFailed()],
  [new RegExp(`${TEMPORAL_RANGE_MARKER}:(\\w+)`), (m) => datetimeOutOfRange(m[1] ?? 'datetime2')],
  [new RegExp(DATEDIFF_OVERFLOW_MARKER), () => datediffOverflow()],
  [new RegExp(`${DATEADD_OVERFLOW_MARKER}:(\\w+)`), (m) => dateaddOverflow(m[1] ?? 'datetime2')],
  [new RegExp(DIVIDE_BY_ZERO_MARKER), () => divideByZero()],
  [/Conversion Error: (?:date|time|timestamp)\w* field value out of range/i, () => temporalConversionFailed()],
  [/Could not convert string '[^']*' to INT128/i, () => uniqueidentifierFromString()], // DuckDB parses UUIDs as INT128
  [/Conversion Error:.*(out of range|overflow)/is, () => arithmeticOverflow()],
  [/Conversion Error: Could not cast value \S+ to DECIMAL/i, () => arithmeticOverflow()],
  [/Out of Range Error/i, () => arithmeticOverflow()],
  [/Could not convert string '[^']*' to (\w+)/i, (m) => conversionFailed(TSQL_TYPE_OF[m[1] ?? ''] ?? (m[1] ?? '').toLowerCase())],
  [/Conversion Error:/i, () => conversionFailed()],
  // The translator refuses names T-SQL lacks (tsql-builtins.ts); a T-SQL built-in DuckDB lacks is the sim's gap.
  [/(?:Scalar |Aggregate |Table )?Function with name "?([^"\s!]+)"? does not exist/i, (m) => genericError(`synapse-sim does not support the built-in function ${(m[1] ?? '').toUpperCase()}.`)],
  [/Table with name "?([^"\s!]+)"? does not exist/i, (m) => invalidObjectName(m[1] ?? '')],
  [/Referenced column "?([^"\s]+?)"? not found/i, (m) => invalidColumnName(m[1] ?? '')],
  [/does not have a column (?:named|with name) "([^"]+)"/i, (m) => invalidColumnName(m[1] ?? '')],
  [/NOT NULL constraint failed: (\S+)/i, (m) => nullNotAllowed(`'${m[1] ?? ''}'`)],
  [/with name "?([^"\s]+?)"? already exists/i, (m) => objectExists(m[1] ?? '')],
  [/write-write conflict|Conflict on tuple|conflict on update/i, () => deadlockVictim('?')],
  [/Parser Error: syntax error at or near "([^"]*)"/i, (m) => parseError(m[1] ?? '')],
  [/Parser Error: syntax error at end of input/i, () => parseError('end of statement')],
];

/** `statement` is the T-SQL text that failed; an unmapped failure names it instead of quoting DuckDB. */
export function mapDuckdbError(e: unknown, statement?: string): SqlServerError {
  if (e instanceof SqlServerError) return e;
  const message = e instanceof Error ? e.message : String(e);
  for (const [re, make] of RULES) {
    const m = message.match(re);
    if (m !== null) return Object.assign(make(m), { cause: e });
  }
  // A COPY INTO's text carries its CREDENTIAL secret: name the statement kind only.
  const where = statement === undefined ? '' : /^\s*COPY\b/i.test(statement) ? ': COPY INTO' : `: ${statement}`;
  return Object.assign(unmappedFailure(`synapse-sim could not run the statement (its engine failed with no T-SQL equivalent)${where}`), { cause: e });
}
