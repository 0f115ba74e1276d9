// The one adapter that talks TDS (STYLE.md 12): tedious directly, one Connection per session, so temp tables
// (the stages) live exactly as long as the load that made them (research/synapse.md 1.12). mssql's pool would
// hand a later statement a fresh connection without the stage after a drop, and would validate each acquire.
// Entra ID tokens come from @azure/identity and reach tedious as `azure-active-directory-access-token`.
import { ClientSecretCredential, DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { Logger } from '@kustomer-synapse/singer';
import { ConfigError } from '@kustomer-synapse/singer';
import { Connection, Request, TYPES, type ConnectionConfiguration } from 'tedious';
import { maskCredential, type Parameter, type Statement } from './sql.js';
import {
  TerminalLoadError, TransientLoadError, TRANSIENT_CONNECTION_CODES, classifySqlError,
} from './sql-errors.js';

export type SqlAuth =
  | { readonly kind: 'password'; readonly user: string; readonly password: string }
  | { readonly kind: 'azure-default' }
  | {
    readonly kind: 'service-principal'; readonly tenantId: string; readonly clientId: string; readonly clientSecret: string;
    /** Another Entra ID authority (a sovereign cloud); instance discovery is then skipped. */
    readonly authorityHost?: string;
  };

export interface SqlConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly auth: SqlAuth;
  /** TLS to Synapse; default true (DESIGN.md 4). Only the stand-ins turn it off. */
  readonly encrypt?: boolean;
  readonly trustServerCertificate?: boolean;
  /** 0 waits as long as a statement takes: a COPY INTO of a large batch runs for minutes. */
  readonly requestTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
}

export interface SqlResult {
  readonly rowsAffected: number;
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

export interface SqlSession {
  /** Parameterless statements go as SQL_BATCH, others through sp_executesql (research/synapse.md 1.12). */
  run(statement: Statement): Promise<SqlResult>;
  /** True once the connection ended (closed, or lost); its temp tables are gone with it. */
  readonly closed: boolean;
  close(): Promise<void>;
}

export interface SqlConnector {
  connect(): Promise<SqlSession>;
}

/** The scope of an Entra ID token for Azure SQL and Synapse SQL. */
export const SQL_TOKEN_SCOPE = 'https://database.windows.net/.default';
const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

export function createSqlConnector(options: SqlConnectionOptions, log: Logger): SqlConnector {
  const credential = tokenCredential(options.auth);
  return {
    async connect() {
      const config = tediousConfig(options, await authenticationFor(options.auth, credential));
      const connection = await open(config, options, log);
      return session(connection, log);
    },
  };
}

type Authentication = NonNullable<ConnectionConfiguration['authentication']>;

/** Pure: TLS on unless turned off, the certificate checked unless trusted, no request timeout by default. */
export function tediousConfig(options: SqlConnectionOptions, authentication: Authentication): ConnectionConfiguration {
  return {
    server: options.host,
    authentication,
    options: {
      port: options.port,
      database: options.database,
      encrypt: options.encrypt ?? true,
      trustServerCertificate: options.trustServerCertificate ?? false,
      requestTimeout: options.requestTimeoutMs ?? 0,
      connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    },
  };
}

function tokenCredential(auth: SqlAuth): TokenCredential | undefined {
  switch (auth.kind) {
    case 'password': return undefined;
    case 'azure-default': return new DefaultAzureCredential();
    case 'service-principal': return new ClientSecretCredential(auth.tenantId, auth.clientId, auth.clientSecret,
      auth.authorityHost === undefined ? {} : { authorityHost: auth.authorityHost, disableInstanceDiscovery: true });
  }
}

async function authenticationFor(auth: SqlAuth, credential: TokenCredential | undefined): Promise<Authentication> {
  if (auth.kind === 'password') return { type: 'default', options: { userName: auth.user, password: auth.password } };
  let token: string | undefined;
  try {
    token = (await credential?.getToken(SQL_TOKEN_SCOPE))?.token;
  } catch (error) {
    throw new ConfigError(tokenFailure(auth, error), { cause: error });
  }
  if (token === undefined) throw new ConfigError(tokenFailure(auth, undefined));
  return { type: 'azure-active-directory-access-token', options: { token } };
}

/** One line, naming the identity but never the secret, and the fix. */
function tokenFailure(auth: Exclude<SqlAuth, { kind: 'password' }>, error: unknown): string {
  const secret = auth.kind === 'service-principal' ? auth.clientSecret : undefined;
  let cause = error instanceof Error ? (error.message.split('\n')[0] ?? '').trim() : 'no token returned';
  if (secret !== undefined && secret.length > 0) cause = cause.split(secret).join('***');
  if (cause.length > 200) cause = `${cause.slice(0, 200)}...`;
  return auth.kind === 'service-principal'
    ? `could not get an Entra ID token for Synapse with the service principal (tenant_id ${auth.tenantId}, client_id ${auth.clientId}): ${cause}; check tenant_id, client_id and client_secret, and that the authority host is reachable`
    : `could not get an Entra ID token for Synapse with DefaultAzureCredential (auth: azure-default): ${cause}; sign in (az login), or set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET or a managed identity`;
}

/**
 * The 'error' listener is not only for the log. On a dropped connection, tedious 19.2.2 fails the running
 * request (ECONNRESET or ECLOSE, which the caller retries) and then, in its Final state, emits 'error' again
 * with "No event 'socketError' in state 'Final'" from inside an async function: with no listener, emit throws
 * and that becomes an unhandled rejection that ends the process (synapse-sim README, "Faults"). So one listener
 * is attached before connecting and stays for the connection's life; the request's own error is what counts.
 */
function open(config: ConnectionConfiguration, options: SqlConnectionOptions, log: Logger): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const connection = new Connection(config);
    connection.on('error', (error: Error) => log.debug(`Synapse connection error: ${error.message}`));
    connection.connect((error) => {
      if (error === undefined) { resolve(connection); return; }
      const where = `${options.host}:${options.port}, database ${options.database}`;
      const code = (error as { code?: string }).code;
      if (code === 'ELOGIN') {
        reject(new ConfigError(`Synapse refused the login at ${where}: ${error.message}; check the user and password (or the Entra ID identity) and the database name`, { cause: error }));
      } else {
        reject(new TransientLoadError(`could not connect to Synapse at ${where}: ${error.message}`, undefined, { cause: error }));
      }
    });
  });
}

