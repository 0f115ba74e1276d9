// Exact value conversion across the seam (contract.ts SqlValue): DuckDB results to T-SQL values, and
// RPC parameters to DuckDB binds. Datetimes are formatted from integer ticks, never through JS Date.
import {
  DuckDBBlobValue, DuckDBDateValue, DuckDBDecimalValue, DuckDBTimeValue, DuckDBTimestampNanosecondsValue,
  DuckDBTimeNSValue, DuckDBTimestampTZValue, DuckDBTimestampValue, DuckDBTypeId, type DuckDBType, type DuckDBValue,
} from '@duckdb/node-api';
import type { SqlParameter, SqlValue, TsqlType } from '../contract.js';
import { civilDate, pad } from './civil-date.js';
import {
  datetime2Bind, datetimeoffsetBind, formatStoredOffset, formatTicks, isStoredDatetimeoffset,
} from './temporal-storage.js';

const NANOS_PER_DAY = 86_400_000_000_000n;
const NANOS_PER_TICK = 100n; // SQL Server's 100 ns tick: 7 fractional digits.
const NANOS_PER_MICRO = 1000n;
const UTC_OFFSET = '+00:00';


function timeOfDay(nanos: bigint): string {
  const ticks = nanos / NANOS_PER_TICK;
  const seconds = ticks / 10_000_000n;
  const frac = ticks % 10_000_000n;
  return `${pad(seconds / 3600n, 2)}:${pad((seconds / 60n) % 60n, 2)}:${pad(seconds % 60n, 2)}.${pad(frac, 7)}`;
}

/** Nanoseconds since the epoch to "YYYY-MM-DD hh:mm:ss.fffffff". */
export function formatNanos(nanos: bigint): string {
  const days = nanos >= 0n ? nanos / NANOS_PER_DAY : -((-nanos + NANOS_PER_DAY - 1n) / NANOS_PER_DAY);
  return `${civilDate(days)} ${timeOfDay(nanos - days * NANOS_PER_DAY)}`;
}

/** A scaled integer to its exact decimal text, e.g. (-12345n, 3) -> "-12.345". */
export function formatDecimal(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${body}` : body;
}

export function toSqlValue(v: DuckDBValue, type: DuckDBType, declared: TsqlType): SqlValue {
  if (v === null) return null;
  const offset = declared.name === 'datetimeoffset' ? UTC_OFFSET : '';
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT: case DuckDBTypeId.UINTEGER:
      return BigInt(v as bigint | number);
    case DuckDBTypeId.UHUGEINT:
      return declared.name === 'datetime2' ? formatTicks(BigInt(v as bigint)) : String(v);
    case DuckDBTypeId.UBIGINT: case DuckDBTypeId.HUGEINT:
      return String(v);
    case DuckDBTypeId.DECIMAL: {
      const d = v as DuckDBDecimalValue;
      return formatDecimal(d.value, d.scale);
    }
    case DuckDBTypeId.DATE: return civilDate(BigInt((v as DuckDBDateValue).days));
    case DuckDBTypeId.TIME: return timeOfDay((v as DuckDBTimeValue).micros * NANOS_PER_MICRO);
    case DuckDBTypeId.TIME_NS: return timeOfDay((v as DuckDBTimeNSValue).nanos);
    case DuckDBTypeId.TIMESTAMP: return formatNanos((v as DuckDBTimestampValue).micros * NANOS_PER_MICRO) + offset;
    case DuckDBTypeId.TIMESTAMP_NS: return formatNanos((v as DuckDBTimestampNanosecondsValue).nanos) + offset;
    case DuckDBTypeId.TIMESTAMP_TZ: return formatNanos((v as DuckDBTimestampTZValue).micros * NANOS_PER_MICRO) + UTC_OFFSET;
    case DuckDBTypeId.VARCHAR:
      return declared.name === 'datetimeoffset' && isStoredDatetimeoffset(v) ? formatStoredOffset(v) : String(v);
    case DuckDBTypeId.UUID: return String(v).toUpperCase();
    case DuckDBTypeId.BLOB: return Buffer.from((v as DuckDBBlobValue).bytes);
    default:
      if (typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string' || typeof v === 'bigint') return v;
      return String(v);
  }
}

/** A parameter value as a DuckDB bind; the SQL casts each bind to the parameter's declared type. */
export function toDuckdbBind(p: SqlParameter): DuckDBValue {
  const v = p.value;
  if (v === null) return null;
  if (Buffer.isBuffer(v)) return new DuckDBBlobValue(new Uint8Array(v));
  // The SQL around these binds builds the storage (rewrite.ts parameterSql).
  if (p.type.name === 'datetime2' && typeof v === 'string') return datetime2Bind(v);
  if (p.type.name === 'datetimeoffset' && typeof v === 'string') return datetimeoffsetBind(v);
  return v;
}
