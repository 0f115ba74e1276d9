// What the flow needs from plan/, intake/ and load/, injected as one object so tests swap in fakes
// (test/flow/fakes.ts) and target.ts passes the real modules.
import type { Loader } from '../load/loader.js';
import {
  createBatchWriter,
  createSynapseLoader,
  growForLengths,
  planStream,
  tableNamesFor,
  type BatchWriter,
  type BatchWriterOptions,
  type PlanOptions,
  type PlanResult,
  type RecordMeta,
  type SynapseLoaderOptions,
} from '../pending-modules.js';

export type { BatchWriter, BatchWriterOptions, PlanOptions, PlanResult, RecordMeta, SynapseLoaderOptions };

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
