// LOGINACK (0xAD), MS-TDS 2.2.7.14: length u16, interface u8, TDS version u32 (big-endian, as the
// client's version table lists it), program name B_VARCHAR, program version major/minor/build-hi/build-lo.
import { bVarchar, u16LE } from '../primitives.js';

export const LOGINACK_TOKEN = 0xad;
/** Interface SQL_TSQL, MS-TDS 2.2.7.14. */
export const INTERFACE_SQL_TSQL = 1;

export interface ServerVersion {
  readonly major: number;
  readonly minor: number;
  readonly build: number;
}

export function encodeLoginAck(tdsVersion: number, programName: string, version: ServerVersion): Buffer {
  const tds = Buffer.alloc(4);
  tds.writeUInt32BE(tdsVersion);
  const programVersion = Buffer.from([version.major, version.minor, (version.build >> 8) & 0xff, version.build & 0xff]);
  const body = Buffer.concat([Buffer.from([INTERFACE_SQL_TSQL]), tds, bVarchar(programName), programVersion]);
  return Buffer.concat([Buffer.from([LOGINACK_TOKEN]), u16LE(body.length), body]);
}
