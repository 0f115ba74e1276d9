// DDL shapes: CREATE SCHEMA, CREATE TABLE (with Synapse WITH options), CTAS, ALTER TABLE ADD, DROP TABLE,
// RENAME OBJECT. Each validates Synapse's limits and carries a catalog effect applied after DuckDB succeeds.
import { SqlServerError, type CatalogColumn } from '../../contract.js';
import { findSchema, findTable, withColumnReplaced, withColumns, withoutSchema, withoutTable, withRename, withSchema, withTable, type TableDef } from '../catalog.js';
import { lookupTable, type TranslateContext } from '../context.js';
import {
  addNotNullToNonEmpty, alterColumnMissing, cannotDrop, cannotDropSchema, columnstoreType, duplicateColumn, genericError,
  invalidColumnName, invalidObjectName, objectExists, parseError, schemaInUse, schemaMissing, systemSchema, tooManyColumns,
} from '../../errors.js';
import { duckIdent, isPunct, isWord, matchingParen, splitTopLevel, statementHead, type Token } from '../lexer.js';
import { MAX_COLUMNS_PER_TABLE } from '../limits.js';
import { checkIdentifier, DEFAULT_SCHEMA, duckName, displayName, parseObjectName, schemaOf, type ObjectName } from '../names.js';
import type { Plan } from '../plan.js';
import { RewriteAcc, rewriteTokens } from '../rewrite.js';
import { joinSql } from '../render.js';
import { renderTsqlType, toDuckdbType } from '../tsql-types.js';
import { DEFAULT_TABLE_OPTIONS, duckColumnDef, findTopLevel, parseColumnDef, parseTableOptions, type TableOptions } from './common.js';
import { analyzeSelectList } from './select-list.js';
import { startsWith, type Shape } from './shape.js';


const ddl = (sql: string, name: string, effect: Extract<Plan, { kind: 'duckdb' }>['effect']): Plan =>
  ({ kind: 'duckdb', sql, returns: 'none', ddl: name, effect, sources: [], binds: [] });

function checkNewTable(ctx: TranslateContext, o: ObjectName, options: TableOptions): void {
  checkIdentifier(o.name, o.temp);
  if (!o.temp && findSchema(ctx.catalogs.shared, schemaOf(o)) === undefined) {
    throw schemaMissing(schemaOf(o));
  }
  if (lookupTable(ctx, o) !== undefined) throw objectExists(o.name);
  // "Global temporary tables are not supported" (research/synapse.md 1.6, 1.12; tables-temporary doc). The error
  // number Synapse uses is not documented, hence the generic one.
  if (o.temp && o.name.startsWith('##')) {
    throw genericError(`Global temporary tables are not supported in a dedicated SQL pool: '${o.name}'.`);
  }
  if (o.temp && options.distribution.kind === 'REPLICATE') {
    throw genericError('REPLICATE distribution is not supported for temporary tables.');
  }
}

/** Synapse refusals that depend on the columns: count, MAX in columnstore, HASH column present. */
export function checkColumns(o: ObjectName, columns: readonly { readonly name: string; readonly type: { readonly length?: number | 'max' } }[], options: TableOptions): void {
  if (columns.length > MAX_COLUMNS_PER_TABLE) {
    throw tooManyColumns(columns[MAX_COLUMNS_PER_TABLE]?.name ?? '', o.name, MAX_COLUMNS_PER_TABLE);
  }
  if (options.index === 'CLUSTERED COLUMNSTORE INDEX') {
    const max = columns.find((c) => c.type.length === 'max');
    if (max !== undefined) throw columnstoreType(max.name);
  }
  if (options.distribution.kind === 'HASH') {
    for (const h of options.distribution.columns) {
      if (!columns.some((c) => c.name.toLowerCase() === h.toLowerCase())) throw invalidColumnName(h);
    }
  }
}

const createSchema: Shape = {
  name: 'CREATE SCHEMA',
  matches: (sig) => startsWith(sig, 'CREATE', 'SCHEMA'),
  translate: ({ sig }, ctx) => {
    const { object } = parseObjectName(sig, 2);
    checkIdentifier(object.name);
    if (findSchema(ctx.catalogs.shared, object.name) !== undefined) throw objectExists(object.name);
    return ddl(`CREATE SCHEMA ${duckIdent(object.name)}`, 'CREATE SCHEMA', (c) => ({ ...c, shared: withSchema(c.shared, object.name) }));
  },
};

