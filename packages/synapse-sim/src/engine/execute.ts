// Runs a DuckDB plan on a connection and shapes the outcome in T-SQL terms (result ColumnMeta and values).
import { DuckDBTypeId, type DuckDBConnection, type DuckDBResultReader, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { CatalogColumn, ColumnMeta, SqlParameter, StatementOutcome, TsqlType } from '../contract.js';
import { isStoredDatetimeoffset } from './temporal-storage.js';
import { findColumn, withTable, type TableDef } from './catalog.js';
import { genericError, undeclaredVariable } from '../errors.js';
import { duckName, schemaOf } from './names.js';
import type { Catalogs, CtasTarget, Plan } from './plan.js';
import { checkColumns } from './shapes/ddl.js';
import { fromDuckdbType, storedAs } from './tsql-types.js';
import { toDuckdbBind, toSqlValue } from './values.js';

type DuckdbPlan = Extract<Plan, { kind: 'duckdb' }>;

/** The declared column a result column comes from, judged by name and storage type. */
function declaredColumn(sources: readonly TableDef[], name: string, type: DuckDBType): CatalogColumn | undefined {
  for (const def of sources) {
    const col = findColumn(def, name);
    if (col !== undefined && storedAs(col.type, type)) return col;
  }
  return undefined;
}

/**
 * A computed VARCHAR column (MAX(o), SYSDATETIMEOFFSET()) is a datetimeoffset when every value is one in storage:
 * DuckDB's type does not tell it from text (temporal-storage.ts).
 */
function storedOffsetColumn(rows: readonly (readonly DuckDBValue[])[] | undefined, k: number, allowEmpty = false): boolean {
  if (rows === undefined) return allowEmpty;
  const values = rows.map((r) => r[k]).filter((v) => v !== null);
  return (allowEmpty || values.length > 0) && values.every(isStoredDatetimeoffset);
}

export function columnMeta(reader: DuckDBResultReader, sources: readonly TableDef[], rows?: readonly (readonly DuckDBValue[])[]): readonly ColumnMeta[] {
  const types = reader.columnTypes();
  return reader.columnNames().map((name, k) => {
    const type = types[k] as DuckDBType;
    const declared = declaredColumn(sources, name, type);
    // `CAST(o AS nvarchar) AS o` has the name and the VARCHAR storage of a datetimeoffset column, but text values.
    const col = declared?.type.name === 'datetimeoffset' && !storedOffsetColumn(rows, k, true) ? undefined : declared;
    const computed: TsqlType = type.typeId === DuckDBTypeId.VARCHAR && storedOffsetColumn(rows, k) ? { name: 'datetimeoffset', scale: 7 } : fromDuckdbType(type);
    return { name, type: col?.type ?? computed, nullable: col?.nullable ?? true };
  });
}

export function bindValues(plan: DuckdbPlan, params: ReadonlyMap<string, SqlParameter>): ReturnType<typeof toDuckdbBind>[] {
  return plan.binds.map((name) => {
    const p = params.get(name.toLowerCase());
    if (p === undefined) throw undeclaredVariable(name);
    return toDuckdbBind(p);
  });
}

export async function runPlan(conn: DuckDBConnection, plan: DuckdbPlan, params: ReadonlyMap<string, SqlParameter>): Promise<StatementOutcome> {
  const values = bindValues(plan, params);
  const reader = values.length > 0 ? await conn.runAndReadAll(plan.sql, values) : await conn.runAndReadAll(plan.sql);
  if (plan.returns === 'rows') {
    const raw = reader.getRows();
    const columns = columnMeta(reader, plan.sources, raw).map((c, k) => (plan.unnamed?.includes(k) === true ? { ...c, name: '' } : c));
    const types = reader.columnTypes();
    const rows = raw.map((r) => r.map((v, k) => toSqlValue(v, types[k] as DuckDBType, (columns[k] as ColumnMeta).type)));
    return { kind: 'rows', columns, rows };
  }
  if (plan.returns === 'count') {
    const first = reader.getRows()[0]?.[0];
    return { kind: 'done', rowCount: typeof first === 'bigint' || typeof first === 'number' ? Number(first) : 0 };
  }
  if (plan.returns === 'merge-actions') {
    // Synapse: "A MERGE update is implemented as a delete and insert pair. The affected row count for a MERGE update
    // includes the deleted and inserted rows." (MERGE (Transact-SQL), Azure Synapse remarks.) So an updated row counts 2.
    const rowCount = reader.getRows().reduce<number>((n, [action]) => n + (action === 'UPDATE' ? 2 : 1), 0);
    return { kind: 'done', rowCount };
  }
  return { kind: 'done' };
}

/** After CTAS: derive declared columns from DuckDB's description and the source tables; enforce the limits. */
export async function completeCtas(conn: DuckDBConnection, target: CtasTarget, sources: readonly TableDef[], catalogs: Catalogs): Promise<Catalogs> {
  const reader = await conn.runAndReadAll(`SELECT * FROM ${duckName(target.object)} LIMIT 0`);
  const columns: CatalogColumn[] = columnMeta(reader, sources).map((m) => ({ name: m.name, type: m.type, nullable: m.nullable }));
  try {
    checkColumns(target.object, columns, target);
  } catch (e) {
    await conn.run(`DROP TABLE ${duckName(target.object)}`);
    throw e;
  }
  const def = { schema: schemaOf(target.object), name: target.object.name, temp: target.object.temp, columns, distribution: target.distribution, index: target.index };
  return target.object.temp ? { ...catalogs, temps: withTable(catalogs.temps, def) } : { ...catalogs, shared: withTable(catalogs.shared, def) };
}
