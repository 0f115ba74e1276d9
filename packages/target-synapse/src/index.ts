// target-synapse as a library: the run, its settings, and the flow's parts for tests and benchmarks.
export * from './config/index.js';
export type { TargetDependencies } from './flow/dependencies.js';
export { REAL_DEPENDENCIES } from './flow/dependencies.js';
export { LoadQueue, type LoadQueueOptions } from './flow/load-queue.js';
export * from './flow/state-gate.js';
export { runTarget, type RunOptions } from './target.js';
