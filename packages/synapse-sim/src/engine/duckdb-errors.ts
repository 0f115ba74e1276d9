// Maps DuckDB error messages to the SQL Server error a T-SQL client would see. One place for this mapping.
import { SqlServerError } from '../contract.js';
import {
  arithmeticOverflow, conversionFailed, datetimeOutOfRange, deadlockVictim, invalidColumnName, invalidObjectName, nullNotAllowed,
  objectExists, stringTruncated, temporalConversionFailed, unmappedFailure,
} from '../errors.js';

/** The marker the __tsql_str/__tsql_bin macros raise (see session-setup.ts). */
export const TRUNCATION_MARKER = 'synapse-sim:8152';
/** The markers the temporal macros raise (temporal-storage.ts): text that is no date/time, and a value past 9999-12-31. */
export const TEMPORAL_CONVERSION_MARKER = 'synapse-sim:241';
export const TEMPORAL_RANGE_MARKER = 'synapse-sim:242';

const RULES: readonly (readonly [RegExp, (m: RegExpMatchArray) => SqlServerError])[] = [
  [new RegExp(TRUNCATION_MARKER), () => stringTruncated()],
  [new RegExp(TEMPORAL_CONVERSION_MARKER), () => temporalConversionFailed()],
  [new RegExp(`${TEMPORAL_RANGE_MARKER}:(\\w+)`), (m) => datetimeOutOfRange(m[1] ?? 'datetime2')],
  [/Conversion Error:.*(out of range|overflow)/is, () => arithmeticOverflow()],
  [/Conversion Error: Could not cast value \S+ to DECIMAL/i, () => arithmeticOverflow()],
  [/Out of Range Error/i, () => arithmeticOverflow()],
  [/Conversion Error: (.*)/i, (m) => conversionFailed((m[1] ?? '').split('\n')[0] ?? '')],
  [/Table with name "?([^"\s!]+)"? does not exist/i, (m) => invalidObjectName(m[1] ?? '')],
  [/Referenced column "?([^"\s]+?)"? not found/i, (m) => invalidColumnName(m[1] ?? '')],
  [/does not have a column (?:named|with name) "([^"]+)"/i, (m) => invalidColumnName(m[1] ?? '')],
  [/NOT NULL constraint failed: (\S+)/i, (m) => nullNotAllowed(`'${m[1] ?? ''}'`)],
  [/with name "?([^"\s]+?)"? already exists/i, (m) => objectExists(m[1] ?? '')],
  [/write-write conflict|Conflict on tuple|conflict on update/i, () => deadlockVictim('?')],
];

export function mapDuckdbError(e: unknown): SqlServerError {
  if (e instanceof SqlServerError) return e;
  const message = e instanceof Error ? e.message : String(e);
  for (const [re, make] of RULES) {
    const m = message.match(re);
    if (m !== null) return make(m);
  }
  return unmappedFailure(message.split('\n')[0] ?? message);
}
