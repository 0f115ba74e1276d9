// The settings handed to plan/ and to load/, each built in one place.
import type { Logger } from '@kustomer-synapse/singer';
import type { PlanOptions, SynapseLoaderOptions } from '../flow/dependencies.js';
import type { TargetConfig } from './target-config.js';

/** The longest wait between retries (settings.ts describes load_retry_delay_ms with it). */
const MAX_RETRY_DELAY_MS = 60_000;

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
    retry: { retries: config.loadRetries, initialDelayMs: config.loadRetryDelayMs, maxDelayMs: Math.max(config.loadRetryDelayMs, MAX_RETRY_DELAY_MS) },
    log,
  };
}
