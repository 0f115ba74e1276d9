// The target's settings as one typed, readonly value. The settings schema (settings.ts) has already checked
// each key's type and range and filled in defaults; what is left are the rules between keys (which secret
// an auth needs), each a ConfigError of one line naming the setting and the fix. No message quotes a value.
import { ConfigError, type Config, type Logger } from '@kustomer-synapse/singer';
import type { SqlAuth, StorageAuth } from '../load/index.js';
import { SETTINGS } from './settings.js';

export type { SqlAuth, StorageAuth };

export interface TargetConfig {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly auth: SqlAuth;
  readonly encrypt: boolean;
  readonly trustServerCertificate: boolean;
  readonly schema: string;
  readonly storage: {
    readonly account: string;
    readonly container: string;
    readonly kind: 'blob' | 'adls';
    readonly auth: StorageAuth;
    readonly endpoint?: string;
  };
  readonly loadMethod: 'upsert' | 'append-only' | 'overwrite';
  readonly upsertStrategy: 'delete-insert' | 'merge';
  readonly nesting: 'subtables' | 'json';
  readonly batchSizeRows: number;
  readonly batchMaxBytes: number;
  readonly maxBatchAgeSeconds: number;
  readonly filesPerBatch: number;
  readonly maxParallelism: number;
  readonly validateRecords: boolean;
  readonly addRecordMetadata: boolean;
  readonly hardDelete: boolean;
  readonly keepStagedFiles: boolean;
  readonly loadRetries: number;
  readonly loadRetryDelayMs: number;
  readonly stringMaxLength: number;
  readonly tableIndex: 'auto' | 'heap' | 'cci';
  readonly tableDistribution: 'auto' | 'hash' | 'round_robin' | 'replicate';
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const FIX = 'fix the --config file(s) or the TARGET_SYNAPSE_* variables';

/** From a config that validateConfig(…, SETTINGS, …) accepted. Unknown keys are logged, not refused (Meltano may pass extras). */
export function toTargetConfig(config: Config, log?: Logger): TargetConfig {
  const unknown = Object.keys(config).filter((key) => !Object.hasOwn(SETTINGS.properties, key));
  if (unknown.length > 0) log?.warning(`ignoring unknown setting(s) ${unknown.join(', ')}; run target-synapse --about for the list`);
  const text = (key: string): string | undefined => (typeof config[key] === 'string' ? (config[key] as string) : undefined);
  const need = (key: string, because: string): string => {
    const value = text(key);
    if (value === undefined) throw new ConfigError(`${key} is required when ${because}; ${FIX}`);
    return value;
  };
  const auth = sqlAuth(text('auth') ?? 'password', need);
  if (config.encrypt === false && !LOCAL_HOSTS.has(String(config.host))) {
    log?.warning(`encrypt is false: the connection to ${String(config.host)} is not encrypted, login included; only local stand-ins should turn TLS off`);
  }
  const storageAuth = storageAuthOf(config, need);
  const endpoint = text('storage_endpoint');
  return {
    host: need('host', 'loading into Synapse'),
    port: config.port as number,
    database: need('database', 'loading into Synapse'),
    auth,
    encrypt: config.encrypt as boolean,
    trustServerCertificate: config.trust_server_certificate as boolean,
    schema: config.default_target_schema as string,
    storage: {
      account: need('storage_account', 'staging files'),
      container: need('container', 'staging files'),
      kind: config.storage_kind as 'blob' | 'adls',
      auth: storageAuth,
      ...(endpoint === undefined ? {} : { endpoint }),
    },
    loadMethod: config.load_method as TargetConfig['loadMethod'],
    upsertStrategy: config.upsert_strategy as TargetConfig['upsertStrategy'],
    nesting: config.nesting as TargetConfig['nesting'],
    batchSizeRows: config.batch_size_rows as number,
    batchMaxBytes: config.batch_max_bytes as number,
    maxBatchAgeSeconds: config.max_batch_age_seconds as number,
    filesPerBatch: config.files_per_batch as number,
    maxParallelism: config.max_parallelism as number,
    validateRecords: config.validate_records as boolean,
    addRecordMetadata: config.add_record_metadata as boolean,
    hardDelete: config.hard_delete as boolean,
    keepStagedFiles: config.keep_staged_files as boolean,
    loadRetries: config.load_retries as number,
    loadRetryDelayMs: config.load_retry_delay_ms as number,
    stringMaxLength: config.string_max_length as number,
    tableIndex: config.table_index as TargetConfig['tableIndex'],
    tableDistribution: config.table_distribution as TargetConfig['tableDistribution'],
  };
}

function sqlAuth(kind: string, need: (key: string, because: string) => string): SqlAuth {
  switch (kind) {
    case 'password':
      return { kind, user: need('user', 'auth is "password"'), password: need('password', 'auth is "password"') };
    case 'azure-default':
      return { kind };
    case 'service-principal': {
      const because = 'auth is "service-principal"';
      return { kind, tenantId: need('tenant_id', because), clientId: need('client_id', because), clientSecret: need('client_secret', because) };
    }
    default:
      throw new ConfigError(`auth must be one of "password", "azure-default", "service-principal"; ${FIX}`);
  }
}

/** `storage_auth` as set, or inferred from the one storage secret that is set (DESIGN.md section 4). */
function storageAuthOf(config: Config, need: (key: string, because: string) => string): StorageAuth {
  const sas = typeof config.storage_sas_token === 'string';
  const key = typeof config.storage_account_key === 'string';
  const chosen = config.storage_auth as StorageAuth['kind'] | undefined;
  if (chosen === undefined && sas && key) {
    throw new ConfigError(`both storage_sas_token and storage_account_key are set; set storage_auth to "sas" or "key" to choose, or remove one; ${FIX}`);
  }
  const kind = chosen ?? (sas ? 'sas' : key ? 'key' : undefined);
  if (kind === undefined) {
    throw new ConfigError(`storage_auth is not set and neither storage_sas_token nor storage_account_key is; set one of them, or storage_auth to "identity"; ${FIX}`);
  }
  if (kind === 'sas') return { kind, sasToken: need('storage_sas_token', 'storage_auth is "sas"').replace(/^\?/, '') };
  if (kind === 'key') return { kind, accountKey: need('storage_account_key', 'storage_auth is "key"') };
  return { kind };
}
