// LOGIN7 (0x10), MS-TDS 2.2.6.4: a fixed header, then (offset u16, character count u16) pairs locating
// UCS-2 strings in the same message. The password is obfuscated (2.2.6.4, "Password").
import { need, TdsProtocolError } from '../primitives.js';

/** The fixed part we read: through the ChangePassword pair at 86 and cbSSPILong at 90. */
export const LOGIN7_FIXED_LENGTH = 94;
const OFFSET_TDS_VERSION = 4;
const OFFSET_PACKET_SIZE = 8;
/** Byte offsets of the (offset, length) pairs, MS-TDS 2.2.6.4. */
const Field = {
  HOST_NAME: 36,
  USER_NAME: 40,
  PASSWORD: 44,
  APP_NAME: 48,
  SERVER_NAME: 52,
  LIBRARY_NAME: 60,
  LANGUAGE: 64,
  DATABASE: 68,
} as const;
/** Password obfuscation key, MS-TDS 2.2.6.4: the client swaps each byte's nibbles, then XORs 0xA5. */
const PASSWORD_XOR = 0xa5;

export interface Login7 {
  readonly tdsVersion: number;
  readonly packetSize: number;
  readonly hostName: string;
  readonly userName: string;
  readonly password: string;
  readonly appName: string;
  readonly serverName: string;
  readonly libraryName: string;
  readonly language: string;
  readonly database: string;
}

export function deobfuscatePassword(bytes: Buffer): Buffer {
  return Buffer.from(bytes.map((byte) => {
    const plain = byte ^ PASSWORD_XOR;
    return ((plain & 0x0f) << 4) | (plain >> 4);
  }));
}

export function obfuscatePassword(plain: Buffer): Buffer {
  return Buffer.from(plain.map((byte) => (((byte & 0x0f) << 4) | (byte >> 4)) ^ PASSWORD_XOR));
}

function field(payload: Buffer, at: number): Buffer {
  const offset = payload.readUInt16LE(at);
  const bytes = payload.readUInt16LE(at + 2) * 2;
  if (offset + bytes > payload.length) throw new TdsProtocolError(`LOGIN7 field at ${at} points outside the message`);
  return payload.subarray(offset, offset + bytes);
}

const text = (payload: Buffer, at: number): string => field(payload, at).toString('utf16le');

export function decodeLogin7(payload: Buffer): Login7 {
  need(payload, 0, LOGIN7_FIXED_LENGTH, 'LOGIN7');
  return {
    tdsVersion: payload.readUInt32LE(OFFSET_TDS_VERSION),
    packetSize: payload.readUInt32LE(OFFSET_PACKET_SIZE),
    hostName: text(payload, Field.HOST_NAME),
    userName: text(payload, Field.USER_NAME),
    password: deobfuscatePassword(field(payload, Field.PASSWORD)).toString('utf16le'),
    appName: text(payload, Field.APP_NAME),
    serverName: text(payload, Field.SERVER_NAME),
    libraryName: text(payload, Field.LIBRARY_NAME),
    language: text(payload, Field.LANGUAGE),
    database: text(payload, Field.DATABASE),
  };
}
