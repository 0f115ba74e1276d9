// The seam between the TDS front end (src/tds/) and the SQL engine (src/engine/), and between the
// engine and COPY INTO (src/copy/). Each side imports only this file from the other.

/** A T-SQL type as declared in DDL, sent in an RPC parameter, or reported for a result column. */
export type TsqlTypeName =
  | 'tinyint' | 'smallint' | 'int' | 'bigint'
  | 'bit'
  | 'real' | 'float'
  | 'decimal' | 'numeric'
  | 'nvarchar' | 'varchar' | 'nchar' | 'char'
  | 'varbinary'
  | 'date' | 'time' | 'datetime' | 'datetime2' | 'datetimeoffset'
  | 'uniqueidentifier';

export interface TsqlType {
  readonly name: TsqlTypeName;
  /** Characters for (n)(var)char, bytes for varbinary; 'max' for the MAX types. */
  readonly length?: number | 'max';
  readonly precision?: number;
  /** Decimal scale, or fractional-second digits for time/datetime2/datetimeoffset. */
  readonly scale?: number;
}

/**
 * A value crossing the seam. Exact representations only:
 * - tinyint/smallint/int: number; bigint: bigint
 * - bit: boolean; real/float: number
 * - decimal/numeric: string with the exact digits, e.g. "-12.345000000"
 * - (n)(var)char, uniqueidentifier: string; varbinary: Buffer
 * - date: "YYYY-MM-DD"; time: "hh:mm:ss.fffffff"; datetime/datetime2: "YYYY-MM-DD hh:mm:ss.fffffff"
 * - datetimeoffset: "YYYY-MM-DD hh:mm:ss.fffffff+hh:mm" (local time and its offset, as SQL Server prints it)
 */
export type SqlValue = null | boolean | number | bigint | string | Buffer;

export interface SqlParameter {
  /** With the leading '@', as sent on the wire. */
  readonly name: string;
  readonly type: TsqlType;
  readonly value: SqlValue;
  readonly output: boolean;
}

export interface ColumnMeta {
  readonly name: string;
  readonly type: TsqlType;
  readonly nullable: boolean;
}

export type SqlRequest =
  | { readonly kind: 'batch'; readonly text: string }
  | { readonly kind: 'rpc'; readonly text: string; readonly parameters: readonly SqlParameter[] };

/** What one statement produced, in order. A batch stops at its first error, which is its last outcome. */
export type StatementOutcome =
  | { readonly kind: 'rows'; readonly columns: readonly ColumnMeta[]; readonly rows: readonly (readonly SqlValue[])[] }
  | { readonly kind: 'done'; readonly rowCount?: number }
  | { readonly kind: 'transaction'; readonly change: 'begin' | 'commit' | 'rollback' }
  /** `USE` of the session's database: the front end reports the database change (ENVCHANGE 1). */
  | { readonly kind: 'database'; readonly name: string }
  | { readonly kind: 'error'; readonly error: SqlServerError };

/** An error as SQL Server/Synapse reports it in an ERROR token. */
export class SqlServerError extends Error {
  constructor(
    readonly number: number,
    message: string,
    readonly severity: number = 16,
    readonly state: number = 1,
  ) {
    super(message);
    this.name = 'SqlServerError';
  }
}

/** Thrown by the engine when a fault knob says the connection must drop now; the TDS layer destroys the socket. */
export class ConnectionDropFault extends Error {
  constructor(readonly where: string) {
    super(`injected connection drop ${where}`);
    this.name = 'ConnectionDropFault';
  }
}

export interface SessionOptions {
  readonly database: string;
  readonly user: string;
}

