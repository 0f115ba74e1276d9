// INFORMATION_SCHEMA and sys views answered from the shadow catalog in T-SQL terms, rendered as an inline
// DuckDB subquery so the caller's WHERE/ORDER BY/joins run unchanged.
// Column sets: https://learn.microsoft.com/sql/relational-databases/system-information-schema-views/columns-transact-sql
// and sys.columns/sys.tables/sys.schemas/sys.types docs; research/synapse.md 1.10.
import type { CatalogColumn } from '../contract.js';
import type { CatalogState, TableDef } from './catalog.js';
import type { TranslateContext } from './context.js';
import { duckIdent, duckString, isPunct, type Token } from './lexer.js';

type Cell = string | number | boolean | null;
type ColType = 'VARCHAR' | 'INTEGER' | 'SMALLINT' | 'UTINYINT' | 'BOOLEAN';

interface View {
  readonly columns: readonly (readonly [string, ColType])[];
  readonly rows: (c: CatalogState, ctx: TranslateContext) => readonly (readonly Cell[])[];
}

/** sys.types system_type_id per T-SQL type (SQL Server sys.types). */
const TYPE_IDS: Readonly<Record<string, number>> = {
  tinyint: 48, smallint: 52, int: 56, bigint: 127, bit: 104, real: 59, float: 62, decimal: 106, numeric: 108,
  nvarchar: 231, varchar: 167, nchar: 239, char: 175, varbinary: 165, date: 40, time: 41, datetime: 61,
  datetime2: 42, datetimeoffset: 43, uniqueidentifier: 36,
};
/** NUMERIC_PRECISION of the fixed-precision types (INFORMATION_SCHEMA.COLUMNS). */
const FIXED_PRECISION: Readonly<Record<string, number>> = { tinyint: 3, smallint: 5, int: 10, bigint: 19, real: 24, float: 53 };
/** Bytes per character for max_length/CHARACTER_OCTET_LENGTH. */
const UNICODE_BYTES = 2;
/** sys.indexes.type: 0 heap, 1 clustered, 5 clustered columnstore. */
const INDEX_TYPES = { HEAP: 0, 'CLUSTERED INDEX': 1, 'CLUSTERED COLUMNSTORE INDEX': 5 } as const;
/** sys.pdw_table_distribution_properties.distribution_policy: 2 HASH, 3 REPLICATE, 4 ROUND_ROBIN. */
const POLICIES = { HASH: 2, REPLICATE: 3, ROUND_ROBIN: 4 } as const;

const schemaName = (c: CatalogState, t: TableDef): string => c.schemas.get(t.schema.toLowerCase())?.name ?? t.schema;
const schemaId = (c: CatalogState, t: TableDef): number => c.schemas.get(t.schema.toLowerCase())?.schemaId ?? 1;
const isUnicode = (col: CatalogColumn): boolean => col.type.name === 'nvarchar' || col.type.name === 'nchar';
const charLength = (col: CatalogColumn): number | null => col.type.length === undefined ? null : col.type.length === 'max' ? -1 : col.type.length;
const octetLength = (col: CatalogColumn): number | null => {
  const n = charLength(col);
  return n === null || n === -1 ? n : isUnicode(col) ? n * UNICODE_BYTES : n;
};
/** sys.columns.max_length in bytes of the fixed-size types (SQL Server data type storage sizes). */
function fixedMaxLength(col: CatalogColumn): number | undefined {
  const scale = col.type.scale ?? 7;
  const precision = col.type.precision ?? 18;
  switch (col.type.name) {
    case 'tinyint': case 'bit': return 1;
    case 'smallint': return 2;
    case 'int': case 'real': return 4;
    case 'bigint': case 'float': case 'datetime': return 8;
    case 'decimal': case 'numeric': return precision <= 9 ? 5 : precision <= 19 ? 9 : precision <= 28 ? 13 : 17;
    case 'date': return 3;
    case 'time': return scale <= 2 ? 3 : scale <= 4 ? 4 : 5;
    case 'datetime2': return scale <= 2 ? 6 : scale <= 4 ? 7 : 8;
    case 'datetimeoffset': return scale <= 2 ? 8 : scale <= 4 ? 9 : 10;
    case 'uniqueidentifier': return 16;
    default: return undefined;
  }
}
const precisionOf = (col: CatalogColumn): number | null => FIXED_PRECISION[col.type.name] ?? col.type.precision ?? null;
const scaleOf = (col: CatalogColumn): number | null =>
  col.type.name in FIXED_PRECISION ? (col.type.name === 'real' || col.type.name === 'float' ? null : 0) : col.type.name === 'decimal' || col.type.name === 'numeric' ? col.type.scale ?? 0 : null;
