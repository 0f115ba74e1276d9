// The login exchange: check LOGIN7 against the configured SQL login, then answer as SQL Server does
// (research/synapse.md 3.3 capture): ENVCHANGE database, collation, packet size; LOGINACK; DONE.
import type { SqlServerError } from '../contract.js';
import { cannotOpenDatabase, loginFailed, tdsVersionTooOld } from '../errors.js';
import { MAX_PACKET_SIZE, MIN_PACKET_SIZE, DEFAULT_PACKET_SIZE } from './packet.js';
import type { Login7 } from './requests/login7.js';
import { encodeSqlError } from './response.js';
import { PROGRAM_NAME, SERVER_VERSION, TDS_VERSION_7_2, TDS_VERSION_7_3A, TDS_VERSION_7_3B, TDS_VERSION_7_4 } from './server-identity.js';
import { DONE_TOKEN, DoneStatus, encodeDone } from './tokens/done.js';
import { encodeCollationChange, encodeTextChange, EnvChangeType } from './tokens/envchange.js';
import { encodeLoginAck } from './tokens/loginack.js';
import { DEFAULT_COLLATION } from './types/collation.js';

/** The database a login lands in before switching, as SQL Server reports the old value. */
const INITIAL_DATABASE = 'master';

export interface LoginSettings {
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

export type LoginVerdict =
  | { readonly ok: true; readonly database: string; readonly packetSize: number; readonly tdsVersion: number }
  | { readonly ok: false; readonly reply: Buffer };

export function negotiatePacketSize(requested: number): number {
  if (requested === 0) return DEFAULT_PACKET_SIZE;
  return Math.min(MAX_PACKET_SIZE, Math.max(MIN_PACKET_SIZE, requested));
}

/**
 * The version LOGINACK announces and the session speaks. MS-TDS 2.2.6.4 (LOGIN7 TDSVersion): a client newer
 * than the server gets the server's newest version; an older one that the server supports gets its own.
 */
export function negotiateTdsVersion(clientVersion: number): number {
  if (clientVersion >= TDS_VERSION_7_4) return TDS_VERSION_7_4;
  if (clientVersion >= TDS_VERSION_7_3B) return TDS_VERSION_7_3B;
  return TDS_VERSION_7_3A;
}

export function checkLogin(login: Login7, settings: LoginSettings): LoginVerdict {
  const errors: SqlServerError[] = [];
  if (login.tdsVersion < TDS_VERSION_7_3A) {
    errors.push(tdsVersionTooOld());
  } else if (login.userName !== settings.user || login.password !== settings.password) {
    errors.push(loginFailed(login.userName));
  } else if (login.database !== '' && login.database.toLowerCase() !== settings.database.toLowerCase()) {
    errors.push(cannotOpenDatabase(login.database), loginFailed(login.userName));
  }
  if (errors.length > 0) {
    // In the client's own token layout, so that an old client reads the refusal instead of failing to parse it.
    const beforeTds72 = login.tdsVersion < TDS_VERSION_7_2;
    const done = encodeDone(DONE_TOKEN, { status: DoneStatus.ERROR }, beforeTds72);
    return { ok: false, reply: Buffer.concat([...errors.map((error) => encodeSqlError(error, beforeTds72)), done]) };
  }
  return { ok: true, database: settings.database, packetSize: negotiatePacketSize(login.packetSize), tdsVersion: negotiateTdsVersion(login.tdsVersion) };
}

export function encodeLoginSuccess(database: string, packetSize: number, tdsVersion: number): Buffer {
  return Buffer.concat([
    encodeTextChange(EnvChangeType.DATABASE, database, INITIAL_DATABASE),
    encodeCollationChange(DEFAULT_COLLATION),
    encodeTextChange(EnvChangeType.PACKET_SIZE, String(packetSize), String(packetSize)),
    encodeLoginAck(tdsVersion, PROGRAM_NAME, SERVER_VERSION),
    encodeDone(DONE_TOKEN, { status: DoneStatus.FINAL }),
  ]);
}
