// DECIMALN (0x6A) and NUMERICN (0x6C), MS-TDS 2.2.5.4.2 / 2.2.5.5.1.6: sign byte then an unsigned
// little-endian magnitude of the value times 10^scale. The seam carries exact decimal strings.
import type { SqlValue, TsqlType } from '../../contract.js';
import { need, readU8, TdsProtocolError, u8, type Decoded } from '../primitives.js';
import { NULL_LENGTH_U8, wrongValue, type TypeCodec } from './type-codec.js';

export const DECIMALN_TYPE = 0x6a;
export const NUMERICN_TYPE = 0x6c;
/** DECIMAL's limits, https://learn.microsoft.com/sql/t-sql/data-types/decimal-and-numeric-transact-sql */
export const MAX_DECIMAL_PRECISION = 38;
const DEFAULT_PRECISION = 18;
const DEFAULT_SCALE = 0;
const SIGN_POSITIVE = 1;
const SIGN_NEGATIVE = 0;

/** Value bytes (sign included) by precision, MS-TDS 2.2.5.5.1.6. */
export function decimalLength(precision: number): 5 | 9 | 13 | 17 {
  if (precision <= 9) return 5;
  if (precision <= 19) return 9;
  if (precision <= 28) return 13;
  return 17;
}

function readMagnitude(buffer: Buffer, offset: number, bytes: number): bigint {
  let magnitude = 0n;
  for (let i = bytes - 1; i >= 0; i -= 1) magnitude = (magnitude << 8n) | BigInt(buffer.readUInt8(offset + i));
  return magnitude;
}

function writeMagnitude(magnitude: bigint, bytes: number): Buffer {
  const buffer = Buffer.alloc(bytes);
  let rest = magnitude;
  for (let i = 0; i < bytes; i += 1) {
    buffer.writeUInt8(Number(rest & 0xffn), i);
    rest >>= 8n;
  }
  if (rest !== 0n) throw new RangeError('decimal magnitude does not fit its precision');
  return buffer;
}

export function formatDecimal(negative: boolean, magnitude: bigint, scale: number): string {
  const digits = magnitude.toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const text = scale === 0 ? whole : `${whole}.${digits.slice(digits.length - scale)}`;
  return negative && magnitude !== 0n ? `-${text}` : text;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Parses an exact decimal string at `scale` digits, rounding half away from zero. */
export function parseDecimal(text: string, scale: number): { readonly negative: boolean; readonly magnitude: bigint } {
  const match = DECIMAL.exec(text.trim());
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) throw new TypeError(`not a decimal: ${text}`);
  const fraction = match[3] ?? '';
  const kept = fraction.slice(0, scale).padEnd(scale, '0');
  let magnitude = BigInt(`${match[2] === '' ? '0' : match[2]}${kept}`);
  if ((fraction[scale] ?? '0') >= '5') magnitude += 1n;
  return { negative: match[1] === '-', magnitude };
}

export const decimaln: TypeCodec = {
  typeIds: [DECIMALN_TYPE, NUMERICN_TYPE],
  readTypeInfo(typeId, buffer, offset): Decoded<TsqlType> {
    need(buffer, offset, 3, 'DECIMALN type info');
    const precision = buffer.readUInt8(offset + 1);
    const scale = buffer.readUInt8(offset + 2);
    const name = typeId === NUMERICN_TYPE ? 'numeric' : 'decimal';
    return { value: { name, precision, scale }, offset: offset + 3 };
  },
  writeTypeInfo(type): Buffer {
    const precision = type.precision ?? DEFAULT_PRECISION;
    const id = type.name === 'numeric' ? NUMERICN_TYPE : DECIMALN_TYPE;
    return Buffer.from([id, decimalLength(precision), precision, type.scale ?? DEFAULT_SCALE]);
  },
  readValue(type, buffer, offset): Decoded<SqlValue> {
    const length = readU8(buffer, offset, 'DECIMALN value');
    if (length.value === NULL_LENGTH_U8) return { value: null, offset: length.offset };
    if (![5, 9, 13, 17].includes(length.value)) throw new TdsProtocolError(`DECIMALN value length ${length.value}`);
    need(buffer, length.offset, length.value, 'DECIMALN value');
    const sign = buffer.readUInt8(length.offset);
    const magnitude = readMagnitude(buffer, length.offset + 1, length.value - 1);
    const text = formatDecimal(sign === SIGN_NEGATIVE, magnitude, type.scale ?? DEFAULT_SCALE);
    return { value: text, offset: length.offset + length.value };
  },
  writeValue(type, value): Buffer {
    if (value === null) return u8(NULL_LENGTH_U8);
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') throw wrongValue(type, value);
    const length = decimalLength(type.precision ?? DEFAULT_PRECISION);
    const { negative, magnitude } = parseDecimal(String(value), type.scale ?? DEFAULT_SCALE);
    const sign = negative && magnitude !== 0n ? SIGN_NEGATIVE : SIGN_POSITIVE;
    return Buffer.concat([Buffer.from([length, sign]), writeMagnitude(magnitude, length - 1)]);
  },
};
