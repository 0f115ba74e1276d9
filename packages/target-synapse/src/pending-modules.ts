// PLACEHOLDER, deleted by the merge of wip/target-plan and wip/target-load. It stands in for the modules
// the other two engineers are building (plan/, intake/, load/), with the exact signatures of
// target-common.md, so that flow/, config/ and target.ts compile and are tested with fakes today.
// At the merge: delete this file and import from './plan/index.js', './intake/index.js', './load/index.js'
// in src/flow/dependencies.ts (the only file that imports this one).
import type { JsonObject, Logger, SchemaMessage } from '@kustomer-synapse/singer';
import type { Batch, LoadMethod, Loader } from './load/loader.js';
import type { LiveTable, StreamPlan, TableChange } from './plan/types.js';

/** plan/'s options (target-common.md). */
export interface PlanOptions {
  readonly schema: string;
  readonly nesting: 'subtables' | 'json';
  readonly addRecordMetadata: boolean;
  readonly stringMaxLength: number;
  readonly tableIndex: 'auto' | 'heap' | 'cci';
  readonly tableDistribution: 'auto' | 'hash' | 'round_robin' | 'replicate';
  readonly log: Logger;
}

export interface PlanResult {
  readonly plan: StreamPlan;
  readonly changes: readonly TableChange[];
}

/** intake/'s writer of one batch (target-common.md). */
export interface BatchWriter {
  write(record: JsonObject, meta: RecordMeta): void;
  readonly rows: number;
  readonly bytes: number;
  readonly records: number;
  close(): Promise<Pick<Batch, 'files' | 'maxLengths' | 'records'>>;
  discard(): Promise<void>;
}

export interface RecordMeta {
  readonly ordinal: number;
  readonly receivedAt: string;
  readonly extractedAt?: string;
  readonly tableVersion?: number;
}

export interface BatchWriterOptions {
  readonly directory: string;
  readonly filesPerBatch: number;
  readonly sequence: number;
  readonly addRecordMetadata: boolean;
}

/**
 * load/'s options. target-common.md lists the fields but not their exact shape: this is the flow's reading of
 * it, built in one place (config/loader-options.ts), so the merge adapts that function only.
 */
export interface SynapseLoaderOptions {
  readonly connection: {
    readonly host: string;
    readonly port: number;
    readonly database: string;
    readonly auth:
      | { readonly kind: 'password'; readonly user: string; readonly password: string }
      | { readonly kind: 'azure-default' }
      | { readonly kind: 'service-principal'; readonly tenantId: string; readonly clientId: string; readonly clientSecret: string };
    readonly encrypt: boolean;
    readonly trustServerCertificate: boolean;
  };
  readonly storage: {
    readonly account: string;
    readonly container: string;
    readonly kind: 'blob' | 'adls';
    readonly auth:
      | { readonly kind: 'sas'; readonly sasToken: string }
      | { readonly kind: 'key'; readonly accountKey: string }
      | { readonly kind: 'identity' };
    readonly endpoint?: string;
  };
  readonly loadMethod: LoadMethod;
  readonly upsertStrategy: 'delete-insert' | 'merge';
  readonly hardDelete: boolean;
  readonly keepStagedFiles: boolean;
  readonly maxParallelism: number;
  readonly log: Logger;
}

function notBuiltYet(name: string): never {
  throw new Error(`target-synapse: ${name} is not built yet (src/pending-modules.ts is a placeholder until plan/, intake/ and load/ are merged)`);
}

export function planStream(_message: SchemaMessage, _options: PlanOptions, _live: ReadonlyMap<string, LiveTable>): PlanResult {
  return notBuiltYet('planStream');
}

export function tableNamesFor(_message: SchemaMessage, _options: PlanOptions): readonly string[] {
  return notBuiltYet('tableNamesFor');
}

export function growForLengths(_plan: StreamPlan, _maxLengths: Batch['maxLengths'], _options: PlanOptions): PlanResult {
  return notBuiltYet('growForLengths');
}

export function createBatchWriter(_plan: StreamPlan, _options: BatchWriterOptions): BatchWriter {
  return notBuiltYet('createBatchWriter');
}

export async function createSynapseLoader(_options: SynapseLoaderOptions): Promise<Loader> {
  return notBuiltYet('createSynapseLoader');
}
