// Every error synapse-sim raises (engine, COPY INTO, TDS), by number, with the source of its number and text. Each
// number is defined here once, with one message builder; nothing else constructs a SqlServerError
// (test/errors.test.ts checks). No builder echoes a string literal's text: a literal may be a secret.
// SQL Server message catalogue: https://learn.microsoft.com/sql/relational-databases/errors-events/database-engine-events-and-errors
// Synapse transactions: https://learn.microsoft.com/azure/synapse-analytics/sql-data-warehouse/sql-data-warehouse-develop-transactions
import { SqlServerError } from './contract.js';

/** Invalid object name. SQL Server catalogue, 208. */
export const INVALID_OBJECT_NAME = 208;
/** Invalid column name. SQL Server catalogue, 207. */
export const INVALID_COLUMN_NAME = 207;
/** Identifier too long. SQL Server catalogue, 103. */
export const IDENTIFIER_TOO_LONG = 103;
/** Object name too long (used for #temp names over 116 characters). SQL Server catalogue, 193. */
export const OBJECT_NAME_TOO_LONG = 193;
/** Too many columns. SQL Server catalogue, 1702. */
export const TOO_MANY_COLUMNS = 1702;
/** Statement not allowed within a multi-statement transaction. SQL Server catalogue, 574; Synapse's own number is unverified. */
export const NOT_ALLOWED_IN_TRANSACTION = 574;
/** Cannot insert NULL into a NOT NULL column. SQL Server catalogue, 515. */
export const NULL_NOT_ALLOWED = 515;
/** There is already an object named ... SQL Server catalogue, 2714. */
export const OBJECT_EXISTS = 2714;
/** Deadlock victim. SQL Server catalogue, 1205; used for DuckDB's optimistic write-write conflicts, where Synapse would block. */
export const DEADLOCK_VICTIM = 1205;
/** Arithmetic overflow. SQL Server catalogue, 8115. */
export const ARITHMETIC_OVERFLOW = 8115;
/** Out-of-range datetime conversion. SQL Server catalogue, 242. */
export const DATETIME_OUT_OF_RANGE = 242;
/** "Conversion failed when converting date and/or time from character string." SQL Server catalogue, 241. */
export const DATETIME_CONVERSION_FAILED = 241;
/** Conversion failed. SQL Server catalogue, 245. */
export const CONVERSION_FAILED = 245;
/** String or binary data would be truncated. SQL Server catalogue, 8152. */
export const STRING_TRUNCATED = 8152;
/** MERGE must end with ';'. SQL Server catalogue, 10713; research/synapse.md 1.8. */
export const MERGE_NOT_TERMINATED = 10713;
/** A column type that cannot be in a columnstore index. research/synapse.md 1.4 (dbt-synapse#56, sql-docs#9603). */
export const COLUMNSTORE_TYPE = 35343;
/**
 * Synapse (PDW) parse error: "Parse error at line: %d, column: %d: Incorrect syntax near '%s'." Seen as "Msg 103010 ...
 * Parse error at line" in amachanic/sp_whoisactive#90, and verbatim from a dedicated pool in
 * github.com/t8y2/dbx/issues/8027 ("Parse error at line: 1, column: 22: Incorrect syntax near 'stmt'. ... (code: 103010)").
 */
export const PARSE_ERROR = 103010;
/**
 * MERGE ... WHEN NOT MATCHED into a non-HASH table. Text verbatim from a dbt-synapse user report
 * (paulomoralescastillo.com/snapshot-hash-table); the number is unverified.
 */
