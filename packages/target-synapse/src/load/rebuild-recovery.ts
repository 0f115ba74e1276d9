// A rebuild as heap (sql.rebuildAsHeap: CTAS into `<t>__sdc_rebuild`, RENAME `<t>` to `<t>__sdc_old`, RENAME
// the new table to `<t>`, DROP the old one) is four DDL statements, which Synapse lets no transaction hold
// (research/synapse.md 1.7). A run killed between them leaves the table missing, or a side table behind; the
// next run repairs that before it reads the tables, or it would plan a new empty `<t>` while the rows sit in
// `<t>__sdc_old`. The CTAS is one statement, so a `__sdc_rebuild` table that exists holds every row.
import type { Logger } from '@kustomer-synapse/singer';
import type { LiveTable } from '../plan/types.js';
import { describeTables } from './describe.js';
import * as sql from './sql.js';
import type { SqlSession } from './sql-runner.js';

/** The tables to describe: the ones asked for and their rebuild side tables. */
export function withRebuildNames(tables: readonly string[]): readonly string[] {
  return tables.flatMap((table) => {
    const { fresh, old } = sql.rebuildNames(table);
    return [table, fresh, old];
  });
}

/** Pure: the statements that finish or undo an interrupted rebuild of each table, given which tables exist. */
export function recoveryStatements(schema: string, tables: readonly string[], exists: (name: string) => boolean): readonly sql.Statement[] {
  return tables.flatMap((table) => {
    const { fresh, old } = sql.rebuildNames(table);
    if (exists(table)) {
      // Killed after the CTAS (the rebuild starts over) or after the second RENAME (the swap is done).
      return [...(exists(fresh) ? [sql.dropTable(schema, fresh)] : []), ...(exists(old) ? [sql.dropTable(schema, old)] : [])];
    }
    if (!exists(old)) return [];
    // Killed between the RENAMEs: finish the swap, or put the old table back when there is no new one.
    return exists(fresh) ? [sql.renameTable(schema, fresh, table), sql.dropTable(schema, old)] : [sql.renameTable(schema, old, table)];
  });
}

/**
 * Loader.describe: the live tables, after repairing what an interrupted rebuild left. One describe covers the
 * tables and their side tables, so a run with nothing to repair pays no extra query.
 */
export async function describeRepairingRebuilds(
  session: SqlSession, schema: string, tables: readonly string[], log: Logger,
): Promise<ReadonlyMap<string, LiveTable>> {
  const live = await describeTables(session, schema, withRebuildNames(tables));
  const statements = recoveryStatements(schema, tables, (name) => live.has(name.toLowerCase()));
  if (statements.length === 0) {
    const wanted = new Set(tables.map((t) => t.toLowerCase()));
    return new Map([...live].filter(([name]) => wanted.has(name)));
  }
  log.info(`schema ${schema}: repairing what an interrupted rebuild as heap left (${statements.length} statement(s))`);
  for (const statement of statements) await session.run(statement);
  return describeTables(session, schema, tables);
}
