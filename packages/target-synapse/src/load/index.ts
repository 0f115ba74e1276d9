// What load/ offers the flow: the Loader for Synapse and its options, the load errors, the staged names.
export { createSynapseLoader, type SynapseLoaderOptions } from './synapse-loader.js';
export type { SqlAuth, SqlConnectionOptions } from './sql-runner.js';
export type { StorageAuth, StorageOptions } from './blob-store.js';
export type { UpsertStrategy } from './load-batch.js';
export { TerminalLoadError, TransientLoadError, isTransient, classifySqlError } from './sql-errors.js';
export { formatStagedFile, parseStagedFile, type StagedFile } from './staged-file.js';
export type * from './loader.js';
