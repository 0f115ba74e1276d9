// T-SQL types: parsing declarations, mapping to DuckDB storage types, and mapping DuckDB result types back.
// Synapse types: https://learn.microsoft.com/sql/t-sql/statements/create-table-azure-sql-data-warehouse (data types)
import { DuckDBDecimalType, DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import type { TsqlType, TsqlTypeName } from '../contract.js';
import { isPunct, type Token } from './lexer.js';
import { invalidScale, precisionTooLarge, scaleOverPrecision } from '../errors.js';
import { MAX_DECIMAL_PRECISION, MAX_FRACTIONAL_SECONDS } from './limits.js';
import { DT2_STORAGE, DTO_STORAGE } from './temporal-storage.js';

/** Default decimal precision/scale when omitted: decimal(18,0). */
const DEFAULT_DECIMAL: Pick<TsqlType, 'precision' | 'scale'> = { precision: 18, scale: 0 };
/** float(n): n 1-24 is real, 25-53 is float. research/synapse.md 1.5. */
const REAL_MAX_MANTISSA = 24;

/** T-SQL spellings, including aliases Synapse accepts, to their contract names. */
const NAMES: Readonly<Record<string, TsqlTypeName>> = {
  TINYINT: 'tinyint', SMALLINT: 'smallint', INT: 'int', INTEGER: 'int', BIGINT: 'bigint', BIT: 'bit',
  REAL: 'real', FLOAT: 'float', DECIMAL: 'decimal', NUMERIC: 'numeric', MONEY: 'decimal', SMALLMONEY: 'decimal',
  NVARCHAR: 'nvarchar', VARCHAR: 'varchar', NCHAR: 'nchar', CHAR: 'char', VARBINARY: 'varbinary', BINARY: 'varbinary',
  DATE: 'date', TIME: 'time', DATETIME: 'datetime', SMALLDATETIME: 'datetime', DATETIME2: 'datetime2',
  DATETIMEOFFSET: 'datetimeoffset', UNIQUEIDENTIFIER: 'uniqueidentifier',
};

/** DuckDB storage type per T-SQL type. time uses TIME_NS to keep 100 ns; datetime2/datetimeoffset: temporal-storage.ts. */
const STORAGE: Readonly<Record<TsqlTypeName, (t: TsqlType) => string>> = {
  tinyint: () => 'UTINYINT', smallint: () => 'SMALLINT', int: () => 'INTEGER', bigint: () => 'BIGINT',
  bit: () => 'BOOLEAN', real: () => 'FLOAT', float: () => 'DOUBLE',
  decimal: (t) => `DECIMAL(${t.precision ?? 18},${t.scale ?? 0})`,
  numeric: (t) => `DECIMAL(${t.precision ?? 18},${t.scale ?? 0})`,
  nvarchar: () => 'VARCHAR', varchar: () => 'VARCHAR', nchar: () => 'VARCHAR', char: () => 'VARCHAR',
  varbinary: () => 'BLOB', date: () => 'DATE', time: () => 'TIME_NS', datetime: () => 'TIMESTAMP',
  datetime2: () => DT2_STORAGE, datetimeoffset: () => DTO_STORAGE, uniqueidentifier: () => 'UUID',
};

export function isTypeWord(word: string): boolean {
  return word in NAMES;
}

export function toDuckdbType(t: TsqlType): string {
  return STORAGE[t.name](t);
}

export function isStringType(t: TsqlType): boolean {
  return t.name === 'nvarchar' || t.name === 'varchar' || t.name === 'nchar' || t.name === 'char';
}

/** Parses `NAME [ ( n | MAX | p , s ) ]` at tokens[start] (significant tokens); `ordinal` numbers the column in errors. */
export function parseType(tokens: readonly Token[], start: number, ordinal = 1): { readonly type: TsqlType; readonly end: number } {
  const head = tokens[start];
  const upper = head?.kind === 'word' || head?.kind === 'ident' ? head.value.toUpperCase() : '';
  const name = NAMES[upper];
  if (name === undefined) throw new Error(`Column, parameter, or variable: Cannot find data type ${head?.text ?? ''}.`);
  const args: string[] = [];
  let end = start + 1;
  if (isPunct(tokens[end], '(')) {
    end++;
    while (!isPunct(tokens[end], ')')) {
      const t = tokens[end];
      if (t === undefined) throw new Error(`Incorrect syntax in the type of ${head?.text ?? ''}.`);
      if (!isPunct(t, ',')) args.push(t.value.toUpperCase());
      end++;
    }
    end++;
  }
  return { type: buildType(name, upper, args, ordinal), end };
}

function buildType(name: TsqlTypeName, spelled: string, args: readonly string[], ordinal: number): TsqlType {
  const [a, b] = args;
  switch (name) {
    case 'decimal':
    case 'numeric': {
      if (spelled === 'MONEY') return { name, precision: 19, scale: 4 };
      if (spelled === 'SMALLMONEY') return { name, precision: 10, scale: 4 };
      const precision = a === undefined ? DEFAULT_DECIMAL.precision : Number(a);
      const scale = b === undefined ? (a === undefined ? DEFAULT_DECIMAL.scale : 0) : Number(b);
      if (precision === undefined || scale === undefined || precision < 1) {
        throw new Error(`Column or parameter has an invalid precision value ${a ?? ''}.`);
      }
      if (precision > MAX_DECIMAL_PRECISION) throw precisionTooLarge(ordinal, precision, MAX_DECIMAL_PRECISION);
      if (scale > precision) throw scaleOverPrecision(ordinal, scale, precision);
      return { name, precision, scale };
    }
    case 'float':
      return a !== undefined && Number(a) <= REAL_MAX_MANTISSA ? { name: 'real' } : { name };
    case 'nvarchar': case 'varchar': case 'nchar': case 'char': case 'varbinary':
      return { name, length: a === 'MAX' ? 'max' : a === undefined ? 1 : Number(a) };
    case 'time': case 'datetime2': case 'datetimeoffset': {
      const scale = a === undefined ? MAX_FRACTIONAL_SECONDS : Number(a);
      if (scale > MAX_FRACTIONAL_SECONDS) throw invalidScale(scale);
      return { name, scale };
    }
    case 'datetime':
      return { name, scale: 3 };
    default:
      return { name };
  }
}

/** The T-SQL type reported for a DuckDB result column that is not a known user-table column. */
export function fromDuckdbType(t: DuckDBType): TsqlType {
  switch (t.typeId) {
    case DuckDBTypeId.BOOLEAN: return { name: 'bit' };
    case DuckDBTypeId.TINYINT: case DuckDBTypeId.SMALLINT: return { name: 'smallint' };
    case DuckDBTypeId.UTINYINT: return { name: 'tinyint' };
    case DuckDBTypeId.INTEGER: case DuckDBTypeId.USMALLINT: return { name: 'int' };
    case DuckDBTypeId.BIGINT: case DuckDBTypeId.UINTEGER: return { name: 'bigint' };
    // UHUGEINT is the datetime2 storage (temporal-storage.ts); no other T-SQL type maps to it.
    case DuckDBTypeId.UHUGEINT: return { name: 'datetime2', scale: 7 };
    case DuckDBTypeId.UBIGINT: case DuckDBTypeId.HUGEINT:
      return { name: 'decimal', precision: 38, scale: 0 };
    case DuckDBTypeId.FLOAT: return { name: 'real' };
    case DuckDBTypeId.DOUBLE: return { name: 'float' };
    case DuckDBTypeId.DECIMAL: {
      const d = t as DuckDBDecimalType;
      return { name: 'decimal', precision: d.width, scale: d.scale };
    }
    case DuckDBTypeId.DATE: return { name: 'date' };
    case DuckDBTypeId.TIME: case DuckDBTypeId.TIME_NS: return { name: 'time', scale: 7 };
    case DuckDBTypeId.TIMESTAMP: case DuckDBTypeId.TIMESTAMP_S: case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return { name: 'datetime2', scale: 7 };
    case DuckDBTypeId.TIMESTAMP_TZ: return { name: 'datetimeoffset', scale: 7 };
    case DuckDBTypeId.UUID: return { name: 'uniqueidentifier' };
    case DuckDBTypeId.BLOB: return { name: 'varbinary', length: 'max' };
    default: return { name: 'nvarchar', length: 'max' };
  }
}

/** Whether a declared type is stored as the given DuckDB result type (so the declared type may be reported). */
export function storedAs(declared: TsqlType, t: DuckDBType): boolean {
  // The NOCASE collation is not part of the reported type.
  const storage = declared.name === 'datetimeoffset' ? 'VARCHAR' : toDuckdbType(declared);
  return storage === t.toString() || (storage.startsWith('DECIMAL') && t.typeId === DuckDBTypeId.DECIMAL && storage === `DECIMAL(${(t as DuckDBDecimalType).width},${(t as DuckDBDecimalType).scale})`);
}

/** A T-SQL type as SQL Server spells it in messages: nvarchar(40), decimal(18,2), datetimeoffset(3). */
export function renderTsqlType(t: TsqlType): string {
  if (t.length !== undefined) return `${t.name}(${t.length === 'max' ? 'max' : t.length})`;
  if (t.name === 'decimal' || t.name === 'numeric') return `${t.name}(${t.precision ?? 18},${t.scale ?? 0})`;
  if (t.scale !== undefined && t.name !== 'datetime') return `${t.name}(${t.scale})`;
  return t.name;
}
