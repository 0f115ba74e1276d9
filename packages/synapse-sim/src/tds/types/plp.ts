// PLP (partially length-prefixed) values, MS-TDS 2.2.5.2.3: the MAX types' encoding.
import { need, readU32LE, TdsProtocolError, type Decoded } from '../primitives.js';

export const PLP_NULL = 0xffffffffffffffffn;
export const PLP_UNKNOWN_LENGTH = 0xfffffffffffffffen;
const PLP_TERMINATOR = 0;
/** Chunk size for values we send; any size is legal. */
const PLP_CHUNK_BYTES = 8000;

export function readPlp(buffer: Buffer, offset: number, what: string): Decoded<Buffer | null> {
  need(buffer, offset, 8, what);
  const total = buffer.readBigUInt64LE(offset);
  let position = offset + 8;
  if (total === PLP_NULL) return { value: null, offset: position };
  const chunks: Buffer[] = [];
  for (;;) {
    const length = readU32LE(buffer, position, what);
    position = length.offset;
    if (length.value === PLP_TERMINATOR) break;
    need(buffer, position, length.value, what);
    chunks.push(buffer.subarray(position, position + length.value));
    position += length.value;
  }
  const value = Buffer.concat(chunks);
  if (total !== PLP_UNKNOWN_LENGTH && BigInt(value.length) !== total) {
    throw new TdsProtocolError(`${what}: PLP says ${total} bytes, chunks hold ${value.length}`);
  }
  return { value, offset: position };
}

export function writePlp(bytes: Buffer | null): Buffer {
  const header = Buffer.alloc(8);
  if (bytes === null) {
    header.writeBigUInt64LE(PLP_NULL);
    return header;
  }
  header.writeBigUInt64LE(BigInt(bytes.length));
  const parts: Buffer[] = [header];
  for (let offset = 0; offset < bytes.length; offset += PLP_CHUNK_BYTES) {
    const chunk = bytes.subarray(offset, offset + PLP_CHUNK_BYTES);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(chunk.length);
    parts.push(length, chunk);
  }
  parts.push(Buffer.alloc(4)); // the terminator chunk of length 0
  return Buffer.concat(parts);
}
