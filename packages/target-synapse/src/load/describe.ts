// Loader.describe: the live tables read back from INFORMATION_SCHEMA.COLUMNS and the sys views
// (research/synapse.md 1.10), in the plan's own terms (LiveTable, SqlType).
import type { Distribution, LiveTable, SqlType, TableIndex } from '../plan/types.js';
import * as sql from './sql.js';
import { TerminalLoadError } from './sql-errors.js';
import type { SqlSession } from './sql-runner.js';

/** Stay well under Synapse's 2,098 parameters per query (research/synapse.md 1.4). */
const TABLES_PER_QUERY = 500;
/** sys.indexes.type: 0 heap, 1 clustered (rowstore), 5 clustered columnstore. */
const INDEX_TYPE_CCI = 5;

export async function describeTables(session: SqlSession, schema: string, tables: readonly string[]): Promise<ReadonlyMap<string, LiveTable>> {
  const result = new Map<string, LiveTable>();
  const unique = [...new Map(tables.map((t) => [t.toLowerCase(), t])).values()];
  for (let i = 0; i < unique.length; i += TABLES_PER_QUERY) {
    const chunk = unique.slice(i, i + TABLES_PER_QUERY);
    const [heads, columns, hashes] = [
      (await session.run(sql.describeTables(schema, chunk))).rows,
      (await session.run(sql.describeColumns(schema, chunk))).rows,
      (await session.run(sql.describeHashColumns(schema, chunk))).rows,
    ];
    for (const head of heads) {
      const name = String(head.table_name);
      const key = name.toLowerCase();
      const hash = hashes.find((h) => String(h.table_name).toLowerCase() === key);
      result.set(key, {
        schema: String(head.schema_name),
        name,
        index: indexOf(Number(head.index_type)),
        distribution: distributionOf(String(head.distribution), hash === undefined ? undefined : String(hash.column_name), name),
        columns: columns.filter((c) => String(c.table_name).toLowerCase() === key).map((c) => ({
          name: String(c.column_name),
          type: sqlTypeOf(c, `${schema}.${name}`),
          nullable: String(c.is_nullable).toUpperCase() === 'YES',
        })),
      });
    }
  }
  return result;
}

/** A clustered rowstore index holds MAX columns as a heap does, which is what the plan asks of `index`. */
function indexOf(type: number): TableIndex {
  return type === INDEX_TYPE_CCI ? 'cci' : 'heap';
}

function distributionOf(policy: string, hashColumn: string | undefined, table: string): Distribution {
  switch (policy.toUpperCase()) {
    case 'HASH':
      if (hashColumn === undefined) throw new TerminalLoadError(`table ${table} is HASH-distributed but its distribution column could not be read`);
      return { kind: 'hash', column: hashColumn };
    case 'REPLICATE': return { kind: 'replicate' };
    default: return { kind: 'round_robin' };
  }
}

/** INFORMATION_SCHEMA.COLUMNS to SqlType; a type target-synapse never creates is refused by name. */
export function sqlTypeOf(column: Readonly<Record<string, unknown>>, table: string): SqlType {
  const type = String(column.data_type).toLowerCase();
  switch (type) {
    case 'bigint': return { kind: 'bigint' };
    case 'decimal': case 'numeric': return { kind: 'decimal', precision: Number(column.numeric_precision), scale: Number(column.numeric_scale) };
    case 'float': return { kind: 'float' };
    case 'bit': return { kind: 'bit' };
    case 'datetimeoffset': return { kind: 'datetimeoffset' };
    case 'date': return { kind: 'date' };
    case 'time': return { kind: 'time' };
    case 'nvarchar': {
      const length = Number(column.max_length);
      return { kind: 'nvarchar', length: length === -1 ? 'max' : length };
    }
    default:
      throw new TerminalLoadError(`column ${String(column.column_name)} of ${table} has type ${type}, which target-synapse does not write; drop or rename the table, or load into another default_target_schema`);
  }
}
