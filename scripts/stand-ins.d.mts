import type { Sim, SimOptions } from '@kustomer-synapse/kustomer-sim';
import type { AzuriteInstance, FaultSettings, SynapseSim } from '@kustomer-synapse/synapse-sim';

export const SQL_USER: string;
export const SQL_PASSWORD: string;
export const DATABASE: string;
export const CONTAINER: string;
export const TARGET_SCHEMA: string;

export interface StandInOptions {
  /** kustomer-sim options; default scale 200 and no custom attributes. */
  readonly kustomer?: SimOptions;
  /** synapse-sim's DuckDB file; in memory when absent. */
  readonly databaseFile?: string;
  /** synapse-sim's fault knobs (e.g. `slowStatementMs` with `slowStatementPattern` for a slow COPY INTO); none when absent. */
  readonly synapseFaults?: FaultSettings;
}

export interface StandIns {
  readonly kustomer: Sim;
  readonly azurite: AzuriteInstance;
  readonly synapse: SynapseSim;
  /** tap-kustomer settings for the sim (api_token, base_url, start_date). */
  readonly tapConfig: Readonly<Record<string, string | number | boolean>>;
  /** target-synapse settings for synapse-sim and Azurite (schema `kustomer`, account-key auth). */
  readonly targetConfig: Readonly<Record<string, string | number | boolean>>;
  /** Runs SQL against synapse-sim on one shared connection; returns the rows. */
  query(text: string): Promise<readonly Readonly<Record<string, unknown>>[]>;
  /** The streams' table names in a schema (default `kustomer`), sorted; the target's `_sdc_batch` ledger is left out. */
  tables(schema?: string): Promise<readonly string[]>;
  rowCount(table: string, schema?: string): Promise<number>;
  /** Stops everything started, in reverse order. */
  stop(): Promise<void>;
}

export function startStandIns(options?: StandInOptions): Promise<StandIns>;
