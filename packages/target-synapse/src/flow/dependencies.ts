// What the flow needs from plan/, intake/ and load/, injected as one object so tests swap in fakes
// (test/flow/fakes.ts) and target.ts passes the real modules.
import type { Loader } from '../load/loader.js';
import { createBatchWriter, type BatchWriter, type BatchWriterOptions, type RecordMeta } from '../intake/index.js';
import { createSynapseLoader, type SynapseLoaderOptions } from '../load/index.js';
import { growForLengths, planStream, tableNamesFor, type PlanOptions, type StreamPlan, type TableChange } from '../plan/index.js';

export interface PlanResult {
  readonly plan: StreamPlan;
  readonly changes: readonly TableChange[];
}

export type { BatchWriter, BatchWriterOptions, PlanOptions, RecordMeta, SynapseLoaderOptions };

export interface TargetDependencies {
  readonly planStream: typeof planStream;
  readonly tableNamesFor: typeof tableNamesFor;
  readonly growForLengths: typeof growForLengths;
  readonly createBatchWriter: typeof createBatchWriter;
  readonly createLoader: (options: SynapseLoaderOptions) => Promise<Loader>;
}

export const REAL_DEPENDENCIES: TargetDependencies = {
  planStream,
  tableNamesFor,
  growForLengths,
  createBatchWriter,
  createLoader: createSynapseLoader,
};
