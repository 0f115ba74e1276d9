// Message framing, MS-TDS 2.2.3: a message is one or more packets of one type, the last with EOM.
// Reassembly of incoming bytes into messages, and splitting of an outgoing message at the packet size.
import {
  decodePacketHeader, encodePacketHeader, PacketStatus, PACKET_HEADER_LENGTH, type PacketHeader,
} from './packet.js';
import { TdsProtocolError } from './primitives.js';

/** A guard against a client streaming an unbounded message into memory. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

export interface Message {
  readonly type: number;
  /** Status bits of the first packet (RESETCONNECTION lives there, MS-TDS 2.2.3.1.2). */
  readonly status: number;
  /** The client asked to discard this message (IGNORE bit on its last packet). */
  readonly ignored: boolean;
  readonly payload: Buffer;
}

/** Turns a byte stream into whole messages. Feed it socket chunks; it returns the messages they complete. */
export class MessageReassembler {
  private pending: Buffer = Buffer.alloc(0);
  private parts: Buffer[] = [];
  private partBytes = 0;
  private first: PacketHeader | undefined;

  push(chunk: Buffer): readonly Message[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const messages: Message[] = [];
    while (this.pending.length >= PACKET_HEADER_LENGTH) {
      const { value: header } = decodePacketHeader(this.pending, 0);
      if (this.pending.length < header.length) break;
      const body = this.pending.subarray(PACKET_HEADER_LENGTH, header.length);
      this.pending = this.pending.subarray(header.length);
      const message = this.addPacket(header, body);
      if (message !== undefined) messages.push(message);
    }
    return messages;
  }

  private addPacket(header: PacketHeader, body: Buffer): Message | undefined {
    if (this.first !== undefined && this.first.type !== header.type) {
      throw new TdsProtocolError(`packet of type ${header.type} inside a message of type ${this.first.type}`);
    }
    this.first ??= header;
    this.parts.push(Buffer.from(body));
    this.partBytes += body.length;
    if (this.partBytes > MAX_MESSAGE_BYTES) throw new TdsProtocolError('message too large');
    if ((header.status & PacketStatus.EOM) === 0) return undefined;
    const message: Message = {
      type: this.first.type,
      status: this.first.status,
      ignored: (header.status & PacketStatus.IGNORE) !== 0,
      payload: Buffer.concat(this.parts),
    };
    this.parts = [];
    this.partBytes = 0;
    this.first = undefined;
    return message;
  }
}

/** Splits a message into packets of at most `packetSize` bytes; packet ids count from 1 and wrap at 256. */
export function splitMessage(type: number, payload: Buffer, packetSize: number, spid: number): readonly Buffer[] {
  const room = packetSize - PACKET_HEADER_LENGTH;
  const packets: Buffer[] = [];
  let offset = 0;
  let packetId = 1;
  do {
    const body = payload.subarray(offset, offset + room);
    offset += body.length;
    const last = offset >= payload.length;
    const header = encodePacketHeader({
      type,
      status: last ? PacketStatus.EOM : PacketStatus.NORMAL,
      length: PACKET_HEADER_LENGTH + body.length,
      spid,
      packetId,
    });
    packets.push(Buffer.concat([header, body]));
    packetId = (packetId + 1) % 256;
  } while (offset < payload.length);
  return packets;
}
