// Every error COPY INTO raises, as Synapse numbers and words it. Sources beside each constant.
import { SqlServerError } from '../contract.js';

/**
 * "Parse error at line: %d, column: %d: Incorrect syntax near '%s'." — the dedicated pool's parser error
 * (seen verbatim from a dedicated pool in github.com/t8y2/dbx/issues/8027: "Parse error at line: 1, column: 22:
 * Incorrect syntax near 'stmt'. ... (code: 103010, state: 1, class: 16)").
 */
export const PARSE_ERROR = 103010;
/**
 * "COPY statement failed with the following error when validating value of option '%s':
 * '105200;COPY statement failed because the value for option '%s' is invalid.'"
 * Source: MicrosoftDocs/azure-docs articles/data-factory/connector-troubleshoot-synapse-sql.md, "Error code: Msg 105208".
 */
export const OPTION_VALIDATION_FAILED = 105208;
export const OPTION_VALUE_INVALID = 105200;
/**
 * "COPY statement failed because non nullable column '%s' cannot have the NULL value as its default."
 * Source: github.com/solliancenet/azure-synapse-analytics-workshop-400/issues/17 (SqlErrorNumber=105211).
 */
export const NON_NULLABLE_COLUMN_DEFAULT_NULL = 105211;
/**
 * "Not able to validate external location because The remote server returned an error: (%d) %s."
 * Source: github.com/Azure/feast-azure/issues/73 ("... (409) Conflict. (105215)"); the (403) Forbidden and
 * (401) Unauthorized forms: github.com/MicrosoftDocs/azure-docs/issues/79775 and /issues/85853.
 */
export const EXTERNAL_LOCATION_NOT_VALID = 105215;
/** SQL Server bulk-load messages (sys.messages), from learn.microsoft.com/sql/relational-databases/errors-events/database-engine-events-and-errors-4000-to-4999. */
export const BULK_TRUNCATION = 4863;
export const BULK_TYPE_MISMATCH = 4864;
export const BULK_OVERFLOW = 4867;
export const BULK_UNEXPECTED_NULL = 4869;
/**
 * "Bulk load failed due to invalid column value in CSV data file %ls in row %d, column %d." — what COPY reports for
 * a malformed CSV row (github.com/MicrosoftDocs/sql-docs/issues/4535, a Synapse COPY INTO with FIRSTROW = 2).
 */
export const BULK_INVALID_CSV_VALUE = 4879;
/** "Invalid column name '%.*ls'." (sys.messages 207). */
export const INVALID_COLUMN_NAME = 207;

/** HTTP reason phrases as .NET prints them in the 105215 message (RFC 9110 section 15). */
const REASON_PHRASES: Readonly<Record<number, string>> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  412: 'Precondition Failed', 416: 'Range Not Satisfiable', 500: 'Internal Server Error', 503: 'Server Unavailable',
};

export function parseError(line: number, column: number, near: string): SqlServerError {
  return new SqlServerError(PARSE_ERROR, `Parse error at line: ${line}, column: ${column}: Incorrect syntax near '${near}'.`);
}

export function invalidOption(option: string, detail?: string): SqlServerError {
  const inner = `${OPTION_VALUE_INVALID};COPY statement failed because the value for option '${option}' is invalid.`;
  const suffix = detail === undefined ? '' : ` ${detail}`;
  return new SqlServerError(
    OPTION_VALIDATION_FAILED,
    `COPY statement failed with the following error when validating value of option '${option}': '${inner}'${suffix}`,
  );
}

export function nonNullableWithoutDefault(column: string): SqlServerError {
  return new SqlServerError(
    NON_NULLABLE_COLUMN_DEFAULT_NULL,
    `COPY statement failed because non nullable column '${column}' cannot have the NULL value as its default.`,
  );
}

export function externalLocationError(status: number): SqlServerError {
  const phrase = REASON_PHRASES[status] ?? 'Error';
  return new SqlServerError(
    EXTERNAL_LOCATION_NOT_VALID,
    `Not able to validate external location because The remote server returned an error: (${status}) ${phrase}.`,
  );
}

export function invalidColumnName(column: string): SqlServerError {
  return new SqlServerError(INVALID_COLUMN_NAME, `Invalid column name '${column}'.`);
}

/** A rejected row's message. Synapse adds the data file to the SQL Server wording ("... in data file [filepath]"). */
export function rowErrorMessage(
  kind: 'truncation' | 'mismatch' | 'overflow', row: number, column: number, columnName: string, file: string,
): string {
  const what = kind === 'mismatch' ? 'type mismatch or invalid character for the specified codepage' : kind;
  return `Bulk load data conversion error (${what}) for row ${row}, column ${column} (${columnName}) in data file ${file}.`;
}

export function unexpectedNullMessage(row: number, column: number, columnName: string): string {
  return `The bulk load failed. Unexpected NULL value in data file row ${row}, column ${column}. The destination column (${columnName}) is defined as NOT NULL.`;
}

export function invalidCsvMessage(file: string, row: number, column: number): string {
  return `Bulk load failed due to invalid column value in CSV data file ${file} in row ${row}, column ${column}.`;
}

/** A rejected row's error as the loader carries it through DuckDB and the normalized CSV: "<number>|<message>". */
export function formatRowError(number: number, message: string): string {
  return `${number}|${message}`;
}

/** Reads formatRowError's text back into the error the statement fails with. */
export function parseRowError(text: string): SqlServerError {
  const bar = text.indexOf('|');
  const number = Number(text.slice(0, bar));
  if (bar < 1 || !Number.isInteger(number)) throw new Error(`COPY INTO: malformed row error ${JSON.stringify(text)}`);
  return new SqlServerError(number, text.slice(bar + 1));
}

/** An error the simulator raises for something real Synapse accepts but this stand-in does not emulate. */
export function notEmulated(what: string): SqlServerError {
  return new SqlServerError(OPTION_VALIDATION_FAILED, `synapse-sim does not emulate ${what} in COPY INTO.`);
}