export interface SqlSession {
  readonly inTransaction: boolean;
  /** Runs a batch or an sp_executesql call. Rejects only with ConnectionDropFault; SQL errors are outcomes. */
  run(request: SqlRequest, signal: AbortSignal): Promise<readonly StatementOutcome[]>;
  /** TRANSACTION_MANAGER requests. Reject with SqlServerError. */
  beginTransaction(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Rolls back any open transaction and drops the session's #temp tables. */
  close(): Promise<void>;
}

export interface SqlEngine {
  openSession(options: SessionOptions): Promise<SqlSession>;
  close(): Promise<void>;
}

/**
 * Fault knobs (STYLE.md 13). Statement numbers count every statement the engine starts, from 1, across sessions:
 * each statement of a batch or sp_executesql call, and each TRANSACTION_MANAGER request (mssql's Transaction
 * begin/commit/rollback), which counts as the text `BEGIN TRANSACTION`, `COMMIT TRANSACTION` or `ROLLBACK TRANSACTION`.
 */
export interface FaultSettings {
  readonly seed?: number;
  /**
   * When set, only statements whose text matches are counted and faulted: `dropConnectionAtStatement` is the Nth
   * matching statement and only matching statements can draw a transient error. Everything else (the client's
   * post-login SET batch, pool validation's `SELECT 1`) runs untouched. E.g. /^\s*(COMMIT|COPY)\b/i.
   */
  readonly faultStatementPattern?: RegExp;
  /** Drop the connection when this statement starts, before it runs. */
  readonly dropConnectionAtStatement?: number;
  /**
   * Run this statement, then drop the connection before its reply: a COMMIT that committed but whose answer the
   * client never gets, as when a connection is lost at COMMIT.
   */
  readonly dropConnectionAfterStatement?: number;
  /** Drop the connection while the Nth COPY INTO (from 1) runs: after its rows are read, before they commit. */
  readonly dropConnectionDuringCopy?: number;
  /** Probability (0..1) that a statement fails with a transient error instead of running. */
  readonly transientErrorRate?: number;
  /** The error number for transient errors; default 40501 (service busy, throttling). */
  readonly transientErrorNumber?: number;
  /**
   * Latency: each statement matching `slowStatementPattern` (every statement when it is absent) waits this many
   * ms before it runs, as a COPY INTO of many files or a busy pool makes Synapse slow (e.g.
   * `{ slowStatementMs: 500, slowStatementPattern: /^\s*COPY\s+INTO\b/i }`). Independent of
   * `faultStatementPattern`; a session closed while it waits runs nothing.
   */
  readonly slowStatementMs?: number;
  readonly slowStatementPattern?: RegExp;
}

/** A column of a user table as the shadow catalog knows it (declared T-SQL terms). */
export interface CatalogColumn {
  readonly name: string;
  readonly type: TsqlType;
  readonly nullable: boolean;
}

/** What COPY INTO (src/copy/) needs from the engine. */
export interface CopyIntoHost {
  /** Resolves a T-SQL table name (as written in the statement) to its DuckDB name and declared columns; throws SqlServerError 208 when absent. */
  resolveTable(name: string): { readonly duckdbName: string; readonly columns: readonly CatalogColumn[] };
  /**
   * Runs DuckDB SQL on the session's connection, inside the session's transaction if one is open; resolves to the
   * statement's changed-row count (0 when it reports none).
   */
  runDuckdb(sql: string): Promise<number>;
  /**
   * Runs a DuckDB query the same way and resolves to its rows, each value as @duckdb/node-api's getRowsJS gives it
   * (VARCHAR -> string, INTEGER -> number, BIGINT -> bigint, NULL -> null).
   */
  queryDuckdb(sql: string): Promise<readonly (readonly unknown[])[]>;
  /** Called once the rows are read and about to be committed; lets the fault knob drop the connection here. */
  beforeCopyCommit(): void;
}

export interface BlobStoreSettings {
  /**
   * The Blob endpoint COPY INTO reads from, e.g. Azurite's http://127.0.0.1:10000/devstoreaccount1.
   * Locations on https://<account>.blob.core.windows.net/ are mapped onto it; only loopback hosts are reachable.
   */
  readonly blobEndpoint?: string;
}
