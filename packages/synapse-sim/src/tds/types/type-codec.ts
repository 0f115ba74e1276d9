// The shape every SQL type file implements: TYPE_INFO (MS-TDS 2.2.5.6) and the value (2.2.5.5), both ways.
import type { SqlValue, TsqlType } from '../../contract.js';
import type { Decoded } from '../primitives.js';

export interface TypeCodec {
  /** TDS type ids (MS-TDS 2.2.5.4) this codec reads. */
  readonly typeIds: readonly number[];
  /** Reads the TYPE_INFO that follows the type id byte. */
  readTypeInfo(typeId: number, buffer: Buffer, offset: number): Decoded<TsqlType>;
  /** Writes TYPE_INFO including its type id byte. */
  writeTypeInfo(type: TsqlType): Buffer;
  readValue(type: TsqlType, buffer: Buffer, offset: number): Decoded<SqlValue>;
  writeValue(type: TsqlType, value: SqlValue): Buffer;
}

/** A value of the wrong JavaScript type for its column: a bug on the engine side of the seam. */
export function wrongValue(type: TsqlType, value: SqlValue): Error {
  const shown = Buffer.isBuffer(value) ? 'Buffer' : typeof value;
  return new TypeError(`a ${type.name} value cannot be ${shown} ${String(value)}`);
}

/** The byte-length prefix meaning NULL for the fixed-length nullable (…N) types, MS-TDS 2.2.5.2.1. */
export const NULL_LENGTH_U8 = 0x00;
