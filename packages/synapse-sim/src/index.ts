// The public API of @kustomer-synapse/synapse-sim.
export { startSynapseSim, DEFAULT_HOST, type SynapseSim, type SynapseSimOptions } from './server.js';
export { createDuckdbEngine, type DuckdbEngineOptions } from './engine/index.js';
export { executeCopyInto } from './copy/index.js';
/** The seeded PRNG of the fault knobs, for tests that seed their own choices the same way. */
export { mulberry32 } from './engine/faults.js';
export {
  startAzurite, AZURITE_ACCOUNT_NAME, AZURITE_ACCOUNT_KEY, type AzuriteOptions, type AzuriteInstance,
} from './azurite.js';
export {
  SqlServerError,
  ConnectionDropFault,
  type BlobStoreSettings,
  type FaultSettings,
  type SqlEngine,
  type SqlSession,
  type SessionOptions,
  type SqlRequest,
  type SqlParameter,
  type SqlValue,
  type StatementOutcome,
  type ColumnMeta,
  type TsqlType,
  type TsqlTypeName,
} from './contract.js';
