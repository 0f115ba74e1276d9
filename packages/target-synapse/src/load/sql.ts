// Every statement the loader runs, as pure builders returning a frozen `{ sql, parameters }` (STYLE.md 9).
// Identifiers go through quoteIdent, COPY INTO options through quoteLiteral (sql-text.ts); row values never
// enter SQL text. Shapes follow research/synapse.md 1.1 (COPY INTO), 1.7 (transactions), 1.8 (MERGE,
// DELETE + INSERT, CTAS + RENAME OBJECT), 1.9 (DDL), 1.10 (introspection), 1.12 (temp tables), 2.8.
import type { ColumnPlan, Distribution, TableIndex, TablePlan } from '../plan/types.js';
import {
  boundedName, columnDefinition, columnList, keyMatch, qualifiedName, quoteIdent, quoteLiteral, statement,
  type Statement,
} from './sql-text.js';

export * from './sql-text.js';

/** The stage's first column: the arrival ordinal the CSV's first field carries (target-common.md). */
export const ORDINAL_COLUMN = '_sdc_ordinal';
const RANK_COLUMN = '_sdc_rank';
export const TABLE_VERSION_COLUMN = '_sdc_table_version';
export const DELETED_AT_COLUMN = '_sdc_deleted_at';

function withClause(distribution: Distribution, index: TableIndex): string {
  const dist = distribution.kind === 'hash' ? `HASH(${quoteIdent(distribution.column)})`
    : distribution.kind === 'round_robin' ? 'ROUND_ROBIN' : 'REPLICATE';
  return `WITH (DISTRIBUTION = ${dist}, ${index === 'heap' ? 'HEAP' : 'CLUSTERED COLUMNSTORE INDEX'})`;
}

/** CREATE SCHEMA must be alone in its batch, hence EXEC (research/synapse.md 1.9). */
export function createSchemaIfMissing(schema: string): Statement {
  return statement(
    `IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = ${quoteLiteral(schema)}) EXEC(${quoteLiteral(`CREATE SCHEMA ${quoteIdent(schema)}`)})`,
  );
}

export function createTable(table: TablePlan): Statement {
  const columns = table.columns.map((c) => `  ${columnDefinition(c)}`).join(',\n');
  return statement(`CREATE TABLE ${qualifiedName(table.schema, table.name)} (\n${columns}\n)\n${withClause(table.distribution, table.index)}`);
}

/** Synapse writes `ADD`, not `ADD COLUMN` (research/synapse.md 1.9). */
export function addColumn(schema: string, table: string, column: ColumnPlan): Statement {
  return statement(`ALTER TABLE ${qualifiedName(schema, table)} ADD ${columnDefinition(column)}`);
}

export function alterColumn(schema: string, table: string, column: ColumnPlan): Statement {
  return statement(`ALTER TABLE ${qualifiedName(schema, table)} ALTER COLUMN ${columnDefinition(column)}`);
}

/** The side names a rebuild uses; bounded to 128 characters. */
export function rebuildNames(table: string): { readonly fresh: string; readonly old: string } {
  return { fresh: boundedName(`${table}__sdc_rebuild`), old: boundedName(`${table}__sdc_old`) };
}

/**
 * A clustered columnstore table becomes a HEAP with the same columns, distribution and rows: CTAS into a new
 * table, then RENAME OBJECT twice and DROP (research/synapse.md 1.8 "CTAS swap"; Synapse has no
 * ALTER TABLE ... REBUILD to another index type). Four statements, each DDL, run outside any transaction.
 */
export function rebuildAsHeap(schema: string, table: string, distribution: Distribution): readonly Statement[] {
  const { fresh, old } = rebuildNames(table);
  return [
    statement(`CREATE TABLE ${qualifiedName(schema, fresh)} ${withClause(distribution, 'heap')} AS SELECT * FROM ${qualifiedName(schema, table)}`),
    renameTable(schema, table, old),
    renameTable(schema, fresh, table),
    dropTable(schema, old),
  ];
}

/** RENAME OBJECT keeps the schema; the new name is bare (research/synapse.md 1.8). */
export function renameTable(schema: string, table: string, to: string): Statement {
  return statement(`RENAME OBJECT ${qualifiedName(schema, table)} TO ${quoteIdent(to)}`);
}

export function dropTable(schema: string, table: string): Statement {
  return statement(`DROP TABLE ${qualifiedName(schema, table)}`);
}

