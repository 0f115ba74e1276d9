// Client-side message builders for the tests that speak raw TDS (mssql never sends malformed or
// out-of-order messages, and hides the packets it receives).
import { obfuscatePassword } from '../../src/tds/requests/login7.js';

export const ucs2 = (text: string): Buffer => Buffer.from(text, 'utf16le');

/** ALL_HEADERS with one transaction descriptor header, as tedious sends it (MS-TDS 2.2.5.3). */
export function allHeaders(descriptor = Buffer.alloc(8)): Buffer {
  const header = Buffer.alloc(18);
  header.writeUInt32LE(18, 0);
  header.writeUInt16LE(2, 4);
  descriptor.copy(header, 6);
  header.writeUInt32LE(1, 14);
  const total = Buffer.alloc(4);
  total.writeUInt32LE(4 + header.length);
  return Buffer.concat([total, header]);
}

export interface Login7Fields {
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly packetSize: number;
  /** Default TDS 7.4, what tedious sends. */
  readonly tdsVersion?: number;
}

/** A LOGIN7 payload (MS-TDS 2.2.6.4) with the fields the server reads. */
export function login7(fields: Login7Fields): Buffer {
  const strings: readonly [number, Buffer][] = [
    [36, ucs2('host')], [40, ucs2(fields.user)], [44, obfuscatePassword(ucs2(fields.password))], [48, ucs2('app')],
    [52, ucs2('127.0.0.1')], [60, ucs2('Tedious')], [64, ucs2('')], [68, ucs2(fields.database)],
  ];
  const fixed = Buffer.alloc(94);
  fixed.writeUInt32LE(fields.tdsVersion ?? 0x74000004, 4);
  fixed.writeUInt32LE(fields.packetSize, 8);
  let offset = fixed.length;
  for (const [at, bytes] of strings) {
    fixed.writeUInt16LE(offset, at);
    fixed.writeUInt16LE(bytes.length / 2, at + 2);
    offset += bytes.length;
  }
  const payload = Buffer.concat([fixed, ...strings.map(([, bytes]) => bytes)]);
  payload.writeUInt32LE(payload.length, 0);
  return payload;
}
