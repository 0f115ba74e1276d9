// Every target setting of DESIGN.md section 4, as the JSON Schema that @kustomer-synapse/singer's config.ts
// validates and about.ts prints. Defaults live here and nowhere else; `secret: true` values never appear in
// any output.
import type { SettingSchema, SettingsSchema } from '@kustomer-synapse/singer';

const string = (description: string, extra: Partial<SettingSchema> = {}): SettingSchema => ({ type: 'string', minLength: 1, description, ...extra });
const boolean = (description: string, defaultValue: boolean): SettingSchema => ({ type: 'boolean', description, default: defaultValue });
const integer = (description: string, defaultValue: number, minimum: number, maximum?: number): SettingSchema => ({
  type: 'integer',
  description,
  default: defaultValue,
  minimum,
  ...(maximum === undefined ? {} : { maximum }),
});
const choice = (description: string, values: readonly string[], defaultValue?: string): SettingSchema => ({
  type: 'string',
  description,
  enum: values,
  ...(defaultValue === undefined ? {} : { default: defaultValue }),
});

/** NVARCHAR(MAX) holds at most 2^30 - 1 characters (2 GB): learn.microsoft.com/sql/t-sql/data-types/nchar-and-nvarchar-transact-sql. */
export const NVARCHAR_MAX_CHARACTERS = 1_073_741_823;
/** TCP port of SQL Server and Synapse dedicated pools: learn.microsoft.com/azure/synapse-analytics/sql/connection-strings. */
export const DEFAULT_SQL_PORT = 1433;

export const SETTINGS: SettingsSchema = {
  type: 'object',
  properties: {
    host: string('Synapse SQL endpoint host, e.g. myworkspace.sql.azuresynapse.net'),
    port: integer('Synapse SQL endpoint TCP port', DEFAULT_SQL_PORT, 1, 65535),
    database: string('Dedicated SQL pool (database) to load into'),
    auth: choice('How to log in to Synapse: a SQL login, DefaultAzureCredential of @azure/identity, or an Entra ID service principal', ['password', 'azure-default', 'service-principal'], 'password'),
    user: string('SQL login name (auth: password)'),
    password: string('SQL login password (auth: password)', { secret: true }),
    tenant_id: string('Entra ID tenant of the service principal (auth: service-principal)'),
    client_id: string('Application (client) id of the service principal (auth: service-principal)'),
    client_secret: string('Client secret of the service principal (auth: service-principal)', { secret: true }),
    encrypt: boolean('Use TLS to Synapse; only local stand-ins turn it off', true),
    trust_server_certificate: boolean('Accept any server certificate (local testing only)', false),
    default_target_schema: string('Database schema for the tables (created when missing)', { default: 'dbo' }),
    storage_account: string('Azure Storage account that stages the files'),
    container: string('Blob container (or Data Lake file system) that stages the files'),
    storage_kind: choice('blob stages on the blob host; adls writes COPY INTO locations on the Data Lake (dfs) host', ['blob', 'adls'], 'blob'),
    storage_auth: choice('How to reach the storage: a SAS token, the account key, or the managed identity. When absent, it follows from which secret is set', ['sas', 'key', 'identity']),
    storage_sas_token: string('SAS token for the container (storage_auth: sas), with or without its leading ?', { secret: true }),
    storage_account_key: string('Storage account key (storage_auth: key)', { secret: true }),
    storage_endpoint: string('Blob service URL to use instead of https://<account>.blob.core.windows.net, e.g. Azurite', { format: 'uri' }),
    load_method: choice('upsert replaces rows by key; append-only keeps every row; overwrite replaces the table contents in the first batch of a run', ['upsert', 'append-only', 'overwrite'], 'upsert'),
    upsert_strategy: choice('How an upsert changes rows: DELETE then INSERT in one transaction, or MERGE (hash-distributed tables)', ['delete-insert', 'merge'], 'delete-insert'),
    nesting: choice('subtables flattens objects to a__b columns and arrays to child tables; json stores objects and arrays as JSON text', ['subtables', 'json'], 'subtables'),
    batch_size_rows: integer('Records per batch: a batch is loaded when it holds this many', 100_000, 1),
    batch_max_bytes: integer('Compressed bytes per batch: a batch is loaded when its files reach this size', 104_857_600, 1),
    max_batch_age_seconds: integer('Seconds a batch may wait for more records before it is loaded', 300, 1),
    files_per_batch: integer('Gzip CSV files per table and batch, so Synapse reads them in parallel', 4, 1, 3600),
    max_parallelism: integer('Loads running at once, each on its own connection (one per stream at a time)', 4, 1, 64),
    validate_records: boolean('Check each record against its stream schema (ajv, with formats) and fail naming the property', false),
    add_record_metadata: boolean('Add the _sdc_ metadata columns (_sdc_extracted_at, _sdc_received_at, ...)', true),
    hard_delete: boolean('ACTIVATE_VERSION deletes older versions; when false it sets _sdc_deleted_at instead', false),
    load_retries: integer('Times a load step that failed with a transient error (throttling, a dropped connection, a deadlock) is retried before the run fails', 8, 0, 100),
    load_retry_delay_ms: integer('Longest wait before the first retry, in ms; it doubles with each retry up to 60 s, each wait a random part of it', 10_000, 0, 600_000),
    keep_staged_files: boolean('Keep the staged files in storage after each load (for debugging)', false),
    string_max_length: integer('Longest string, in characters, a column may grow to; a longer value fails the run naming stream, column and size', NVARCHAR_MAX_CHARACTERS, 1, NVARCHAR_MAX_CHARACTERS),
    table_index: choice('auto: clustered columnstore unless the table has a MAX column, then HEAP', ['auto', 'heap', 'cci'], 'auto'),
    table_distribution: choice('auto: HASH on the first key property, else ROUND_ROBIN', ['auto', 'hash', 'round_robin', 'replicate'], 'auto'),
  },
  required: ['host', 'database', 'storage_account', 'container'],
};

export const CAPABILITIES = ['about', 'activate-version', 'hard-delete', 'soft-delete', 'target-schema', 'validate-records'] as const;