/** The stage: a ROUND_ROBIN HEAP temp table, the ordinal first (research/synapse.md 1.11, 1.12). */
export function createStage(stage: string, table: TablePlan): Statement {
  const columns = [`  ${columnDefinition({ name: ORDINAL_COLUMN, type: { kind: 'bigint' }, nullable: false })}`,
    ...table.columns.map((c) => `  ${columnDefinition(c)}`)].join(',\n');
  return statement(`CREATE TABLE ${quoteIdent(stage)} (\n${columns}\n)\nWITH (DISTRIBUTION = ROUND_ROBIN, HEAP)`);
}

export type CopyCredential =
  | { readonly kind: 'sas'; readonly token: string }
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'managed-identity' };

function credentialClause(credential: CopyCredential): string {
  switch (credential.kind) {
    case 'sas': return `CREDENTIAL = (IDENTITY = 'Shared Access Signature', SECRET = ${quoteLiteral(credential.token.replace(/^\?/, ''))})`;
    case 'key': return `CREDENTIAL = (IDENTITY = 'Storage Account Key', SECRET = ${quoteLiteral(credential.key)})`;
    case 'managed-identity': return "CREDENTIAL = (IDENTITY = 'Managed Identity')";
  }
}

/**
 * COPY INTO the stage from gzip CSV files written as RFC 4180 with LF rows: `ROWTERMINATOR = '0x0A'`, since
 * `'\n'` would be read as CRLF (research/synapse.md 1.1). Fields map by number: the ordinal, then the columns.
 */
export function copyIntoStage(stage: string, table: TablePlan, locations: readonly string[], credential: CopyCredential): Statement {
  if (locations.length === 0) throw new RangeError(`COPY INTO ${stage} needs at least one file`);
  const names = [ORDINAL_COLUMN, ...table.columns.map((c) => c.name)];
  const fields = names.map((name, i) => `${quoteIdent(name)} ${i + 1}`).join(', ');
  return statement([
    `COPY INTO ${quoteIdent(stage)} (${fields})`,
    `FROM ${locations.map(quoteLiteral).join(',\n     ')}`,
    'WITH (',
    "  FILE_TYPE = 'CSV',",
    `  ${credentialClause(credential)},`,
    "  COMPRESSION = 'GZIP',",
    "  FIELDQUOTE = '\"',",
    "  FIELDTERMINATOR = ',',",
    "  ROWTERMINATOR = '0x0A',",
    "  ENCODING = 'UTF8',",
    '  FIRSTROW = 1,',
    '  MAXERRORS = 0',
    ')',
  ].join('\n'));
}

/** The secret of a COPY INTO CREDENTIAL replaced, for logs (STYLE.md tap/target 8). */
export function maskCredential(sql: string): string {
  return sql.replace(/(\bSECRET\s*=\s*N?)'(?:[^']|'')*'?/gi, "$1'***'");
}

/** The last row per key by arrival order, as a CTAS (research/synapse.md 1.8: DELETE through a CTE is not documented). */
export function dedupeStage(stage: string, deduped: string, table: TablePlan): Statement {
  const names = [ORDINAL_COLUMN, ...table.columns.map((c) => c.name)];
  return statement([
    `CREATE TABLE ${quoteIdent(deduped)} WITH (DISTRIBUTION = ROUND_ROBIN, HEAP) AS`,
    `SELECT ${columnList(names)} FROM (`,
    `  SELECT ${columnList(names)}, ROW_NUMBER() OVER (PARTITION BY ${columnList(table.keyColumns)} ORDER BY ${quoteIdent(ORDINAL_COLUMN)} DESC) AS ${quoteIdent(RANK_COLUMN)}`,
    `  FROM ${quoteIdent(stage)}`,
    `) AS [ranked]`,
    `WHERE ${quoteIdent(RANK_COLUMN)} = 1`,
  ].join('\n'));
}

/** Rows of `table` whose key is in `source` are deleted (research/synapse.md 1.8, DELETE + INSERT). */
export function deleteMatching(table: TablePlan, source: string): Statement {
  const target = qualifiedName(table.schema, table.name);
  return statement(`DELETE FROM ${target} WHERE EXISTS (SELECT 1 FROM ${quoteIdent(source)} AS [src] WHERE ${keyMatch('[src]', table.keyColumns, target, table.keyColumns)})`);
}

