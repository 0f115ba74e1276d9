// The settings handed to plan/ and to load/, each built in one place.
import type { Logger } from '@kustomer-synapse/singer';
import type { PlanOptions, SynapseLoaderOptions } from '../flow/dependencies.js';
import type { TargetConfig } from './target-config.js';

export function toPlanOptions(config: TargetConfig, log: Logger): PlanOptions {
  return {
    schema: config.schema,
    nesting: config.nesting,
    addRecordMetadata: config.addRecordMetadata,
    stringMaxLength: config.stringMaxLength,
    tableIndex: config.tableIndex,
    tableDistribution: config.tableDistribution,
    log,
  };
}

export function toLoaderOptions(config: TargetConfig, log: Logger): SynapseLoaderOptions {
  return {
    connection: {
      host: config.host,
      port: config.port,
      database: config.database,
      auth: config.auth,
      encrypt: config.encrypt,
      trustServerCertificate: config.trustServerCertificate,
    },
    storage: config.storage,
    loadMethod: config.loadMethod,
    upsertStrategy: config.upsertStrategy,
    hardDelete: config.hardDelete,
    keepStagedFiles: config.keepStagedFiles,
    maxParallelism: config.maxParallelism,
    log,
  };
}
