// The shadow catalog: what each table was declared as, in T-SQL terms. Immutable values; the holders swap states,
// so a transaction can restore the state it began with.
import type { CatalogColumn } from '../contract.js';
import { schemaOf, type ObjectName } from './names.js';

export type Distribution =
  | { readonly kind: 'ROUND_ROBIN' }
  | { readonly kind: 'REPLICATE' }
  | { readonly kind: 'HASH'; readonly columns: readonly string[] };

export type IndexKind = 'HEAP' | 'CLUSTERED COLUMNSTORE INDEX' | 'CLUSTERED INDEX';

export interface TableDef {
  readonly objectId: number;
  readonly schema: string;
  readonly name: string;
  readonly temp: boolean;
  readonly columns: readonly CatalogColumn[];
  readonly distribution: Distribution;
  readonly index: IndexKind;
}

export interface SchemaDef {
  readonly schemaId: number;
  readonly name: string;
}

export interface CatalogState {
  readonly schemas: ReadonlyMap<string, SchemaDef>;
  readonly tables: ReadonlyMap<string, TableDef>;
  readonly nextId: number;
}

/** sys.schemas ids: dbo is 1 in SQL Server. */
const DBO_SCHEMA_ID = 1;
/** First object_id handed out; real ones are large positive integers. */
const FIRST_OBJECT_ID = 1_000_000;

export function emptyCatalog(): CatalogState {
  return { schemas: new Map([['dbo', { schemaId: DBO_SCHEMA_ID, name: 'dbo' }]]), tables: new Map(), nextId: FIRST_OBJECT_ID };
}

export function tableKey(o: ObjectName): string {
  return o.temp ? o.name.toLowerCase() : `${schemaOf(o).toLowerCase()}.${o.name.toLowerCase()}`;
}

export function findTable(state: CatalogState, o: ObjectName): TableDef | undefined {
  return state.tables.get(tableKey(o));
}

export function findSchema(state: CatalogState, name: string): SchemaDef | undefined {
  return state.schemas.get(name.toLowerCase());
}

export function withSchema(state: CatalogState, name: string): CatalogState {
  const schemas = new Map(state.schemas);
  schemas.set(name.toLowerCase(), { schemaId: state.nextId, name });
  return { ...state, schemas, nextId: state.nextId + 1 };
}

export function withTable(state: CatalogState, def: Omit<TableDef, 'objectId'>): CatalogState {
  const tables = new Map(state.tables);
  const key = def.temp ? def.name.toLowerCase() : `${def.schema.toLowerCase()}.${def.name.toLowerCase()}`;
  tables.set(key, { ...def, objectId: state.nextId });
  return { ...state, tables, nextId: state.nextId + 1 };
}

export function withoutSchema(state: CatalogState, name: string): CatalogState {
  const schemas = new Map(state.schemas);
  schemas.delete(name.toLowerCase());
  return { ...state, schemas };
}

export function withoutTable(state: CatalogState, o: ObjectName): CatalogState {
  const tables = new Map(state.tables);
  tables.delete(tableKey(o));
  return { ...state, tables };
}

export function withRename(state: CatalogState, o: ObjectName, newName: string): CatalogState {
  const def = findTable(state, o);
  if (def === undefined) return state;
  const tables = new Map(state.tables);
  tables.delete(tableKey(o));
  tables.set(tableKey({ ...o, name: newName }), { ...def, name: newName });
  return { ...state, tables };
}

export function withColumns(state: CatalogState, o: ObjectName, added: readonly CatalogColumn[]): CatalogState {
  const def = findTable(state, o);
  if (def === undefined) return state;
  const tables = new Map(state.tables);
  tables.set(tableKey(o), { ...def, columns: [...def.columns, ...added] });
  return { ...state, tables };
}

export function findColumn(def: TableDef, name: string): CatalogColumn | undefined {
  const lower = name.toLowerCase();
  return def.columns.find((c) => c.name.toLowerCase() === lower);
}

export function withColumnReplaced(state: CatalogState, o: ObjectName, column: CatalogColumn): CatalogState {
  const def = findTable(state, o);
  if (def === undefined) return state;
  const lower = column.name.toLowerCase();
  const tables = new Map(state.tables);
  tables.set(tableKey(o), { ...def, columns: def.columns.map((c) => (c.name.toLowerCase() === lower ? { ...column, name: c.name } : c)) });
  return { ...state, tables };
}
