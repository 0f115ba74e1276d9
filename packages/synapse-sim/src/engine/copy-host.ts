// The CopyIntoHost (contract.ts) a COPY INTO implementation gets: table resolution in T-SQL terms, DuckDB access
// on the session's connection (inside its transaction, if any: statements and queries), and the fault hook before the
// rows commit.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CopyIntoHost } from '../contract.js';
import { findTable } from './catalog.js';
import { invalidObjectName } from '../errors.js';
import { displayName, duckName, parseNameString } from './names.js';
import type { Catalogs } from './plan.js';

export function makeCopyHost(conn: DuckDBConnection, catalogs: () => Catalogs, beforeCommit: () => void): CopyIntoHost {
  return {
    resolveTable: (name) => {
      const object = parseNameString(name);
      const c = catalogs();
      const def = findTable(object.temp ? c.temps : c.shared, object);
      if (def === undefined) throw invalidObjectName(displayName(object));
      return { duckdbName: duckName(object), columns: def.columns };
    },
    runDuckdb: async (sql) => {
      const reader = await conn.runAndReadAll(sql);
      const first = reader.columnNames()[0] === 'Count' ? reader.getRows()[0]?.[0] : undefined;
      return typeof first === 'bigint' || typeof first === 'number' ? Number(first) : 0;
    },
    queryDuckdb: async (sql) => (await conn.runAndReadAll(sql)).getRowsJS(),
    beforeCopyCommit: beforeCommit,
  };
}