export const MERGE_INSERT_NEEDS_HASH = 100087;
/** Doomed transaction. Synapse develop-transactions doc, "Transaction state". */
export const TRANSACTION_DOOMED = 111233;
/** Rollback with no transaction. research/synapse.md 1.7 (sqlalchemy/sqlalchemy#8231). */
export const NO_CORRESPONDING_TRANSACTION = 111214;
/** Service busy (throttling). https://learn.microsoft.com/azure/azure-sql/database/troubleshoot-common-errors-issues */
export const SERVICE_BUSY = 40501;
/** Unknown function. SQL Server catalogue, 195: "'%.*ls' is not a recognized %S_MSG." (built-in function name). */
export const UNKNOWN_FUNCTION = 195;
/** Decimal precision over 38. SQL Server catalogue, 2750. */
export const PRECISION_TOO_LARGE = 2750;
/** Decimal scale over its precision. SQL Server catalogue, 2751. */
export const SCALE_OVER_PRECISION = 2751;
/** Fractional-seconds scale over 7 (time/datetime2/datetimeoffset(n)). SQL Server catalogue, 1002. */
export const INVALID_SCALE = 1002;
/**
 * A MERGE target row matched by more than one source row. SQL Server catalogue, 8672; MERGE (Transact-SQL): "If the
 * UPDATE clause is specified in the <merge_matched> clause, and more than one row of <table_source> matches a row in
 * target_table based on <merge_search_condition>, SQL Server returns an error."
 */
export const MERGE_DUPLICATE_MATCH = 8672;
/** ALTER TABLE ADD of a NOT NULL column without a default to a table with rows. SQL Server catalogue, 4901. */
export const ADD_NOT_NULL_TO_NONEMPTY = 4901;
/**
 * USE naming another database. USE (Transact-SQL): "If a database other than the current database is provided, the
 * USE statement doesn't switch between databases, and error code 40508 is returned" (Azure SQL Database); the text
 * is the one Azure's gateway sends (e.g. sqlalchemy and pyodbc reports of 40508).
 */
export const USE_OTHER_DATABASE = 40508;
/** DATEADD result outside the type's range. SQL Server catalogue, 517: "Adding a value to a '%ls' column caused an overflow." */
export const DATEADD_OVERFLOW = 517;
/** DATEDIFF result outside int. SQL Server catalogue, 535. */
export const DATEDIFF_OVERFLOW = 535;
/** An unknown datepart name. SQL Server catalogue, 155. */
export const UNKNOWN_DATEPART = 155;
/** A datepart the date type has not (DATEADD(hour, 1, <date>)). SQL Server catalogue, 9810. */
export const DATEPART_NOT_SUPPORTED = 9810;
/** DROP SCHEMA of a schema that still has objects. SQL Server catalogue, 3729. */
export const SCHEMA_IN_USE = 3729;
/** DROP SCHEMA of a schema that does not exist. SQL Server catalogue, 15151. */
export const CANNOT_DROP_SCHEMA = 15151;
/** Bad uniqueidentifier text. SQL Server catalogue, 8169. */
export const UNIQUEIDENTIFIER_FROM_STRING = 8169;
/** DROP SCHEMA of a system schema (dbo). SQL Server catalogue, 3708. */
export const SYSTEM_SCHEMA = 3708;
/** Divide by zero. SQL Server catalogue, 8134. */
export const DIVIDE_BY_ZERO = 8134;
/**
 * RAISERROR's fixed number; used for engine failures with no better T-SQL number and for requests the simulator does
 * not implement (the user-defined range, never a real system message). Synapse develop-transactions doc.
 */
export const GENERIC_ERROR = 50000;
/** The size given to a column exceeds the maximum. SQL Server catalogue, 131. */
export const SIZE_EXCEEDS_MAXIMUM = 131;
/** Must declare the scalar variable. SQL Server catalogue, 137. */
export const UNDECLARED_VARIABLE = 137;
/** Column names in each table must be unique. SQL Server catalogue, 2705. */
export const DUPLICATE_COLUMN = 2705;
/** Schema does not exist. SQL Server catalogue, 2760. */
export const SCHEMA_MISSING = 2760;
/** ALTER COLUMN of a column that does not exist. SQL Server catalogue, 4924. */
export const ALTER_COLUMN_MISSING = 4924;
/** Cannot drop a table that does not exist. SQL Server catalogue, 3701. */
export const CANNOT_DROP = 3701;