/** Every row of `source` into `table`, the plan's columns by name. */
export function insertFrom(table: TablePlan, source: string): Statement {
  const names = table.columns.map((c) => c.name);
  return statement(`INSERT INTO ${qualifiedName(table.schema, table.name)} (${columnList(names)})\nSELECT ${columnList(names)} FROM ${quoteIdent(source)}`);
}

/**
 * MERGE from the deduped stage; WHEN NOT MATCHED BY TARGET needs a HASH-distributed target, and the
 * statement must end with `;` (research/synapse.md 1.8). Key columns are matched, never updated.
 */
export function mergeInto(table: TablePlan, source: string): Statement {
  if (table.distribution.kind !== 'hash') throw new RangeError(`MERGE into ${table.name} needs a HASH-distributed table`);
  const keys = new Set(table.keyColumns.map((k) => k.toLowerCase()));
  const names = table.columns.map((c) => c.name);
  const updates = names.filter((n) => !keys.has(n.toLowerCase()));
  return statement([
    `MERGE INTO ${qualifiedName(table.schema, table.name)} AS [tgt]`,
    `USING ${quoteIdent(source)} AS [src]`,
    `ON ${keyMatch('[tgt]', table.keyColumns, '[src]', table.keyColumns)}`,
    ...(updates.length === 0 ? [] : [`WHEN MATCHED THEN UPDATE SET ${updates.map((n) => `${quoteIdent(n)} = [src].${quoteIdent(n)}`).join(', ')}`]),
    `WHEN NOT MATCHED BY TARGET THEN INSERT (${columnList(names)}) VALUES (${columnList(names, 'src')});`,
  ].join('\n'));
}

/** Child rows whose root key is among the deduped parent keys are deleted: they are replaced with the parent. */
export function deleteChildrenOf(child: TablePlan & { readonly sourceKeyColumns: readonly string[] }, parentKeys: readonly string[], parentSource: string): Statement {
  const target = qualifiedName(child.schema, child.name);
  return statement(`DELETE FROM ${target} WHERE EXISTS (SELECT 1 FROM ${quoteIdent(parentSource)} AS [src] WHERE ${keyMatch('[src]', parentKeys, target, child.sourceKeyColumns)})`);
}

/** The child rows of the winning records only: those whose ordinal survived the parent's dedupe. */
export function insertChildrenOfWinners(child: TablePlan, childStage: string, parentSource: string): Statement {
  const names = child.columns.map((c) => c.name);
  const ordinal = quoteIdent(ORDINAL_COLUMN);
  return statement([
    `INSERT INTO ${qualifiedName(child.schema, child.name)} (${columnList(names)})`,
    `SELECT ${columnList(names, 'c')} FROM ${quoteIdent(childStage)} AS [c]`,
    `WHERE EXISTS (SELECT 1 FROM ${quoteIdent(parentSource)} AS [w] WHERE [w].${ordinal} = [c].${ordinal})`,
  ].join('\n'));
}

/** `overwrite`'s first batch: the table's rows go, in the same transaction as the inserts that replace them. */
export function deleteAll(schema: string, table: string): Statement {
  return statement(`DELETE FROM ${qualifiedName(schema, table)}`);
}

const olderVersion = `(${quoteIdent(TABLE_VERSION_COLUMN)} IS NULL OR ${quoteIdent(TABLE_VERSION_COLUMN)} < @version)`;

/** ACTIVATE_VERSION with hard_delete: rows of older (or no) table version are deleted. */
export function deleteOlderVersions(schema: string, table: string, version: bigint): Statement {
  return statement(`DELETE FROM ${qualifiedName(schema, table)} WHERE ${olderVersion}`, [{ name: 'version', type: 'bigint', value: version }]);
}

/** ACTIVATE_VERSION without hard_delete: rows of older versions get `_sdc_deleted_at`, once. */
export function softDeleteOlderVersions(schema: string, table: string, version: bigint, deletedAt: string): Statement {
  return statement(
    `UPDATE ${qualifiedName(schema, table)} SET ${quoteIdent(DELETED_AT_COLUMN)} = @deletedAt WHERE ${quoteIdent(DELETED_AT_COLUMN)} IS NULL AND ${olderVersion}`,
    [{ name: 'deletedAt', type: 'datetimeoffset', value: deletedAt }, { name: 'version', type: 'bigint', value: version }],
  );
}

