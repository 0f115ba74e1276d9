// The 5-byte COLLATION, MS-TDS 2.2.5.1.2, sent with every character TYPE_INFO and in ENVCHANGE 7.
import { readBytes, type Decoded } from '../primitives.js';

export const COLLATION_LENGTH = 5;

/**
 * SQL_Latin1_General_CP1_CI_AS: LCID 0x0409, flags 0xD0 (ignore case, kana, width), sort id 52.
 * Synapse's default collation; the bytes SQL Server sends for it (research/synapse.md 3.3, verified capture).
 */
export const DEFAULT_COLLATION: Buffer = Buffer.from([0x09, 0x04, 0xd0, 0x00, 0x34]);

/** Code page of DEFAULT_COLLATION is 1252; Node's latin1 matches it outside 0x80-0x9F. */
export const DEFAULT_CODEPAGE_ENCODING = 'latin1';

export function readCollation(buffer: Buffer, offset: number): Decoded<Buffer> {
  return readBytes(buffer, offset, COLLATION_LENGTH, 'collation');
}
