// The table plan: what a stream's JSON Schema becomes in Synapse (DESIGN.md section 4). Produced by plan/
// from SCHEMA messages, read by intake/ (which rows and CSV fields a record yields) and by load/ (DDL, COPY
// INTO and the upsert). This file is the contract between those folders; it holds types only.

/** A Synapse column type (research/synapse.md 2.7). */
export type SqlType =
  | { readonly kind: 'bigint' }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'float' }
  | { readonly kind: 'bit' }
  | { readonly kind: 'datetimeoffset' }
  | { readonly kind: 'date' }
  | { readonly kind: 'time' }
  | { readonly kind: 'nvarchar'; readonly length: number | 'max' };

export interface ColumnPlan {
  /** The SQL column name: conformed, unique case-insensitively within its table. */
  readonly name: string;
  /** Where the value comes from, relative to the row's source object (a record, or an array element). */
  readonly source: ColumnSource;
  readonly type: SqlType;
  readonly nullable: boolean;
}

export type ColumnSource =
  /** A property path inside the object (`['a', 'b']` is `a.b`, flattened to column `a__b`). */
  | { readonly kind: 'property'; readonly path: readonly string[]; readonly asJson: boolean }
  /** The element itself, for an array of scalars (the `value` column). */
  | { readonly kind: 'element'; readonly asJson: boolean }
  /** A child row's link to its root record: the root's key property `key` (`_sdc_source_key_<pk>`). */
  | { readonly kind: 'source-key'; readonly key: string }
  /** A child row's position in the array at nesting depth `level` (`_sdc_level_<level>_id`, 0-based). */
  | { readonly kind: 'level-id'; readonly level: number }
  /** A Singer metadata column (`_sdc_extracted_at`, `_sdc_received_at`, `_sdc_batched_at`, ...). */
  | { readonly kind: 'metadata'; readonly field: string };

export type TableIndex = 'heap' | 'cci';

export type Distribution =
  | { readonly kind: 'hash'; readonly column: string }
  | { readonly kind: 'round_robin' }
  | { readonly kind: 'replicate' };

export interface TablePlan {
  /** Database schema (`default_target_schema`). */
  readonly schema: string;
  /** Conformed table name, unique case-insensitively within the schema. */
  readonly name: string;
  /** In CSV field order. The stage adds its own arrival-ordinal column; it is not listed here. */
  readonly columns: readonly ColumnPlan[];
  /** Columns that identify one row for the upsert; empty for a stream without key properties. */
  readonly keyColumns: readonly string[];
  readonly index: TableIndex;
  readonly distribution: Distribution;
}

export interface ChildTablePlan extends TablePlan {
  /** Property path from the root record to the array, through arrays of arrays (`[]` marks one). */
  readonly path: readonly string[];
  /** Nesting depth: 1 for an array directly in the record. */
  readonly depth: number;
  /** The `_sdc_source_key_<pk>` columns, in the order of the root's key columns. */
  readonly sourceKeyColumns: readonly string[];
}

export interface StreamPlan {
  readonly stream: string;
  /** Key properties as the SCHEMA message names them. */
  readonly keyProperties: readonly string[];
  readonly root: TablePlan;
  /** Every child table, at any depth, parents before their children. */
  readonly children: readonly ChildTablePlan[];
}

/** A table as it exists in the database (read from INFORMATION_SCHEMA / sys views by load/). */
export interface LiveTable {
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: SqlType; readonly nullable: boolean }[];
  readonly index: TableIndex;
  readonly distribution: Distribution;
}

/**
 * What plan/ decides the database needs so that it can hold a plan; load/ executes these outside any
 * transaction, in order. Every change keeps every stored value exactly (DESIGN.md section 4).
 */
export type TableChange =
  | { readonly kind: 'create-table'; readonly table: TablePlan }
  | { readonly kind: 'add-column'; readonly schema: string; readonly table: string; readonly column: ColumnPlan }
  /** A widening that holds every stored value: NVARCHAR(n) -> a longer one or MAX, BIGINT -> DECIMAL(38,0), ... */
  | { readonly kind: 'alter-column'; readonly schema: string; readonly table: string; readonly column: ColumnPlan; readonly from: SqlType }
  /** A clustered columnstore table that must hold a MAX column becomes a HEAP first. */
  | { readonly kind: 'rebuild-as-heap'; readonly schema: string; readonly table: string };