function session(connection: Connection, log: Logger): SqlSession {
  let closed = false;
  connection.on('end', () => { closed = true; });
  connection.on('error', () => { closed = true; });
  return {
    get closed() { return closed; },
    run(statement) {
      if (closed) return Promise.reject(new TransientLoadError('the Synapse connection is closed'));
      const text = maskCredential(statement.sql);
      if (log.enabled('debug')) log.debug(`SQL: ${text.replace(/\s*\n\s*/g, ' ')}`);
      return execute(connection, statement, text);
    },
    close() {
      if (closed) return Promise.resolve();
      return new Promise((resolve) => {
        connection.once('end', () => resolve());
        connection.close();
      });
    },
  };
}

function execute(connection: Connection, statement: Statement, masked: string): Promise<SqlResult> {
  return new Promise((resolve, reject) => {
    const rows: Record<string, unknown>[] = [];
    const request = new Request(statement.sql, (error, rowCount) => {
      if (error === undefined || error === null) { resolve({ rowsAffected: rowCount ?? 0, rows }); return; }
      reject(loadError(error, masked));
    });
    for (const parameter of statement.parameters) addParameter(request, parameter);
    request.on('row', (columns) => {
      const row: Record<string, unknown> = {};
      for (const column of columns) row[column.metadata.colName] = column.value;
      rows.push(row);
    });
    if (statement.parameters.length === 0) connection.execSqlBatch(request);
    else connection.execSql(request);
  });
}

function addParameter(request: Request, parameter: Parameter): void {
  switch (parameter.type) {
    case 'bigint': request.addParameter(parameter.name, TYPES.BigInt, parameter.value === null ? null : String(parameter.value)); break;
    case 'nvarchar': request.addParameter(parameter.name, TYPES.NVarChar, parameter.value); break;
    case 'datetimeoffset': request.addParameter(parameter.name, TYPES.DateTimeOffset, parameter.value === null ? null : new Date(String(parameter.value)), { scale: 7 }); break;
  }
}

/** The statement is named by its first line, secrets masked; the classification is sql-errors.ts's. */
function loadError(error: Error, masked: string): Error {
  const number = (error as { number?: number }).number;
  const code = (error as { code?: string }).code;
  const head = (masked.split('\n')[0] ?? '').slice(0, 120);
  const message = `Synapse ${number === undefined ? (code ?? 'error') : `error ${number}`}: ${error.message} (in: ${head})`;
  if (number === undefined && code !== undefined && TRANSIENT_CONNECTION_CODES.has(code)) return new TransientLoadError(message, undefined, { cause: error });
  return classifySqlError(number) === 'transient'
    ? new TransientLoadError(message, number, { cause: error })
    : new TerminalLoadError(message, number, { cause: error });
}
