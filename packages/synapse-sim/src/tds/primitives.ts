// Byte-level readers and writers shared by every TDS layer. Pure: no sockets, no engine.
// String forms are from MS-TDS 2.2.5.1.3 (B_VARCHAR, US_VARCHAR, B_VARBYTE).

/** What every pure decoder returns: the value and the offset just past it. */
export interface Decoded<T> {
  readonly value: T;
  readonly offset: number;
}

/** The client sent bytes that break the protocol; the connection is closed. */
export class TdsProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TdsProtocolError';
  }
}

export function need(buffer: Buffer, offset: number, length: number, what: string): void {
  if (offset < 0 || length < 0 || offset + length > buffer.length) {
    throw new TdsProtocolError(`truncated ${what}: need ${length} bytes at ${offset}, have ${buffer.length - offset}`);
  }
}

export function readU8(buffer: Buffer, offset: number, what: string): Decoded<number> {
  need(buffer, offset, 1, what);
  return { value: buffer.readUInt8(offset), offset: offset + 1 };
}

export function readU16LE(buffer: Buffer, offset: number, what: string): Decoded<number> {
  need(buffer, offset, 2, what);
  return { value: buffer.readUInt16LE(offset), offset: offset + 2 };
}

export function readU32LE(buffer: Buffer, offset: number, what: string): Decoded<number> {
  need(buffer, offset, 4, what);
  return { value: buffer.readUInt32LE(offset), offset: offset + 4 };
}

export function readBytes(buffer: Buffer, offset: number, length: number, what: string): Decoded<Buffer> {
  need(buffer, offset, length, what);
  return { value: buffer.subarray(offset, offset + length), offset: offset + length };
}

/** UCS-2 text of `chars` characters. */
export function readUcs2(buffer: Buffer, offset: number, chars: number, what: string): Decoded<string> {
  need(buffer, offset, chars * 2, what);
  return { value: buffer.toString('utf16le', offset, offset + chars * 2), offset: offset + chars * 2 };
}

/** B_VARCHAR: a u8 character count, then UCS-2. */
export function readBVarchar(buffer: Buffer, offset: number, what: string): Decoded<string> {
  const count = readU8(buffer, offset, what);
  return readUcs2(buffer, count.offset, count.value, what);
}

export function u8(value: number): Buffer {
  const buffer = Buffer.alloc(1);
  buffer.writeUInt8(value);
  return buffer;
}

export function u16LE(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16LE(value);
  return buffer;
}

export function i32LE(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32LE(value);
  return buffer;
}

export function u32LE(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
}

export function u64LE(value: bigint): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64LE(value);
  return buffer;
}

/** B_VARCHAR; longer text is cut to the 255 characters the u8 count allows. */
export function bVarchar(text: string): Buffer {
  const cut = text.slice(0, 0xff);
  return Buffer.concat([u8(cut.length), Buffer.from(cut, 'utf16le')]);
}

/** US_VARCHAR; longer text is cut to the 65,535 characters the u16 count allows. */
export function usVarchar(text: string): Buffer {
  const cut = text.slice(0, 0xffff);
  return Buffer.concat([u16LE(cut.length), Buffer.from(cut, 'utf16le')]);
}

/** B_VARBYTE: a u8 byte count, then the bytes. */
export function bVarbyte(bytes: Buffer): Buffer {
  return Buffer.concat([u8(bytes.length), bytes]);
}
