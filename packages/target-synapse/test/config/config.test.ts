import t from 'tap';
import { ConfigError, formatAbout, Logger, validateConfig, type JsonObject } from '@kustomer-synapse/singer';
import { PLUGIN, SETTINGS, toLoaderOptions, toPlanOptions, toTargetConfig } from '../../src/config/index.js';

const BASE = { host: 'synapse.example.net', database: 'dw', storage_account: 'acct', container: 'stage' } as const;
const PASSWORD = 'Pw-do-not-print-90210';
const SAS = 'sv=2024-01-01&sig=DoNotPrintSig%2B123';
const KEY = 'QWNjb3VudEtleURvTm90UHJpbnQ=';
const CLIENT_SECRET = 'client-secret-do-not-print-55';

function config(settings: JsonObject) {
  return toTargetConfig(validateConfig({ ...BASE, ...settings }, SETTINGS, 'TARGET_SYNAPSE'));
}

function problem(settings: JsonObject): string {
  try {
    config(settings);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.message;
  }
  throw new Error('expected a ConfigError');
}

t.test('every DESIGN.md setting, and issue 10\'s retry settings, is in the settings schema with a description', async (t) => {
  const expected = [
    'host', 'port', 'database', 'auth', 'user', 'password', 'tenant_id', 'client_id', 'client_secret', 'encrypt',
    'trust_server_certificate', 'default_target_schema', 'storage_account', 'container', 'storage_kind', 'storage_auth',
    'storage_sas_token', 'storage_account_key', 'storage_endpoint', 'load_method', 'upsert_strategy', 'nesting',
    'batch_size_rows', 'batch_max_bytes', 'max_batch_age_seconds', 'files_per_batch', 'max_parallelism', 'validate_records',
    'add_record_metadata', 'hard_delete', 'keep_staged_files', 'string_max_length', 'table_index', 'table_distribution',
    'load_retries', 'load_retry_delay_ms',
  ];
  t.same(Object.keys(SETTINGS.properties).sort(), [...expected].sort());
  for (const [name, schema] of Object.entries(SETTINGS.properties)) t.ok((schema.description ?? '').length > 10, `${name} has a description`);
  t.same(
    Object.entries(SETTINGS.properties).filter(([, schema]) => schema.secret).map(([name]) => name).sort(),
    ['client_secret', 'password', 'storage_account_key', 'storage_sas_token'],
  );
});

t.test('defaults: TLS on, upsert by delete-insert, subtables, auto index and distribution', async (t) => {
  const target = config({ user: 'loader', password: PASSWORD, storage_sas_token: SAS });
  t.match(target, {
    port: 1433,
    encrypt: true,
    trustServerCertificate: false,
    schema: 'dbo',
    loadMethod: 'upsert',
    upsertStrategy: 'delete-insert',
    nesting: 'subtables',
    tableIndex: 'auto',
    tableDistribution: 'auto',
    storage: { kind: 'blob' },
    validateRecords: false,
    hardDelete: false,
    keepStagedFiles: false,
  });
});

t.test('storage_auth follows from the one storage secret that is set', async (t) => {
  const login = { user: 'loader', password: PASSWORD };
  t.same(config({ ...login, storage_sas_token: `?${SAS}` }).storage.auth, { kind: 'sas', sasToken: SAS }, 'a leading ? is dropped');
  t.same(config({ ...login, storage_account_key: KEY }).storage.auth, { kind: 'key', accountKey: KEY });
  t.same(config({ ...login, storage_auth: 'identity' }).storage.auth, { kind: 'identity' });
  t.same(config({ ...login, storage_auth: 'key', storage_sas_token: SAS, storage_account_key: KEY }).storage.auth, { kind: 'key', accountKey: KEY }, 'an explicit choice wins');
});

t.test('each mistake is one line naming the setting and the fix, quoting no secret', async (t) => {
  const login = { user: 'loader', password: PASSWORD };
  const cases: readonly [JsonObject, string][] = [
    [{ password: PASSWORD, storage_sas_token: SAS }, 'user is required when auth is "password"; fix the --config file(s) or the TARGET_SYNAPSE_* variables'],
    [{ user: 'loader', storage_sas_token: SAS }, 'password is required when auth is "password"; fix the --config file(s) or the TARGET_SYNAPSE_* variables'],
    [{ auth: 'service-principal', tenant_id: 't', client_id: 'c', storage_sas_token: SAS }, 'client_secret is required when auth is "service-principal"; fix the --config file(s) or the TARGET_SYNAPSE_* variables'],
    [{ ...login }, 'storage_auth is not set and neither storage_sas_token nor storage_account_key is; set one of them, or storage_auth to "identity"; fix the --config file(s) or the TARGET_SYNAPSE_* variables'],
    [{ ...login, storage_sas_token: SAS, storage_account_key: KEY }, 'both storage_sas_token and storage_account_key are set; set storage_auth to "sas" or "key" to choose, or remove one; fix the --config file(s) or the TARGET_SYNAPSE_* variables'],
    [{ ...login, storage_auth: 'key', storage_sas_token: SAS }, 'storage_account_key is required when storage_auth is "key"; fix the --config file(s) or the TARGET_SYNAPSE_* variables'],
  ];
  for (const [settings, expected] of cases) {
    const message = problem(settings);
    t.equal(message, expected);
    t.notMatch(message, /\n/);
    for (const secret of [PASSWORD, SAS, KEY, CLIENT_SECRET]) t.notOk(message.includes(secret), 'no secret in the message');
  }
});

