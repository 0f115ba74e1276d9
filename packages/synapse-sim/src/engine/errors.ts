// Every error the engine raises, by number, with the source of its number and text.
// SQL Server message catalogue: https://learn.microsoft.com/sql/relational-databases/errors-events/database-engine-events-and-errors
// Synapse transactions: https://learn.microsoft.com/azure/synapse-analytics/sql-data-warehouse/sql-data-warehouse-develop-transactions
import { SqlServerError } from '../contract.js';

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
/** Conversion failed. SQL Server catalogue, 245. */
export const CONVERSION_FAILED = 245;
/** String or binary data would be truncated. SQL Server catalogue, 8152. */
export const STRING_TRUNCATED = 8152;
/** MERGE must end with ';'. SQL Server catalogue, 10713; research/synapse.md 1.8. */
export const MERGE_NOT_TERMINATED = 10713;
/** A column type that cannot be in a columnstore index. research/synapse.md 1.4 (dbt-synapse#56, sql-docs#9603). */
export const COLUMNSTORE_TYPE = 35343;
/** Synapse (PDW) parse error. Seen as "Msg 103010 ... Parse error at line" in amachanic/sp_whoisactive#90. */
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
/** Bad date/time text. SQL Server catalogue, 241. */
export const DATETIME_FROM_STRING = 241;
/** Bad uniqueidentifier text. SQL Server catalogue, 8169. */
export const UNIQUEIDENTIFIER_FROM_STRING = 8169;
/** DROP SCHEMA of a system schema (dbo). SQL Server catalogue, 3708. */
export const SYSTEM_SCHEMA = 3708;
/** Divide by zero. SQL Server catalogue, 8134. */
export const DIVIDE_BY_ZERO = 8134;
/** RAISERROR's fixed number; used for engine failures with no better T-SQL number. Synapse develop-transactions doc. */
export const GENERIC_ERROR = 50000;

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
export const datetimeOutOfRange = (value: string): SqlServerError =>
  err(DATETIME_OUT_OF_RANGE, `The conversion of a nvarchar data type to a datetime2 data type resulted in an out-of-range value ('${value}'). synapse-sim keeps 100 ns precision in DuckDB TIMESTAMP_NS, which spans 1677-09-21 to 2262-04-11.`);
export const conversionFailed = (detail: string): SqlServerError => err(CONVERSION_FAILED, `Conversion failed: ${detail}`);
export const stringTruncated = (): SqlServerError => err(STRING_TRUNCATED, 'String or binary data would be truncated.');
export const mergeNotTerminated = (): SqlServerError =>
  err(MERGE_NOT_TERMINATED, 'A MERGE statement must be terminated by a semi-colon (;).', 15);
export const columnstoreType = (column: string): SqlServerError =>
  err(COLUMNSTORE_TYPE, `The statement failed. Column '${column}' has a data type that cannot participate in a columnstore index. Omit column '${column}'.`);
export const parseError = (near: string): SqlServerError =>
  err(PARSE_ERROR, `Parse error at line: 1, column: 1: Incorrect syntax near '${near}'.`);
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