const datetimePrecision = (col: CatalogColumn): number | null =>
  col.type.name === 'date' ? 0 : col.type.name === 'datetime' ? 3 : ['time', 'datetime2', 'datetimeoffset'].includes(col.type.name) ? col.type.scale ?? 7 : null;
const permanent = (c: CatalogState): readonly TableDef[] => [...c.tables.values()];

const VIEWS: Readonly<Record<string, View>> = {
  'INFORMATION_SCHEMA.TABLES': {
    columns: [['TABLE_CATALOG', 'VARCHAR'], ['TABLE_SCHEMA', 'VARCHAR'], ['TABLE_NAME', 'VARCHAR'], ['TABLE_TYPE', 'VARCHAR']],
    rows: (c, ctx) => permanent(c).map((t) => [ctx.database, schemaName(c, t), t.name, 'BASE TABLE']),
  },
  'INFORMATION_SCHEMA.SCHEMATA': {
    columns: [['CATALOG_NAME', 'VARCHAR'], ['SCHEMA_NAME', 'VARCHAR'], ['SCHEMA_OWNER', 'VARCHAR']],
    rows: (c, ctx) => [...c.schemas.values()].map((s) => [ctx.database, s.name, 'dbo']),
  },
  'INFORMATION_SCHEMA.COLUMNS': {
    columns: [
      ['TABLE_CATALOG', 'VARCHAR'], ['TABLE_SCHEMA', 'VARCHAR'], ['TABLE_NAME', 'VARCHAR'], ['COLUMN_NAME', 'VARCHAR'],
      ['ORDINAL_POSITION', 'INTEGER'], ['COLUMN_DEFAULT', 'VARCHAR'], ['IS_NULLABLE', 'VARCHAR'], ['DATA_TYPE', 'VARCHAR'],
      ['CHARACTER_MAXIMUM_LENGTH', 'INTEGER'], ['CHARACTER_OCTET_LENGTH', 'INTEGER'], ['NUMERIC_PRECISION', 'UTINYINT'],
      ['NUMERIC_SCALE', 'INTEGER'], ['DATETIME_PRECISION', 'SMALLINT'], ['COLLATION_NAME', 'VARCHAR'],
    ],
    rows: (c, ctx) => permanent(c).flatMap((t) => t.columns.map((col, i) => [
      ctx.database, schemaName(c, t), t.name, col.name, i + 1, null, col.nullable ? 'YES' : 'NO', col.type.name,
      charLength(col), octetLength(col), precisionOf(col), scaleOf(col), datetimePrecision(col),
      charLength(col) === null || col.type.name === 'varbinary' ? null : 'SQL_Latin1_General_CP1_CI_AS',
    ])),
  },
  'SYS.SCHEMAS': {
    columns: [['name', 'VARCHAR'], ['schema_id', 'INTEGER'], ['principal_id', 'INTEGER']],
    rows: (c) => [...c.schemas.values()].map((s) => [s.name, s.schemaId, 1]),
  },
  'SYS.TABLES': {
    columns: [['name', 'VARCHAR'], ['object_id', 'INTEGER'], ['schema_id', 'INTEGER'], ['type', 'VARCHAR'], ['type_desc', 'VARCHAR']],
    rows: (c) => permanent(c).map((t) => [t.name, t.objectId, schemaId(c, t), 'U', 'USER_TABLE']),
  },
  'SYS.COLUMNS': {
    columns: [
      ['object_id', 'INTEGER'], ['name', 'VARCHAR'], ['column_id', 'INTEGER'], ['system_type_id', 'UTINYINT'],
      ['user_type_id', 'INTEGER'], ['max_length', 'SMALLINT'], ['precision', 'UTINYINT'], ['scale', 'UTINYINT'], ['is_nullable', 'BOOLEAN'],
    ],
    rows: (c) => permanent(c).flatMap((t) => t.columns.map((col, i) => [
      t.objectId, col.name, i + 1, TYPE_IDS[col.type.name] ?? 0, TYPE_IDS[col.type.name] ?? 0, octetLength(col) ?? fixedMaxLength(col) ?? 0,
      precisionOf(col) ?? 0, scaleOf(col) ?? datetimePrecision(col) ?? 0, col.nullable,
    ])),
  },
  'SYS.TYPES': {
    columns: [['name', 'VARCHAR'], ['system_type_id', 'UTINYINT'], ['user_type_id', 'INTEGER']],
    rows: () => Object.entries(TYPE_IDS).map(([name, id]) => [name, id, id]),
  },
  'SYS.INDEXES': {
    columns: [['object_id', 'INTEGER'], ['index_id', 'INTEGER'], ['type', 'UTINYINT'], ['type_desc', 'VARCHAR']],
    rows: (c) => permanent(c).map((t) => [t.objectId, INDEX_TYPES[t.index] === 0 ? 0 : 1, INDEX_TYPES[t.index], t.index === 'HEAP' ? 'HEAP' : t.index === 'CLUSTERED INDEX' ? 'CLUSTERED' : 'CLUSTERED COLUMNSTORE']),
  },
  'SYS.PDW_TABLE_DISTRIBUTION_PROPERTIES': {
    columns: [['object_id', 'INTEGER'], ['distribution_policy', 'UTINYINT'], ['distribution_policy_desc', 'VARCHAR']],
    rows: (c) => permanent(c).map((t) => [t.objectId, POLICIES[t.distribution.kind], t.distribution.kind]),
  },
  // https://learn.microsoft.com/sql/relational-databases/system-catalog-views/sys-pdw-column-distribution-properties-transact-sql:
  // one row per column; distribution_ordinal is 0 for a column that is not a distribution column, else its
  // 1-based position in the HASH column list. How a loader finds a table's hash column.
  'SYS.PDW_COLUMN_DISTRIBUTION_PROPERTIES': {
    columns: [['object_id', 'INTEGER'], ['column_id', 'INTEGER'], ['distribution_ordinal', 'UTINYINT']],
    rows: (c) => permanent(c).flatMap((t) => t.columns.map((col, i) => [t.objectId, i + 1, distributionOrdinal(t, col.name)])),
  },
};