t.test('a value of the wrong type or range is refused by the schema, naming the setting', async (t) => {
  const login = { user: 'loader', password: PASSWORD, storage_sas_token: SAS };
  t.match(problem({ ...login, batch_size_rows: 0 }), /^invalid configuration \(1 problem\): batch_size_rows must be >= 1 \(got 0\)\./);
  t.match(problem({ ...login, load_method: 'replace' }), /load_method must be one of "upsert", "append-only", "overwrite" \(got "replace"\)/);
  t.match(problem({ ...login, encrypt: 'yes' }), /encrypt must be boolean/);
  t.match(problem({ ...login, storage_endpoint: 'not a url' }), /storage_endpoint must match format "uri"/);
  const { host: _host, ...withoutHost } = BASE;
  try {
    toTargetConfig(validateConfig({ ...withoutHost, ...login }, SETTINGS, 'TARGET_SYNAPSE'));
    t.fail('expected an error');
  } catch (error) {
    t.match((error as Error).message, /host is required/);
  }
  const secretProblem = problem({ ...login, password: 12345678901 });
  t.match(secretProblem, /password must be string/);
  t.notMatch(secretProblem, /12345678901/, 'a secret of the wrong type is not quoted back');
});

t.test('an unknown setting is logged as ignored, not refused', async (t) => {
  let log = '';
  const logger = new Logger('target-synapse', 'debug', { write: (line: string) => (log += line) });
  toTargetConfig(validateConfig({ ...BASE, user: 'u', password: PASSWORD, storage_sas_token: SAS, batch_size: 5 }, SETTINGS, 'TARGET_SYNAPSE'), logger);
  t.match(log, /ignoring unknown setting\(s\) batch_size; run target-synapse --about for the list/);
});

t.test('TLS turned off for a remote host is warned about; for a local stand-in it is not', async (t) => {
  let log = '';
  const logger = new Logger('target-synapse', 'debug', { write: (line: string) => (log += line) });
  const login = { user: 'u', password: PASSWORD, storage_sas_token: SAS, encrypt: false };
  toTargetConfig(validateConfig({ ...BASE, ...login, host: '127.0.0.1' }, SETTINGS, 'TARGET_SYNAPSE'), logger);
  t.equal(log, '');
  toTargetConfig(validateConfig({ ...BASE, ...login }, SETTINGS, 'TARGET_SYNAPSE'), logger);
  t.match(log, /WARNING target-synapse: encrypt is false: the connection to synapse\.example\.net is not encrypted, login included/);
});

t.test('the options for plan/ and load/ carry the settings through', async (t) => {
  const log = new Logger('target-synapse', 'critical', { write: () => undefined });
  const target = config({
    auth: 'service-principal', tenant_id: 'tenant', client_id: 'client', client_secret: CLIENT_SECRET,
    storage_account_key: KEY, storage_kind: 'adls', storage_endpoint: 'http://127.0.0.1:10000/devstoreaccount1',
    default_target_schema: 'kustomer', nesting: 'json', string_max_length: 8000, table_index: 'heap', table_distribution: 'replicate',
    load_method: 'append-only', upsert_strategy: 'merge', hard_delete: true, keep_staged_files: true, max_parallelism: 3, port: 14330,
    encrypt: false, trust_server_certificate: true, load_retries: 2, load_retry_delay_ms: 250,
  });
  t.same(toPlanOptions(target, log), { schema: 'kustomer', nesting: 'json', addRecordMetadata: true, stringMaxLength: 8000, tableIndex: 'heap', tableDistribution: 'replicate', log });
  t.same(toLoaderOptions(target, log), {
    connection: {
      host: BASE.host, port: 14330, database: 'dw', encrypt: false, trustServerCertificate: true,
      auth: { kind: 'service-principal', tenantId: 'tenant', clientId: 'client', clientSecret: CLIENT_SECRET },
    },
    storage: { account: 'acct', container: 'stage', kind: 'adls', auth: { kind: 'key', accountKey: KEY }, endpoint: 'http://127.0.0.1:10000/devstoreaccount1' },
    loadMethod: 'append-only', upsertStrategy: 'merge', hardDelete: true, keepStagedFiles: true, maxParallelism: 3,
    retry: { retries: 2, initialDelayMs: 250, maxDelayMs: 60_000 }, log,
  });
});

t.test('--about lists every setting with its description and default, as JSON and as markdown', async (t) => {
  const about = JSON.parse(formatAbout(PLUGIN, 'json')) as { name: string; settings: { properties: Record<string, { description?: string; default?: unknown; writeOnly?: boolean }> } };
  t.equal(about.name, 'target-synapse');
  for (const [name, schema] of Object.entries(SETTINGS.properties)) {
    t.equal(about.settings.properties[name]?.description, schema.description, `${name} described`);
    t.same(about.settings.properties[name]?.default, schema.default, `${name} default`);
  }
  t.equal(about.settings.properties.password?.writeOnly, true);
  const markdown = formatAbout(PLUGIN, 'markdown');
  for (const name of Object.keys(SETTINGS.properties)) t.match(markdown, new RegExp(`^\\| ${name} \\| (True|False) \\| `, 'm'), `${name} has a row`);
  t.match(markdown, /^\| batch_size_rows \| False \| `100000` \| Records per batch/m);
  t.match(markdown, /^\| password \| False \| None \| SQL login password \(auth: password\) \(secret\) \|$/m);
});