// TDS front end.
/** Login failure, https://learn.microsoft.com/sql/relational-databases/errors-events/mssqlserver-18456-database-engine-error */
export const LOGIN_FAILED = 18456;
const LOGIN_FAILED_SEVERITY = 14;
/** "Cannot open database requested by the login", https://learn.microsoft.com/sql/relational-databases/errors-events/mssqlserver-4060-database-engine-error */
export const CANNOT_OPEN_DATABASE = 4060;
const CANNOT_OPEN_DATABASE_SEVERITY = 11;
/** A missing procedure and a missing argument (sys.messages 2812, 201). */
export const PROCEDURE_NOT_FOUND = 2812;
export const MISSING_ARGUMENT = 201;

// COPY INTO.
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

const err = (n: number, text: string, severity = 16): SqlServerError => new SqlServerError(n, text, severity);

export const invalidObjectName = (name: string): SqlServerError => err(INVALID_OBJECT_NAME, `Invalid object name '${name}'.`);
export const invalidColumnName = (name: string): SqlServerError => err(INVALID_COLUMN_NAME, `Invalid column name '${name}'.`);
export const identifierTooLong = (name: string, max: number): SqlServerError =>
  err(IDENTIFIER_TOO_LONG, `The identifier that starts with '${name.slice(0, 128)}' is too long. Maximum length is ${max}.`, 15);
export const tempNameTooLong = (name: string, max: number): SqlServerError =>
  err(OBJECT_NAME_TOO_LONG, `The object or column name starting with '${name.slice(0, 128)}' is too long. The maximum length is ${max} characters.`, 15);
export const tooManyColumns = (column: string, table: string, max: number): SqlServerError =>
  err(TOO_MANY_COLUMNS, `CREATE TABLE failed because column '${column}' in table '${table}' exceeds the maximum of ${max} columns.`);
export const notAllowedInTransaction = (statement: string): SqlServerError =>
  err(NOT_ALLOWED_IN_TRANSACTION, `${statement} statement not allowed within multi-statement transaction.`);
export const nullNotAllowed = (detail: string): SqlServerError =>
  err(NULL_NOT_ALLOWED, `Cannot insert the value NULL into column ${detail}; column does not allow nulls.`);
export const objectExists = (name: string): SqlServerError =>
  err(OBJECT_EXISTS, `There is already an object named '${name}' in the database.`);
export const deadlockVictim = (spid: number | string): SqlServerError =>
  err(DEADLOCK_VICTIM, `Transaction (Process ID ${spid}) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.`, 13);
export const arithmeticOverflow = (): SqlServerError =>
  err(ARITHMETIC_OVERFLOW, 'Arithmetic overflow error converting numeric to data type numeric.');
export const datetimeOutOfRange = (type: string): SqlServerError =>
  err(DATETIME_OUT_OF_RANGE, `The conversion of a varchar data type to a ${type} data type resulted in an out-of-range value.`);
export const temporalConversionFailed = (): SqlServerError =>
  err(DATETIME_CONVERSION_FAILED, 'Conversion failed when converting date and/or time from character string.');
/** detail is DuckDB's text, which quotes the value it could not convert: the value is masked. */
/** SQL Server quotes the value; the stand-in never does (it may be a secret), and without a type it names none. */
export const conversionFailed = (tsqlType?: string): SqlServerError =>
  err(CONVERSION_FAILED, tsqlType === undefined
    ? 'Conversion failed when converting a value to the target data type.'
    : `Conversion failed when converting the nvarchar value '...' to data type ${tsqlType}.`);
export const stringTruncated = (): SqlServerError => err(STRING_TRUNCATED, 'String or binary data would be truncated.');
export const mergeNotTerminated = (): SqlServerError =>
  err(MERGE_NOT_TERMINATED, 'A MERGE statement must be terminated by a semi-colon (;).', 15);
export const columnstoreType = (column: string): SqlServerError =>
  err(COLUMNSTORE_TYPE, `The statement failed. Column '${column}' has a data type that cannot participate in a columnstore index. Omit column '${column}'.`);
/** A string literal is shown only as its opening quote (`'` or `N'`): it may be a CREDENTIAL secret. */
export const parseError = (near: string, line = 1, column = 1): SqlServerError =>
  err(PARSE_ERROR, `Parse error at line: ${line}, column: ${column}: Incorrect syntax near '${near.match(/^N?'/i)?.[0] ?? near}'.`);
