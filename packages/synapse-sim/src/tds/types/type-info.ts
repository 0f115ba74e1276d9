// Dispatch from a T-SQL type name (writing) or a TDS type id (reading) to its codec.
// The Record makes the compiler prove every TsqlTypeName has a codec (STYLE 6).
import type { SqlValue, TsqlType, TsqlTypeName } from '../../contract.js';
import { readU8, TdsProtocolError, type Decoded } from '../primitives.js';
import { bitn } from './bitn.js';
import { date } from './date.js';
import { datetime } from './datetime.js';
import { datetime2 } from './datetime2.js';
import { datetimeoffset } from './datetimeoffset.js';
import { decimaln } from './decimaln.js';
import { fltn } from './fltn.js';
import { intn } from './intn.js';
import { nvarchar } from './nvarchar.js';
import { time } from './time.js';
import type { TypeCodec } from './type-codec.js';
import { uniqueidentifier } from './uniqueidentifier.js';
import { varbinary } from './varbinary.js';
import { varchar } from './varchar.js';

const CODEC_BY_NAME: Readonly<Record<TsqlTypeName, TypeCodec>> = {
  tinyint: intn, smallint: intn, int: intn, bigint: intn,
  bit: bitn,
  real: fltn, float: fltn,
  decimal: decimaln, numeric: decimaln,
  nvarchar, nchar: nvarchar, varchar, char: varchar,
  varbinary,
  date, time, datetime, datetime2, datetimeoffset,
  uniqueidentifier,
};

const CODEC_BY_TYPE_ID: ReadonlyMap<number, TypeCodec> = new Map(
  [...new Set(Object.values(CODEC_BY_NAME))].flatMap((codec) => codec.typeIds.map((id) => [id, codec] as const)),
);

export function readTypeInfo(buffer: Buffer, offset: number): Decoded<TsqlType> {
  const typeId = readU8(buffer, offset, 'TYPE_INFO');
  const codec = CODEC_BY_TYPE_ID.get(typeId.value);
  if (codec === undefined) throw new TdsProtocolError(`unsupported TDS type 0x${typeId.value.toString(16)}`);
  return codec.readTypeInfo(typeId.value, buffer, typeId.offset);
}

export function writeTypeInfo(type: TsqlType): Buffer {
  return CODEC_BY_NAME[type.name].writeTypeInfo(type);
}

export function readValue(type: TsqlType, buffer: Buffer, offset: number): Decoded<SqlValue> {
  return CODEC_BY_NAME[type.name].readValue(type, buffer, offset);
}

export function writeValue(type: TsqlType, value: SqlValue): Buffer {
  return CODEC_BY_NAME[type.name].writeValue(type, value);
}
