// The one table from SQL error number to what the loader should do (STYLE.md 4 and tap/target 10). Never by
// SQLSTATE: a 42000 syntax error is not transient. Issue 10's retries read `isTransient` and nothing else.
import { UserError } from '@kustomer-synapse/singer';

export type SqlErrorClass = 'transient' | 'terminal';

interface Entry {
  readonly class: SqlErrorClass;
  readonly meaning: string;
  readonly source: string;
}

const AZURE_SQL_ERRORS = 'https://learn.microsoft.com/azure/azure-sql/database/troubleshoot-common-errors-issues';
const TEDIOUS_TRANSIENT = 'tediousjs/tedious src/transient-error-lookup.ts';

export const SQL_ERRORS: ReadonlyMap<number, Entry> = new Map<number, Entry>([
  [4060, { class: 'transient', meaning: 'cannot open the database requested by the login (it may be resuming)', source: `${AZURE_SQL_ERRORS}; ${TEDIOUS_TRANSIENT}` }],
  [10928, { class: 'transient', meaning: 'resource limit reached (requests or sessions)', source: `${AZURE_SQL_ERRORS}; ${TEDIOUS_TRANSIENT}` }],
  [10929, { class: 'transient', meaning: 'resource minimum guarantee not available', source: `${AZURE_SQL_ERRORS}; ${TEDIOUS_TRANSIENT}` }],
  [40197, { class: 'transient', meaning: 'the service had an error processing the request (failover, upgrade)', source: `${AZURE_SQL_ERRORS}; ${TEDIOUS_TRANSIENT}` }],
  [40501, { class: 'transient', meaning: 'the service is currently busy', source: `${AZURE_SQL_ERRORS}; ${TEDIOUS_TRANSIENT}` }],
  [40613, { class: 'transient', meaning: 'the database is not currently available', source: `${AZURE_SQL_ERRORS}; ${TEDIOUS_TRANSIENT}` }],
  [49918, { class: 'transient', meaning: 'not enough resources to process the request', source: AZURE_SQL_ERRORS }],
  [49919, { class: 'transient', meaning: 'too many create or update operations in progress', source: AZURE_SQL_ERRORS }],
  [49920, { class: 'transient', meaning: 'too many operations in progress', source: AZURE_SQL_ERRORS }],
  [1205, { class: 'transient', meaning: 'deadlock victim; rerun the transaction', source: 'https://learn.microsoft.com/sql/relational-databases/errors-events/mssqlserver-1205-database-engine-error' }],
  [111233, { class: 'transient', meaning: 'the transaction was aborted (XACT_STATE -2); roll back and rerun it', source: 'https://learn.microsoft.com/azure/synapse-analytics/sql-data-warehouse/sql-data-warehouse-develop-transactions' }],
  [18456, { class: 'terminal', meaning: 'login failed', source: 'https://learn.microsoft.com/sql/relational-databases/errors-events/mssqlserver-18456-database-engine-error' }],
  [105215, { class: 'terminal', meaning: 'COPY INTO could not read the staged files (credential or permission)', source: 'research/synapse.md; synapse-sim README "Errors"' }],
  [105208, { class: 'terminal', meaning: 'an invalid COPY INTO option value', source: 'synapse-sim README "Errors"' }],
  [35343, { class: 'terminal', meaning: 'a MAX column in a clustered columnstore table', source: 'research/synapse.md 1.4' }],
  [574, { class: 'terminal', meaning: 'DDL inside a transaction', source: 'research/synapse.md 1.7' }],
  [8152, { class: 'terminal', meaning: 'a string or binary value is longer than its column', source: 'https://learn.microsoft.com/sql/relational-databases/errors-events/mssqlserver-8152-database-engine-error' }],
]);

export function classifySqlError(number: number | undefined): SqlErrorClass {
  return number === undefined ? 'terminal' : SQL_ERRORS.get(number)?.class ?? 'terminal';
}

/** A broken connection (reset, closed, timed out at the socket) is transient: the step is safe to redo on a new one. */
export const TRANSIENT_CONNECTION_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'ECONNCLOSED', 'ESOCKET', 'ECLOSE', 'ETIMEOUT']);

/** A load step failed; the caller may retry the step (issue 10) on a new connection. */
export class TransientLoadError extends Error {
  readonly kind = 'transient-in-load';
  constructor(message: string, readonly number?: number, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TransientLoadError';
  }
}

/** A load step failed in a way a retry cannot fix (a permission, a value the column cannot hold). */
export class TerminalLoadError extends Error {
  readonly kind = 'terminal-in-load';
  constructor(message: string, readonly number?: number, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TerminalLoadError';
  }
}

/** A COMMIT was sent and the connection was lost before its answer: it may or may not have committed. */
export class CommitOutcomeUnknown extends TransientLoadError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, undefined, options);
    this.name = 'CommitOutcomeUnknown';
  }
}

/**
 * A load step that cannot be done, as the run's one line: what failed (the stream and batch, or the schema
 * change) and the terminal cause, or the last transient one once retries ran out. States that waited on it
 * are never printed.
 */
export class LoadFailedError extends UserError {
  readonly kind = 'load';
  constructor(readonly what: string, cause: unknown) {
    super(`${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'LoadFailedError';
  }
}

export type LoadError = TransientLoadError | TerminalLoadError;

/** A transient error with a number came from a server that answered: the connection, and its temp tables, live on. */
export function answered(error: unknown): boolean {
  return error instanceof TransientLoadError && error.number !== undefined;
}

export function isTransient(error: unknown): boolean {
  return error instanceof TransientLoadError;
}
