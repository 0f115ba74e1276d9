// The interface between the sinks (intake/, flow/) and the warehouse (load/): a sink hands a closed batch of
// staged files to a Loader, and the states waiting on it are released when `load` resolves. This file is
// the contract between those folders; it holds types only.
import type { LiveTable, StreamPlan, TableChange } from '../plan/types.js';

export type LoadMethod = 'upsert' | 'append-only' | 'overwrite';

/** One gzip CSV file on local disk, for one table of a stream plan. */
export interface LocalCsvFile {
  /** `root.name` or a child table's `name`. */
  readonly table: string;
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
}

export interface Batch {
  readonly plan: StreamPlan;
  /** 1-based, per stream and per run: batches of one stream commit in this order. */
  readonly sequence: number;
  /** `files_per_batch` parts per table; every table of the plan has at least one (possibly empty) file. */
  readonly files: readonly LocalCsvFile[];
  /** Records in the batch (root rows before dedupe). */
  readonly records: number;
  /** Longest string value seen per table and column, in characters, so the loader can grow a column first. */
  readonly maxLengths: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** `overwrite`: this is the first batch of the run, so the table's contents are replaced. */
  readonly replaceContents: boolean;
}

export interface LoadResult {
  readonly rowsLoaded: number;
  readonly milliseconds: number;
}

export interface Loader {
  /** The tables that exist, by name (case-insensitively matched; absent names are left out). */
  describe(schema: string, tables: readonly string[]): Promise<ReadonlyMap<string, LiveTable>>;
  /** Runs the changes plan/ decided (CREATE, ALTER ADD, safe widening, rebuild as heap), outside any transaction. */
  apply(changes: readonly TableChange[]): Promise<void>;
  /** Upload, COPY INTO a stage, dedupe, upsert in one transaction, drop the stage, delete blobs. Resolves once committed. */
  load(batch: Batch): Promise<LoadResult>;
  /** ACTIVATE_VERSION: rows of older table versions are deleted, or soft-deleted when `hard_delete` is false. */
  activateVersion(plan: StreamPlan, version: number): Promise<void>;
  close(): Promise<void>;
}