/** Child rows whose root row is gone (after a hard ACTIVATE_VERSION) are deleted too. */
export function deleteOrphans(child: TablePlan & { readonly sourceKeyColumns: readonly string[] }, root: TablePlan): Statement {
  const target = qualifiedName(child.schema, child.name);
  return statement(`DELETE FROM ${target} WHERE NOT EXISTS (SELECT 1 FROM ${qualifiedName(root.schema, root.name)} AS [p] WHERE ${keyMatch('[p]', root.keyColumns, target, child.sourceKeyColumns)})`);
}

export const beginTransaction = statement('BEGIN TRANSACTION');
export const commitTransaction = statement('COMMIT TRANSACTION');
/** After a failure: Synapse may already have rolled back (XACT_STATE -2), hence the guard (research/synapse.md 1.7). */
export const rollbackIfOpen = statement('IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION');

/** DROP ... IF EXISTS is not Synapse syntax; OBJECT_ID with tempdb.. is (research/synapse.md 1.9). */
export function dropTempTable(name: string): Statement {
  return statement(`IF OBJECT_ID(${quoteLiteral(`tempdb..${quoteIdent(name)}`)}) IS NOT NULL DROP TABLE ${quoteIdent(name)}`);
}

/** Columns of the named tables of one schema, in order (INFORMATION_SCHEMA.COLUMNS; research/synapse.md 1.10). */
export function describeColumns(schema: string, tables: readonly string[]): Statement {
  const names = tables.map((_, i) => `@t${i}`).join(', ');
  return statement([
    'SELECT c.TABLE_NAME AS table_name, c.COLUMN_NAME AS column_name, c.DATA_TYPE AS data_type,',
    '  c.CHARACTER_MAXIMUM_LENGTH AS max_length, c.NUMERIC_PRECISION AS numeric_precision, c.NUMERIC_SCALE AS numeric_scale,',
    '  c.IS_NULLABLE AS is_nullable, c.ORDINAL_POSITION AS ordinal',
    'FROM INFORMATION_SCHEMA.COLUMNS AS c',
    `WHERE c.TABLE_SCHEMA = @schema AND c.TABLE_NAME IN (${names})`,
    'ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION',
  ].join('\n'), [{ name: 'schema', type: 'nvarchar', value: schema }, ...tables.map((t, i) => ({ name: `t${i}`, type: 'nvarchar' as const, value: t }))]);
}

/** Index type (sys.indexes: 0 heap, 1 clustered, 5 clustered columnstore) and distribution of each table. */
export function describeTables(schema: string, tables: readonly string[]): Statement {
  const names = tables.map((_, i) => `@t${i}`).join(', ');
  return statement([
    'SELECT s.name AS schema_name, t.name AS table_name, i.type AS index_type, p.distribution_policy_desc AS distribution',
    'FROM sys.tables AS t',
    'INNER JOIN sys.schemas AS s ON s.schema_id = t.schema_id',
    'INNER JOIN sys.indexes AS i ON i.object_id = t.object_id',
    'INNER JOIN sys.pdw_table_distribution_properties AS p ON p.object_id = t.object_id',
    `WHERE s.name = @schema AND t.name IN (${names}) AND i.index_id <= 1`,
  ].join('\n'), [{ name: 'schema', type: 'nvarchar', value: schema }, ...tables.map((t, i) => ({ name: `t${i}`, type: 'nvarchar' as const, value: t }))]);
}

/** The HASH column of each hash-distributed table (sys.pdw_column_distribution_properties, distribution_ordinal 1). */
export function describeHashColumns(schema: string, tables: readonly string[]): Statement {
  const names = tables.map((_, i) => `@t${i}`).join(', ');
  return statement([
    'SELECT t.name AS table_name, c.name AS column_name',
    'FROM sys.tables AS t',
    'INNER JOIN sys.schemas AS s ON s.schema_id = t.schema_id',
    'INNER JOIN sys.columns AS c ON c.object_id = t.object_id',
    'INNER JOIN sys.pdw_column_distribution_properties AS d ON d.object_id = c.object_id AND d.column_id = c.column_id',
    `WHERE s.name = @schema AND t.name IN (${names}) AND d.distribution_ordinal = 1`,
  ].join('\n'), [{ name: 'schema', type: 'nvarchar', value: schema }, ...tables.map((t, i) => ({ name: `t${i}`, type: 'nvarchar' as const, value: t }))]);
}
