// The 8-byte packet header, MS-TDS 2.2.3.1. Length and SPID are big-endian (2.2.3.1.3, 2.2.3.1.4).
import { need, TdsProtocolError, type Decoded } from './primitives.js';

export const PACKET_HEADER_LENGTH = 8;

/** Packet types, MS-TDS 2.2.3.1.1. */
export const PacketType = {
  SQL_BATCH: 0x01,
  RPC: 0x03,
  TABULAR_RESULT: 0x04,
  ATTENTION: 0x06,
  BULK_LOAD: 0x07,
  TRANSACTION_MANAGER: 0x0e,
  LOGIN7: 0x10,
  PRELOGIN: 0x12,
} as const;

/** Status bits, MS-TDS 2.2.3.1.2. */
export const PacketStatus = {
  NORMAL: 0x00,
  EOM: 0x01,
  IGNORE: 0x02,
  RESET_CONNECTION: 0x08,
  RESET_CONNECTION_SKIP_TRAN: 0x10,
} as const;

/** Negotiable packet sizes, MS-TDS 2.2.6.4 (LOGIN7 PacketSize) and the 32,767-byte server maximum. */
export const MIN_PACKET_SIZE = 512;
export const MAX_PACKET_SIZE = 32767;
/** The size used before LOGIN7 negotiates one (tedious and SQL Server both start at 4096). */
export const DEFAULT_PACKET_SIZE = 4096;

export interface PacketHeader {
  readonly type: number;
  readonly status: number;
  readonly length: number;
  readonly spid: number;
  readonly packetId: number;
}

export function decodePacketHeader(buffer: Buffer, offset: number): Decoded<PacketHeader> {
  need(buffer, offset, PACKET_HEADER_LENGTH, 'packet header');
  const header: PacketHeader = {
    type: buffer.readUInt8(offset),
    status: buffer.readUInt8(offset + 1),
    length: buffer.readUInt16BE(offset + 2),
    spid: buffer.readUInt16BE(offset + 4),
    packetId: buffer.readUInt8(offset + 6),
  };
  if (header.length < PACKET_HEADER_LENGTH) {
    throw new TdsProtocolError(`packet length ${header.length} is shorter than its header`);
  }
  return { value: header, offset: offset + PACKET_HEADER_LENGTH };
}

export function encodePacketHeader(header: PacketHeader): Buffer {
  const buffer = Buffer.alloc(PACKET_HEADER_LENGTH);
  buffer.writeUInt8(header.type, 0);
  buffer.writeUInt8(header.status, 1);
  buffer.writeUInt16BE(header.length, 2);
  buffer.writeUInt16BE(header.spid, 4);
  buffer.writeUInt8(header.packetId, 6);
  buffer.writeUInt8(0, 7); // Window, MS-TDS 2.2.3.1.6: unused, 0
  return buffer;
}
