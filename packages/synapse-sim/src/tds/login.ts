// The login exchange: check LOGIN7 against the configured SQL login, then answer as SQL Server does
// (research/synapse.md 3.3 capture): ENVCHANGE database, collation, packet size; LOGINACK; DONE.
import type { SqlServerError } from '../contract.js';
import { cannotOpenDatabase, loginFailed, tdsVersionTooOld } from '../errors.js';
import { MAX_PACKET_SIZE, MIN_PACKET_SIZE, DEFAULT_PACKET_SIZE } from './packet.js';
import type { Login7 } from './requests/login7.js';
import { encodeSqlError } from './response.js';
import { PROGRAM_NAME, SERVER_VERSION, TDS_VERSION_7_2, TDS_VERSION_7_4 } from './server-identity.js';
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
  | { readonly ok: true; readonly database: string; readonly packetSize: number }
  | { readonly ok: false; readonly reply: Buffer };

export function negotiatePacketSize(requested: number): number {
  if (requested === 0) return DEFAULT_PACKET_SIZE;
  return Math.min(MAX_PACKET_SIZE, Math.max(MIN_PACKET_SIZE, requested));
}

export function checkLogin(login: Login7, settings: LoginSettings): LoginVerdict {
  const errors: SqlServerError[] = [];
  if (login.tdsVersion < TDS_VERSION_7_2) {
    errors.push(tdsVersionTooOld());
  } else if (login.userName !== settings.user || login.password !== settings.password) {
    errors.push(loginFailed(login.userName));
  } else if (login.database !== '' && login.database.toLowerCase() !== settings.database.toLowerCase()) {
    errors.push(cannotOpenDatabase(login.database), loginFailed(login.userName));
  }
  if (errors.length > 0) {
    const reply = Buffer.concat([...errors.map(encodeSqlError), encodeDone(DONE_TOKEN, { status: DoneStatus.ERROR })]);
    return { ok: false, reply };
  }
  return { ok: true, database: settings.database, packetSize: negotiatePacketSize(login.packetSize) };
}

export function encodeLoginSuccess(database: string, packetSize: number): Buffer {
  return Buffer.concat([
    encodeTextChange(EnvChangeType.DATABASE, database, INITIAL_DATABASE),
    encodeCollationChange(DEFAULT_COLLATION),
    encodeTextChange(EnvChangeType.PACKET_SIZE, String(packetSize), String(packetSize)),
    encodeLoginAck(TDS_VERSION_7_4, PROGRAM_NAME, SERVER_VERSION),
    encodeDone(DONE_TOKEN, { status: DoneStatus.FINAL }),
  ]);
}
