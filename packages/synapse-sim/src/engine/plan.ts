// What the translator produces for one statement: pure data the session executes.
import type { CatalogState, Distribution, IndexKind, TableDef } from './catalog.js';
import type { SqlServerError } from '../contract.js';
import type { ObjectName } from './names.js';

export interface Catalogs {
  readonly shared: CatalogState;
  readonly temps: CatalogState;
}

/** A pure change to the catalogs, applied once DuckDB has run the statement. */
export type CatalogEffect = (c: Catalogs) => Catalogs;

export interface CtasTarget {
  readonly object: ObjectName;
  readonly distribution: Distribution;
  readonly index: IndexKind;
}

/** A query run before the statement: when it returns a row, the statement fails with `error` and does not run. */
export interface Precondition {
  readonly sql: string;
  readonly binds: readonly string[];
  readonly error: () => SqlServerError;
}

export type Plan =
  | {
      readonly kind: 'duckdb';
      readonly sql: string;
      /**
       * 'rows' for queries, 'count' for DML (DuckDB returns one Count row), 'none' for DDL, 'merge-actions' for a
       * MERGE with `RETURNING merge_action` (one row per affected row; see execute.ts for how Synapse counts them).
       */
      readonly returns: 'rows' | 'count' | 'none' | 'merge-actions';
      /** Statement name when it is DDL (refused inside a user transaction). */
      readonly ddl?: string;
      readonly effect?: CatalogEffect;
      readonly ctas?: CtasTarget;
      /** User tables the statement reads, so result columns can report their declared types. */
      readonly sources: readonly TableDef[];
      /** Parameter positions ($1..$n) to SqlParameter names, in order. */
      readonly binds: readonly string[];
      /** Result columns T-SQL returns without a name (an expression with no alias). */
      readonly unnamed?: readonly number[];
      readonly preconditions?: readonly Precondition[];
    }
  | { readonly kind: 'transaction'; readonly change: 'begin' | 'commit' | 'rollback' }
  | { readonly kind: 'ignored' }
  /** USE of the current database; another one is refused at translation. */
  | { readonly kind: 'database'; readonly name: string }
  /** IF <condition> <body>, or EXEC('<body>') when there is no condition. */
  | { readonly kind: 'if'; readonly condition?: Plan; readonly body: string }
  | { readonly kind: 'copy'; readonly text: string };
