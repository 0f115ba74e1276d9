// PRELOGIN (0x12), MS-TDS 2.2.6.5: an option table of (token u8, offset u16BE, length u16BE) ended by
// 0xFF, then the option data. We read the client's options and answer without TLS (ENCRYPT_NOT_SUP),
// which tedious accepts even when asked to encrypt (research/synapse.md 3.3).
import { need, readU8, TdsProtocolError } from '../primitives.js';

export const PreloginOption = {
  VERSION: 0x00,
  ENCRYPTION: 0x01,
  INSTOPT: 0x02,
  THREADID: 0x03,
  MARS: 0x04,
  TRACEID: 0x05,
  FEDAUTHREQUIRED: 0x06,
  TERMINATOR: 0xff,
} as const;

/** ENCRYPTION values, MS-TDS 2.2.6.5. */
export const Encryption = { OFF: 0x00, ON: 0x01, NOT_SUP: 0x02, REQ: 0x03 } as const;
const OPTION_ENTRY_LENGTH = 5;
const MARS_OFF = 0x00;
const INSTOPT_OK = 0x00;

export interface ServerBuild {
  readonly major: number;
  readonly minor: number;
  readonly build: number;
  readonly subBuild: number;
}

/** The client's options: token -> data bytes. */
export function decodePrelogin(payload: Buffer): ReadonlyMap<number, Buffer> {
  const options = new Map<number, Buffer>();
  let offset = 0;
  for (;;) {
    const token = readU8(payload, offset, 'PRELOGIN option');
    if (token.value === PreloginOption.TERMINATOR) return options;
    need(payload, offset, OPTION_ENTRY_LENGTH, 'PRELOGIN option');
    const start = payload.readUInt16BE(offset + 1);
    const length = payload.readUInt16BE(offset + 3);
    if (start + length > payload.length) throw new TdsProtocolError('PRELOGIN option data outside the message');
    options.set(token.value, payload.subarray(start, start + length));
    offset += OPTION_ENTRY_LENGTH;
  }
}

export function encodePreloginReply(version: ServerBuild): Buffer {
  const versionData = Buffer.alloc(6);
  versionData.writeUInt8(version.major, 0);
  versionData.writeUInt8(version.minor, 1);
  versionData.writeUInt16BE(version.build, 2);
  versionData.writeUInt16BE(version.subBuild, 4);
  const options: readonly (readonly [number, Buffer])[] = [
    [PreloginOption.VERSION, versionData],
    [PreloginOption.ENCRYPTION, Buffer.from([Encryption.NOT_SUP])],
    [PreloginOption.INSTOPT, Buffer.from([INSTOPT_OK])],
    [PreloginOption.THREADID, Buffer.alloc(0)],
    [PreloginOption.MARS, Buffer.from([MARS_OFF])],
  ];
  const table = Buffer.alloc(options.length * OPTION_ENTRY_LENGTH + 1);
  let dataOffset = table.length;
  options.forEach(([token, data], index) => {
    const at = index * OPTION_ENTRY_LENGTH;
    table.writeUInt8(token, at);
    table.writeUInt16BE(dataOffset, at + 1);
    table.writeUInt16BE(data.length, at + 3);
    dataOffset += data.length;
  });
  table.writeUInt8(PreloginOption.TERMINATOR, table.length - 1);
  return Buffer.concat([table, ...options.map(([, data]) => data)]);
}