function createTableSql(o: ObjectName, body: string): string {
  return `CREATE ${o.temp ? 'TEMP ' : ''}TABLE ${duckName(o)} ${body}`;
}

const isCtas = (sig: readonly { readonly kind: string; readonly value: string }[]): boolean =>
  sig.some((t, i) => t.kind === 'word' && t.value === 'AS' && (sig[i + 1]?.value === 'SELECT' || sig[i + 1]?.value === 'WITH'));

const ctas: Shape = {
  name: 'CREATE TABLE AS SELECT',
  matches: (sig) => startsWith(sig, 'CREATE', 'TABLE') && isCtas(sig),
  translate: ({ sig }, ctx) => {
    const { object, end } = parseObjectName(sig, 2);
    let i = end;
    let options = DEFAULT_TABLE_OPTIONS;
    if (isWord(sig[i], 'WITH') && isPunct(sig[i + 1], '(')) {
      const close = matchingParen(sig, i + 1);
      options = parseTableOptions(sig.slice(i + 2, close));
      i = close + 1;
    }
    if (!isWord(sig[i], 'AS')) throw parseError(sig[i]?.text ?? 'end of statement');
    checkNewTable(ctx, object, options);
    const acc = new RewriteAcc();
    const select = joinSql(rewriteTokens(sig.slice(i + 1), ctx, acc));
    return {
      kind: 'duckdb', sql: createTableSql(object, `AS ${select}`), returns: 'count', ddl: 'CREATE TABLE AS SELECT',
      ctas: { object, ...options }, sources: acc.sources, binds: acc.binds,
    };
  },
};

/**
 * `SELECT ... INTO t FROM ...` creates t like CTAS does; "SELECT..INTO doesn't allow you to change either the
 * distribution method or the index type", so t is ROUND_ROBIN with a CLUSTERED COLUMNSTORE INDEX (CTAS doc,
 * "SELECT..INTO vs. CTAS"). Refused inside a transaction like CTAS (Synapse: no DDL in a user transaction).
 */
const selectInto: Shape = {
  name: 'SELECT INTO',
  matches: (sig) => startsWith(sig, 'SELECT') && findTopLevel(sig, 1, 'INTO') < findTopLevel(sig, 1, 'FROM'),
  translate: ({ sig }, ctx) => {
    const into = findTopLevel(sig, 1, 'INTO');
    const { object, end } = parseObjectName(sig, into + 1);
    checkNewTable(ctx, object, DEFAULT_TABLE_OPTIONS);
    const acc = new RewriteAcc();
    const select = joinSql(rewriteTokens(analyzeSelectList([...sig.slice(0, into), ...sig.slice(end)]).tokens, ctx, acc));
    return {
      kind: 'duckdb', sql: createTableSql(object, `AS ${select}`), returns: 'count', ddl: 'SELECT INTO',
      ctas: { object, ...DEFAULT_TABLE_OPTIONS }, sources: acc.sources, binds: acc.binds,
    };
  },
};

const createTable: Shape = {
  name: 'CREATE TABLE',
  matches: (sig) => startsWith(sig, 'CREATE', 'TABLE') && !isCtas(sig),
  translate: ({ sig }, ctx) => {
    const { object, end } = parseObjectName(sig, 2);
    if (!isPunct(sig[end], '(')) throw parseError(sig[end]?.text ?? 'end of statement');
    const close = matchingParen(sig, end);
    const columns = splitTopLevel(sig.slice(end + 1, close)).map(parseColumnDef).filter((c) => c !== undefined);
    let options = DEFAULT_TABLE_OPTIONS;
    if (isWord(sig[close + 1], 'WITH') && isPunct(sig[close + 2], '(')) {
      options = parseTableOptions(sig.slice(close + 3, matchingParen(sig, close + 2)));
    } else if (sig[close + 1] !== undefined) throw parseError(sig[close + 1]?.text ?? '');
    checkNewTable(ctx, object, options);
    checkColumns(object, columns, options);
    const sql = createTableSql(object, `(${columns.map((c) => duckColumnDef(c)).join(', ')})`);
    return ddl(sql, 'CREATE TABLE', (c) => {
      const def = { schema: schemaOf(object), name: object.name, temp: object.temp, columns, ...options };
      return object.temp ? { ...c, temps: withTable(c.temps, def) } : { ...c, shared: withTable(c.shared, def) };
    });
  },
};

