// Helpers the shapes share: top-level comma splitting, column definitions, WITH (...) table options, value guards.
import type { CatalogColumn } from '../../contract.js';
import type { Distribution, IndexKind } from '../catalog.js';
import { duckIdent, isPunct, isWord, matchingParen, splitTopLevel, type Token } from '../lexer.js';
import { checkCollateClause } from '../collation.js';
import { checkIdentifier } from '../names.js';
import { isStringType, parseType, toDuckdbType } from '../tsql-types.js';
import { toDatetime2Sql, toDatetimeoffsetSql, toTimestampSql } from '../temporal-storage.js';
import { genericError, parseError, sizeExceedsMaximum } from '../../errors.js';
import { MAX_NVARCHAR_LENGTH, MAX_VARCHAR_LENGTH } from '../limits.js';
import { SqlServerError } from '../../contract.js';



/** Index of the first top-level keyword from `words` at or after `from`, or tokens.length. */
export function findTopLevel(tokens: readonly Token[], from: number, ...words: readonly string[]): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')')) depth--;
    else if (depth === 0 && isWord(tokens[i], ...words)) return i;
  }
  return tokens.length;
}

const TABLE_CONSTRAINT_START = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'INDEX'];

/** Parses `name type [COLLATE x] [NULL|NOT NULL] [constraints]`; table-level constraints yield undefined. */
export function parseColumnDef(def: readonly Token[], index = 0): CatalogColumn | undefined {
  const head = def[0];
  if (head === undefined || isWord(head, ...TABLE_CONSTRAINT_START)) return undefined;
  const name = head.kind === 'word' ? head.text : head.value;
  checkIdentifier(name);
  const { type, end } = parseType(def, 1, index + 1);
  const max = type.name === 'nvarchar' || type.name === 'nchar' ? MAX_NVARCHAR_LENGTH : MAX_VARCHAR_LENGTH;
  if (typeof type.length === 'number' && type.length > max) {
    throw sizeExceedsMaximum(name, type.length, max);
  }
  let nullable = true;
  for (let i = end; i < def.length; i++) {
    if (isWord(def[i], 'NOT') && isWord(def[i + 1], 'NULL')) nullable = false;
    if (isWord(def[i], 'IDENTITY')) throw genericError('synapse-sim does not support IDENTITY columns.');
    if (isWord(def[i], 'COLLATE')) checkCollateClause(def, i);
    // Synapse has DEFAULT constraints; the shadow catalog has no place for one, so refuse rather than drop it.
    if (isWord(def[i], 'DEFAULT')) throw genericError(`synapse-sim does not support DEFAULT constraints (column '${name}').`);
  }
  return { name, type, nullable };
}

export function duckColumnDef(c: CatalogColumn, withNotNull = true): string {
  return `${duckIdent(c.name)} ${toDuckdbType(c.type)}${withNotNull && !c.nullable ? ' NOT NULL' : ''}`;
}

export interface TableOptions {
  readonly distribution: Distribution;
  readonly index: IndexKind;
}

/** Synapse defaults: ROUND_ROBIN and CLUSTERED COLUMNSTORE INDEX. research/synapse.md 1.9. */
export const DEFAULT_TABLE_OPTIONS: TableOptions = { distribution: { kind: 'ROUND_ROBIN' }, index: 'CLUSTERED COLUMNSTORE INDEX' };

/** Parses the inside of `WITH ( ... )` table options. */
export function parseTableOptions(inner: readonly Token[]): TableOptions {
  let distribution: Distribution = DEFAULT_TABLE_OPTIONS.distribution;
  let index: IndexKind = DEFAULT_TABLE_OPTIONS.index;
  for (const opt of splitTopLevel(inner)) {
    if (isWord(opt[0], 'DISTRIBUTION') && isPunct(opt[1], '=')) {
      if (isWord(opt[2], 'ROUND_ROBIN')) distribution = { kind: 'ROUND_ROBIN' };
      else if (isWord(opt[2], 'REPLICATE')) distribution = { kind: 'REPLICATE' };
      else if (isWord(opt[2], 'HASH') && isPunct(opt[3], '(')) {
        const cols = splitTopLevel(opt.slice(4, matchingParen(opt, 3))).map((c) => (c[0]?.kind === 'word' ? c[0].text : c[0]?.value ?? ''));
        distribution = { kind: 'HASH', columns: cols };
      } else throw parseError(opt[2]?.text ?? 'DISTRIBUTION');
    } else if (isWord(opt[0], 'HEAP')) index = 'HEAP';
    else if (isWord(opt[0], 'CLUSTERED') && isWord(opt[1], 'COLUMNSTORE')) index = 'CLUSTERED COLUMNSTORE INDEX';
    else if (isWord(opt[0], 'CLUSTERED') && isWord(opt[1], 'INDEX')) index = 'CLUSTERED INDEX';
    else if (isWord(opt[0], 'PARTITION')) throw genericError('synapse-sim does not support PARTITION table options.');
    else throw parseError(opt[0]?.text ?? 'WITH');
  }
  return { distribution, index };
}

/**
 * Wraps a value expression headed for `column` so that overlong strings raise 8152 (see session macros), and any
 * value for a datetime2/datetimeoffset column is converted to its storage and rounded to the declared scale.
 */
export function guardValue(expr: string, column: CatalogColumn): string {
  const n = column.type.length;
  if (column.type.name === 'datetime2') return toDatetime2Sql(expr, column.type.scale ?? 7);
  if (column.type.name === 'datetimeoffset') return toDatetimeoffsetSql(expr, column.type.scale ?? 7);
  if (column.type.name === 'datetime' || column.type.name === 'date') return `CAST(${toTimestampSql(expr)} AS ${toDuckdbType(column.type)})`;
  if (typeof n === 'number' && isStringType(column.type)) return `__tsql_str(${expr}, ${n})`;
  if (typeof n === 'number' && column.type.name === 'varbinary') return `__tsql_bin(${expr}, ${n})`;
  return expr;
}

export function needsGuard(column: CatalogColumn): boolean {
  return typeof column.type.length === 'number' || ['datetime2', 'datetimeoffset', 'datetime', 'date'].includes(column.type.name);
}