/** parseError at an offset of a statement's text, with 1-based line and column as Synapse prints them. */
export function parseErrorAt(text: string, offset: number): SqlServerError {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return parseError(text.slice(offset).match(/^N?'|^[^\s']{1,30}/i)?.[0] ?? '', line, column);
}
/** head must come from statementHead (lexer.ts), which masks string literals. */
export const unsupportedStatement = (head: string): SqlServerError =>
  err(PARSE_ERROR, `synapse-sim does not support this statement shape: ${head}`);
export const mergeInsertNeedsHash = (): SqlServerError =>
  err(MERGE_INSERT_NEEDS_HASH, 'Merge statements with a WHEN NOT MATCHED [BY TARGET] clause must target a hash distributed table.');
export const transactionDoomed = (): SqlServerError =>
  err(TRANSACTION_DOOMED, '111233;The current transaction has aborted, and any pending changes have been rolled back. Cause: A transaction in a rollback-only state was not explicitly rolled back before a DDL, DML or SELECT statement.');
export const noCorrespondingTransaction = (): SqlServerError =>
  err(NO_CORRESPONDING_TRANSACTION, '111214;An attempt to complete a transaction has failed. No corresponding transaction found.');
export const serviceBusy = (n: number, incident: string): SqlServerError =>
  err(n, `The service is currently busy. Retry the request after 10 seconds. Incident ID: ${incident}. Code: ${n}.`, 20);
export const genericError = (message: string): SqlServerError => err(GENERIC_ERROR, message);
/** A DuckDB or internal failure with no T-SQL mapping; its text may quote statement values, so they are masked. */
export const unmappedFailure = (message: string): SqlServerError => err(GENERIC_ERROR, maskQuoted(message));
export const internalError = (reason: string): SqlServerError => err(GENERIC_ERROR, `synapse-sim internal error: ${maskQuoted(reason)}`);
export const sizeExceedsMaximum = (column: string, size: number, max: number): SqlServerError =>
  err(SIZE_EXCEEDS_MAXIMUM, `The size (${size}) given to the column '${column}' exceeds the maximum allowed for any data type (${max}).`);
export const undeclaredVariable = (name: string): SqlServerError => err(UNDECLARED_VARIABLE, `Must declare the scalar variable "${name}".`, 15);
export const duplicateColumn = (column: string, table: string): SqlServerError =>
  err(DUPLICATE_COLUMN, `Column names in each table must be unique. Column name '${column}' in table '${table}' is specified more than once.`);
export const schemaMissing = (schema: string): SqlServerError =>
  err(SCHEMA_MISSING, `The specified schema name "${schema}" either does not exist or you do not have permission to use it.`);
export const alterColumnMissing = (column: string, table: string): SqlServerError =>
  err(ALTER_COLUMN_MISSING, `ALTER TABLE ALTER COLUMN failed because column '${column}' does not exist in table '${table}'.`);
export const cannotDrop = (table: string): SqlServerError =>
  err(CANNOT_DROP, `Cannot drop the table '${table}', because it does not exist or you do not have permission.`);

/** Text between single quotes (a value DuckDB quotes back, which may be a secret) replaced by '...'. */
function maskQuoted(text: string): string {
  return text.replace(/'(?:[^']|'')*'?/g, "'...'");
}

export const loginFailed = (user: string): SqlServerError => err(LOGIN_FAILED, `Login failed for user '${user}'.`, LOGIN_FAILED_SEVERITY);
export const tdsVersionTooOld = (): SqlServerError =>
  err(LOGIN_FAILED, 'The client TDS version is older than 7.3, which this server requires.', LOGIN_FAILED_SEVERITY);
export const cannotOpenDatabase = (database: string): SqlServerError =>
  err(CANNOT_OPEN_DATABASE, `Cannot open database "${database}" requested by the login. The login failed.`, CANNOT_OPEN_DATABASE_SEVERITY);