const alterTableAdd: Shape = {
  name: 'ALTER TABLE ADD / ALTER COLUMN',
  matches: (sig) => startsWith(sig, 'ALTER', 'TABLE'),
  translate: ({ sig, text }, ctx) => {
    const { object, end } = parseObjectName(sig, 2);
    const isAlterColumn = isWord(sig[end], 'ALTER') && isWord(sig[end + 1], 'COLUMN');
    if ((!isWord(sig[end], 'ADD') || isWord(sig[end + 1], 'CONSTRAINT')) && !isAlterColumn) {
      throw genericError(`synapse-sim supports only ALTER TABLE ... ADD <column> and ALTER COLUMN: ${statementHead(text)}`);
    }
    const def = lookupTable(ctx, object);
    if (def === undefined) throw invalidObjectName(displayName(object));
    if (isWord(sig[end], 'ALTER') && isWord(sig[end + 1], 'COLUMN')) return alterColumn(object, def, sig.slice(end + 2));
    const added = splitTopLevel(sig.slice(end + 1)).map(parseColumnDef).filter((c) => c !== undefined);
    const all = [...def.columns, ...added];
    for (const c of added) {
      if (def.columns.some((d) => d.name.toLowerCase() === c.name.toLowerCase())) {
        throw duplicateColumn(c.name, object.name);
      }
    }
    checkColumns(object, all, def);
    // DuckDB cannot add a column with a constraint; nullability lives in the shadow catalog.
    const sql = added.map((c) => `ALTER TABLE ${duckName(object)} ADD COLUMN ${duckColumnDef(c, false)}`).join('; ');
    const plan = ddl(sql, 'ALTER TABLE', (c) => object.temp ? { ...c, temps: withColumns(c.temps, object, added) } : { ...c, shared: withColumns(c.shared, object, added) });
    // A NOT NULL column without a default can only be added to an empty table (4901); DuckDB would fill NULLs.
    const notNull = added.find((c) => !c.nullable);
    if (notNull === undefined) return plan;
    return { ...plan, preconditions: [{ sql: `SELECT 1 FROM ${duckName(object)} LIMIT 1`, binds: [], error: () => addNotNullToNonEmpty(notNull.name, object.name) }] };
  },
};

/**
 * DuckDB's own cast between the datetime2/datetimeoffset storages and other types would turn values into their storage
 * text or numbers (temporal-storage.ts), and a smaller scale would need rounding: refused rather than done wrongly.
 */
function convertsTemporal(existing: CatalogColumn, column: CatalogColumn): boolean {
  const temporal = (c: CatalogColumn): boolean => c.type.name === 'datetime2' || c.type.name === 'datetimeoffset';
  if (!temporal(existing) && !temporal(column)) return false;
  return existing.type.name !== column.type.name || (column.type.scale ?? 7) < (existing.type.scale ?? 7);
}

/** `ALTER COLUMN c type [NULL|NOT NULL]`: a new declared type; the HASH column cannot change (tables-distribute doc). */
function alterColumn(object: ObjectName, def: TableDef, rest: readonly Token[]): Plan {
  const column = parseColumnDef(rest);
  if (column === undefined) throw parseError(rest[0]?.text ?? 'ALTER COLUMN');
  const existing = def.columns.find((c) => c.name.toLowerCase() === column.name.toLowerCase());
  if (existing === undefined) throw alterColumnMissing(column.name, object.name);
  if (def.distribution.kind === 'HASH' && def.distribution.columns.some((h) => h.toLowerCase() === column.name.toLowerCase())) {
    throw genericError(`The distribution column '${column.name}' cannot be altered.`);
  }
  checkColumns(object, def.columns.map((c) => (c === existing ? column : c)), def);
  if (convertsTemporal(existing, column)) {
    throw genericError(`synapse-sim does not convert stored values in ALTER COLUMN from ${renderTsqlType(existing.type)} to ${renderTsqlType(column.type)}.`);
  }
  const table = `ALTER TABLE ${duckName(object)} ALTER COLUMN ${duckIdent(existing.name)}`;
  const sql = `${table} TYPE ${toDuckdbType(column.type)}; ${table} ${column.nullable ? 'DROP' : 'SET'} NOT NULL`;
  return ddl(sql, 'ALTER TABLE', (c) => object.temp ? { ...c, temps: withColumnReplaced(c.temps, object, column) } : { ...c, shared: withColumnReplaced(c.shared, object, column) });
}