function distributionOrdinal(t: TableDef, column: string): number {
  if (t.distribution.kind !== 'HASH') return 0;
  const at = t.distribution.columns.findIndex((name) => name.toLowerCase() === column.toLowerCase());
  return at + 1;
}

function viewKey(tokens: readonly Token[], i: number): { readonly key: string; readonly end: number } | undefined {
  const a = tokens[i];
  const b = tokens[i + 2];
  if (a === undefined || b === undefined || !isPunct(tokens[i + 1], '.')) return undefined;
  const key = `${a.value.toUpperCase()}.${b.value.toUpperCase()}`;
  return key in VIEWS ? { key, end: i + 3 } : undefined;
}

export function isCatalogView(tokens: readonly Token[], i: number): boolean {
  return !isPunct(tokens[i - 1], '.') && viewKey(tokens, i) !== undefined;
}

const ALIAS_STOP = new Set(['WHERE', 'ORDER', 'GROUP', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'ON', 'UNION', 'HAVING', 'OPTION']);

function literal(v: Cell): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return duckString(v);
  return String(v);
}

/** Renders the view at tokens[i] as `(SELECT ...) AS alias`, keeping an alias the caller wrote. */
export function catalogView(tokens: readonly Token[], i: number, ctx: TranslateContext): { readonly sql: string; readonly end: number } {
  const found = viewKey(tokens, i);
  if (found === undefined) throw new Error('not a catalog view');
  const view = VIEWS[found.key] as View;
  const rows = view.rows(ctx.catalogs.shared, ctx);
  const names = view.columns.map(([n]) => duckIdent(`c_${n}`)).join(', ');
  const select = view.columns.map(([n, t]) => {
    const cast = `CAST(${duckIdent(`c_${n}`)} AS ${t})`;
    return `${t === 'VARCHAR' ? `${cast} COLLATE NOCASE` : cast} AS ${duckIdent(n)}`;
  }).join(', ');
  const values = rows.length === 0
    ? `(${view.columns.map(() => 'NULL').join(', ')})`
    : rows.map((r) => `(${r.map(literal).join(', ')})`).join(', ');
  const next = tokens[found.end];
  const hasAlias = next !== undefined && (next.kind === 'ident' || (next.kind === 'word' && (next.value === 'AS' || !ALIAS_STOP.has(next.value))));
  const alias = hasAlias ? '' : ` AS ${duckIdent((tokens[i + 2] as Token).value)}`;
  const sql = `(SELECT ${select} FROM (VALUES ${values}) AS v(${names})${rows.length === 0 ? ' WHERE false' : ''})${alias}`;
  return { sql, end: found.end };
}