export const procedureNotFound = (name: string): SqlServerError => err(PROCEDURE_NOT_FOUND, `Could not find stored procedure '${name}'.`);
export const missingArgument = (procedure: string, parameter: string): SqlServerError =>
  err(MISSING_ARGUMENT, `Procedure or function '${procedure}' expects parameter '${parameter}', which was not supplied.`);

// COPY INTO.
/** HTTP reason phrases as .NET prints them in the 105215 message (RFC 9110 section 15). */
const REASON_PHRASES: Readonly<Record<number, string>> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  412: 'Precondition Failed', 416: 'Range Not Satisfiable', 500: 'Internal Server Error', 503: 'Server Unavailable',
};

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
export const unknownFunction = (name: string): SqlServerError =>
  err(UNKNOWN_FUNCTION, `'${name}' is not a recognized built-in function name.`, 15);
export const precisionTooLarge = (ordinal: number, precision: number, max: number): SqlServerError =>
  err(PRECISION_TOO_LARGE, `Column or parameter #${ordinal}: Specified column precision ${precision} is greater than the maximum precision of ${max}.`);
export const scaleOverPrecision = (ordinal: number, scale: number, precision: number): SqlServerError =>
  err(SCALE_OVER_PRECISION, `Column or parameter #${ordinal}: Specified column scale ${scale} is greater than the specified precision of ${precision}.`);
export const invalidScale = (scale: number): SqlServerError => err(INVALID_SCALE, `Line 1: Specified scale ${scale} is invalid.`, 15);
export const mergeDuplicateMatch = (): SqlServerError =>
  err(MERGE_DUPLICATE_MATCH, 'The MERGE statement attempted to UPDATE or DELETE the same row more than once. This happens when a target row matches more than one source row. A MERGE statement cannot UPDATE/DELETE the same row of the target table multiple times. Refine the ON clause to ensure a target row matches at most one source row, or use the GROUP BY clause to group the source rows.');
export const addNotNullToNonEmpty = (column: string, table: string): SqlServerError =>
  err(ADD_NOT_NULL_TO_NONEMPTY, `ALTER TABLE only allows columns to be added that can contain nulls, or have a DEFAULT definition specified, or the column being added is an identity or timestamp column, or alternatively if none of the previous conditions are satisfied the table must be empty to allow addition of this column. Column '${column}' cannot be added to non-empty table '${table}' because it does not satisfy these conditions.`);
export const useOtherDatabase = (): SqlServerError =>
  err(USE_OTHER_DATABASE, 'USE statement is not supported to switch between databases. Use a new connection to connect to a different database.');
export const dateaddOverflow = (type: string): SqlServerError => err(DATEADD_OVERFLOW, `Adding a value to a '${type}' column caused an overflow.`);
export const datediffOverflow = (): SqlServerError =>
  err(DATEDIFF_OVERFLOW, 'The datediff function resulted in an overflow. The number of dateparts separating two date/time instances is too large. Try to use datediff with a less precise datepart.');
export const unknownDatepart = (part: string, fn: string): SqlServerError =>
  err(UNKNOWN_DATEPART, `'${part}' is not a recognized ${fn} option.`, 15);
export const datepartNotSupported = (part: string, fn: string, type: string): SqlServerError =>
  err(DATEPART_NOT_SUPPORTED, `The datepart ${part} is not supported by date function ${fn} for data type ${type}.`);
export const schemaInUse = (schema: string, object: string): SqlServerError =>
  err(SCHEMA_IN_USE, `Cannot drop schema '${schema}' because it is being referenced by object '${object}'.`);
export const cannotDropSchema = (schema: string): SqlServerError =>
  err(CANNOT_DROP_SCHEMA, `Cannot drop the schema '${schema}', because it does not exist or you do not have permission.`);
export const systemSchema = (schema: string): SqlServerError =>
  err(SYSTEM_SCHEMA, `Cannot drop the schema '${schema}' because it is a system schema.`);
export const divideByZero = (): SqlServerError => err(DIVIDE_BY_ZERO, 'Divide by zero error encountered.');
export const uniqueidentifierFromString = (): SqlServerError =>
  err(UNIQUEIDENTIFIER_FROM_STRING, 'Conversion failed when converting from a character string to uniqueidentifier.');
