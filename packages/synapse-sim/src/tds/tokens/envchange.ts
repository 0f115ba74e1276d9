// ENVCHANGE (0xE3), MS-TDS 2.2.7.9: length u16, type u8, new value, old value.
import { bVarbyte, bVarchar, u16LE } from '../primitives.js';

export const ENVCHANGE_TOKEN = 0xe3;

/** ENVCHANGE types, MS-TDS 2.2.7.9. */
export const EnvChangeType = {
  DATABASE: 1,
  LANGUAGE: 2,
  PACKET_SIZE: 4,
  SQL_COLLATION: 7,
  BEGIN_TRANSACTION: 8,
  COMMIT_TRANSACTION: 9,
  ROLLBACK_TRANSACTION: 10,
  RESET_CONNECTION_ACK: 18,
} as const;

function encode(type: number, values: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from([type]), values]);
  return Buffer.concat([Buffer.from([ENVCHANGE_TOKEN]), u16LE(body.length), body]);
}

/** Types 1, 2 and 4 carry B_VARCHAR new and old values. */
export function encodeTextChange(type: 1 | 2 | 4, newValue: string, oldValue: string): Buffer {
  return encode(type, Buffer.concat([bVarchar(newValue), bVarchar(oldValue)]));
}

export function encodeCollationChange(collation: Buffer): Buffer {
  return encode(EnvChangeType.SQL_COLLATION, Buffer.concat([bVarbyte(collation), bVarbyte(Buffer.alloc(0))]));
}

/** Begin carries the new 8-byte descriptor; commit and rollback carry the ended one as the old value. */
export function encodeTransactionChange(change: 'begin' | 'commit' | 'rollback', descriptor: Buffer): Buffer {
  const none = bVarbyte(Buffer.alloc(0));
  if (change === 'begin') return encode(EnvChangeType.BEGIN_TRANSACTION, Buffer.concat([bVarbyte(descriptor), none]));
  const type = change === 'commit' ? EnvChangeType.COMMIT_TRANSACTION : EnvChangeType.ROLLBACK_TRANSACTION;
  return encode(type, Buffer.concat([none, bVarbyte(descriptor)]));
}

export function encodeResetConnectionAck(): Buffer {
  const none = bVarbyte(Buffer.alloc(0));
  return encode(EnvChangeType.RESET_CONNECTION_ACK, Buffer.concat([none, none]));
}
