// startSynapseSim: a TDS 7.4 listener on loopback; one TdsConnection (and one engine session) per socket.
import { createServer, type Socket } from 'node:net';
import type { BlobStoreSettings, FaultSettings, SqlEngine } from './contract.js';
import { executeCopyInto } from './copy/index.js';
import { createDuckdbEngine } from './engine/index.js';
import { TdsConnection } from './tds/connection.js';

export const DEFAULT_HOST = '127.0.0.1';
/** SPIDs below 51 are reserved for system sessions in SQL Server; user sessions start there. */
const FIRST_USER_SPID = 51;
const MAX_SPID = 0xffff;

export interface SynapseSimOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** The one SQL login the server accepts. */
  readonly user: string;
  readonly password: string;
  /** The database every login lands in; a login asking for another one fails with 4060. */
  readonly database: string;
  /** The SQL engine; by default a DuckDB engine with COPY INTO, which stop() closes (a given one it leaves open). */
  readonly engine?: SqlEngine;
  /** For the default engine: a DuckDB database file; in memory when absent. */
  readonly databaseFile?: string;
  /** For the default engine: injected faults (STYLE 13). */
  readonly faults?: FaultSettings;
  /** For the default engine: where COPY INTO reads blobs (Azurite in tests). */
  readonly blobStore?: BlobStoreSettings;
}

export interface SynapseSim {
  readonly host: string;
  readonly port: number;
  /** Closes the listener, drops every connection, closes their sessions (and the engine it created). */
  stop(): Promise<void>;
}

function defaultEngine(options: SynapseSimOptions): Promise<SqlEngine> {
  return createDuckdbEngine({
    copyInto: executeCopyInto,
    ...(options.databaseFile === undefined ? {} : { databaseFile: options.databaseFile }),
    ...(options.faults === undefined ? {} : { faults: options.faults }),
    ...(options.blobStore === undefined ? {} : { blobStore: options.blobStore }),
  });
}

export async function startSynapseSim(options: SynapseSimOptions): Promise<SynapseSim> {
  const ownsEngine = options.engine === undefined;
  const engine = options.engine ?? (await defaultEngine(options));
  const connections = new Set<TdsConnection>();
  let nextSpid = FIRST_USER_SPID;
  const server = createServer((socket: Socket) => {
    const connection = new TdsConnection(socket, {
      engine, user: options.user, password: options.password, database: options.database, spid: nextSpid,
    });
    nextSpid = nextSpid >= MAX_SPID ? FIRST_USER_SPID : nextSpid + 1;
    connections.add(connection);
    void connection.closed.then(() => connections.delete(connection));
  });
  const host = options.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the TDS listener has no TCP address');
  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    const closing = new Promise<void>((resolve) => server.close(() => resolve()));
    const open = [...connections];
    for (const connection of open) connection.destroy();
    await Promise.all(open.map((connection) => connection.closed));
    await closing;
    if (ownsEngine) await engine.close();
  };
  return {
    host,
    port: address.port,
    stop: () => (stopping ??= stop()),
  };
}
