// USHORTLEN-prefixed values and their PLP form for the MAX types, MS-TDS 2.2.5.2.2 / 2.2.5.2.3,
// shared by the character and binary codecs.
import { need, readU16LE, u16LE, type Decoded } from '../primitives.js';
import { readPlp, writePlp } from './plp.js';

/** USHORTMAXLEN 0xFFFF in TYPE_INFO marks a MAX type; as a value length it means NULL (CHARBIN_NULL). */
export const USHORT_MAX = 0xffff;
/** The largest non-MAX byte length, https://learn.microsoft.com/sql/t-sql/data-types/nchar-and-nvarchar-transact-sql */
export const MAX_NON_PLP_BYTES = 8000;

export function readVarBytes(isMax: boolean, buffer: Buffer, offset: number, what: string): Decoded<Buffer | null> {
  if (isMax) return readPlp(buffer, offset, what);
  const length = readU16LE(buffer, offset, what);
  if (length.value === USHORT_MAX) return { value: null, offset: length.offset };
  need(buffer, length.offset, length.value, what);
  return { value: buffer.subarray(length.offset, length.offset + length.value), offset: length.offset + length.value };
}

export function writeVarBytes(isMax: boolean, bytes: Buffer | null): Buffer {
  if (isMax) return writePlp(bytes);
  if (bytes === null) return u16LE(USHORT_MAX);
  if (bytes.length >= USHORT_MAX) throw new RangeError(`${bytes.length} bytes do not fit a non-MAX value`);
  return Buffer.concat([u16LE(bytes.length), bytes]);
}

/** A declared length (characters or bytes) for TYPE_INFO; MAX, absent or too long becomes USHORTMAXLEN. */
export function maxLengthBytes(length: number | 'max' | undefined, bytesPerUnit: number, canBeMax: boolean): number {
  if (length === undefined || length === 'max' || length * bytesPerUnit > MAX_NON_PLP_BYTES) {
    return canBeMax ? USHORT_MAX : MAX_NON_PLP_BYTES;
  }
  return Math.max(length * bytesPerUnit, bytesPerUnit);
}