const dropTable: Shape = {
  name: 'DROP TABLE',
  matches: (sig) => startsWith(sig, 'DROP', 'TABLE'),
  translate: ({ sig }, ctx) => {
    if (isWord(sig[2], 'IF')) throw parseError('IF');
    const { object, end } = parseObjectName(sig, 2);
    if (sig[end] !== undefined) throw parseError(sig[end]?.text ?? '');
    if (lookupTable(ctx, object) === undefined) {
      throw cannotDrop(displayName(object));
    }
    return ddl(`DROP TABLE ${duckName(object)}`, 'DROP TABLE', (c) => object.temp ? { ...c, temps: withoutTable(c.temps, object) } : { ...c, shared: withoutTable(c.shared, object) });
  },
};

const renameObject: Shape = {
  name: 'RENAME OBJECT',
  matches: (sig) => startsWith(sig, 'RENAME', 'OBJECT'),
  translate: ({ sig }, ctx) => {
    let i = 2;
    if (isWord(sig[i], 'OBJECT') || isPunct(sig[i], '::')) i++;
    if (isPunct(sig[i], '::')) i++;
    const { object, end } = parseObjectName(sig, i);
    if (!isWord(sig[end], 'TO')) throw parseError(sig[end]?.text ?? 'end of statement');
    const target = parseObjectName(sig, end + 1).object;
    if (object.temp) throw genericError('Temporary tables cannot be renamed.');
    if (lookupTable(ctx, object) === undefined) throw invalidObjectName(displayName(object));
    checkIdentifier(target.name);
    if (findTable(ctx.catalogs.shared, { ...object, name: target.name }) !== undefined) throw objectExists(target.name);
    return ddl(`ALTER TABLE ${duckName(object)} RENAME TO ${duckIdent(target.name)}`, 'RENAME OBJECT', (c) => ({ ...c, shared: withRename(c.shared, object, target.name) }));
  },
};

/** `DROP SCHEMA s`: only an empty, non-system schema (DROP SCHEMA doc: "The schema that is being dropped must not contain any objects"). */
const dropSchema: Shape = {
  name: 'DROP SCHEMA',
  matches: (sig) => startsWith(sig, 'DROP', 'SCHEMA'),
  translate: ({ sig }, ctx) => {
    if (isWord(sig[2], 'IF')) throw parseError('IF');
    const { object, end } = parseObjectName(sig, 2);
    if (sig[end] !== undefined || object.schema !== undefined) throw parseError(sig[end]?.text ?? '.');
    const schema = findSchema(ctx.catalogs.shared, object.name);
    if (schema === undefined) throw cannotDropSchema(object.name);
    if (schema.name.toLowerCase() === DEFAULT_SCHEMA) throw systemSchema(schema.name);
    const used = [...ctx.catalogs.shared.tables.values()].find((t) => !t.temp && t.schema.toLowerCase() === schema.name.toLowerCase());
    if (used !== undefined) throw schemaInUse(schema.name, used.name);
    return ddl(`DROP SCHEMA ${duckIdent(schema.name)}`, 'DROP SCHEMA', (c) => ({ ...c, shared: withoutSchema(c.shared, schema.name) }));
  },
};

/** Order matters: CTAS before CREATE TABLE. */
export const DDL_SHAPES: readonly Shape[] = [createSchema, ctas, selectInto, createTable, alterTableAdd, dropTable, dropSchema, renameObject];
