import t from 'tap';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatAbout, settingsTableRows, type PluginSpec } from '../src/about.js';
import { parseTapArgs, parseTargetArgs, runMain } from '../src/cli.js';
import { configFromEnv, redactConfig, secretValues, validateConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { Logger } from '../src/log.js';

const SECRET = 'sk-live-0123456789abcdef';

const spec: PluginSpec = {
  name: 'tap-example',
  description: 'An example tap',
  version: '1.2.3',
  capabilities: ['catalog', 'discover', 'state', 'about'],
  envPrefix: 'TAP_EXAMPLE',
  settings: {
    type: 'object',
    properties: {
      api_token: { type: 'string', secret: true, description: 'The API key' },
      start_date: { type: 'string', format: 'date-time', description: 'Earliest record to sync' },
      page_size: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
      region: { type: 'string', enum: ['us', 'eu'] },
      tags: { type: 'array', items: { type: 'string' } },
    },
    required: ['api_token', 'start_date'],
  },
};

async function configFile(content: object): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'singer-cli-'));
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(path, JSON.stringify(content));
  return path;
}

function capturingLogger(): { logger: Logger; output: () => string } {
  let text = '';
  return { logger: new Logger('tap-example', 'debug', { write: (line: string) => (text += line) }), output: () => text };
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  if (!(error instanceof Error)) throw new Error('expected a failure');
  return error;
}

t.test('--config given twice merges the files and the later one wins', async (t) => {
  const first = await configFile({ api_token: SECRET, start_date: '2024-01-01T00:00:00Z', page_size: 50 });
  const second = await configFile({ page_size: 200, region: 'eu' });
  const invocation = await parseTapArgs(spec, ['--config', first, '--config', second, '--discover']);
  t.same(invocation, { kind: 'discover', config: { api_token: SECRET, start_date: '2024-01-01T00:00:00Z', page_size: 200, region: 'eu' } });
});

t.test('defaults from the settings schema fill in missing settings', async (t) => {
  const path = await configFile({ api_token: SECRET, start_date: '2024-01-01T00:00:00Z' });
  const invocation = await parseTapArgs(spec, ['--config', path]);
  t.equal(invocation.kind === 'sync' && invocation.config.page_size, 100);
});

t.test('--config ENV reads prefixed environment variables in their declared types', async (t) => {
  const saved = { ...process.env };
  t.teardown(() => {
    process.env = saved;
  });
  process.env.TAP_EXAMPLE_API_TOKEN = SECRET;
  process.env.TAP_EXAMPLE_START_DATE = '2024-02-01T00:00:00Z';
  process.env.TAP_EXAMPLE_PAGE_SIZE = '250';
  process.env.TAP_EXAMPLE_TAGS = 'a, b';
  const file = await configFile({ page_size: 10 });
  const invocation = await parseTapArgs(spec, ['--config', file, '--config', 'ENV', '--discover']);
  t.same(invocation, { kind: 'discover', config: { page_size: 250, api_token: SECRET, start_date: '2024-02-01T00:00:00Z', tags: ['a', 'b'] } });
});

t.test('a config error lists every problem in one line with what is expected', async (t) => {
  const path = await configFile({ api_token: SECRET, page_size: 1000, region: 'mars' });
  const error = await failureOf(parseTapArgs(spec, ['--config', path]));
  t.ok(error instanceof ConfigError);
  t.equal(error.message,
    'invalid configuration (3 problems): start_date is required (a string (date-time): Earliest record to sync); ' +
      'page_size must be <= 500 (got 1000); region must be one of "us", "eu" (got "mars"). ' +
      'Fix the --config file(s) or the TAP_EXAMPLE_* variables.');
  t.notMatch(error.message, '\n');
});

t.test('a wrongly typed secret is reported without its value', async (t) => {
  const path = await configFile({ api_token: 12345678, start_date: 'yesterday' });
  const error = await failureOf(parseTapArgs(spec, ['--config', path]));
  t.equal(error.message,
    'invalid configuration (2 problems): api_token must be string; start_date must match format "date-time" (got "yesterday"). ' +
      'Fix the --config file(s) or the TAP_EXAMPLE_* variables.');
});

t.test('a secret value never appears in --about output, in either format', async (t) => {
  const path = await configFile({ api_token: SECRET, start_date: '2024-01-01T00:00:00Z' });
  for (const format of ['json', 'markdown']) {
    const invocation = await parseTapArgs(spec, ['--config', path, '--about', '--format', format]);
    t.equal(invocation.kind, 'about');
    const text = invocation.kind === 'about' ? invocation.text : '';
    t.notMatch(text, SECRET, `${format} has no secret`);
    t.match(text, 'api_token');
  }
  const about = await parseTapArgs(spec, ['--about']);
  const json = JSON.parse(about.kind === 'about' ? about.text : '{}');
  t.same(json.settings.required, ['api_token', 'start_date']);
  t.same(json.settings.properties.api_token, { type: 'string', secret: true, description: 'The API key', writeOnly: true });
  t.same(json.capabilities, spec.capabilities);
});

t.test('settingsTableRows reads back one row per setting of the --about markdown, in order', async (t) => {
  const rows = settingsTableRows(`Some README text\n\n${formatAbout(spec, 'markdown')}\n| not | a settings row |\n`);
  t.same(rows.map((row) => row.split(' | ')[0]), ['| api_token', '| start_date', '| page_size', '| region', '| tags']);
  t.equal(rows[0], '| api_token | True | None | The API key (secret) |');
});

t.test('a secret value never appears in error output, even inside an unexpected error', async (t) => {
  const path = await configFile({ api_token: SECRET, start_date: 'not a date' });
  const { logger, output } = capturingLogger();
  const exitCode = process.exitCode;
  t.teardown(() => {
    process.exitCode = exitCode;
  });
  await runMain(logger, async () => {
    await parseTapArgs(spec, ['--config', path]);
  });
  await runMain(logger, async () => {
    throw new Error(`request failed: Authorization: Bearer ${SECRET} rejected for https://x.blob.core.windows.net/c?sv=1&sig=abc%2Fdef`);
  });
  t.equal(process.exitCode, 1);
  t.notMatch(output(), SECRET);
  t.notMatch(output(), 'abc%2Fdef', 'a SAS signature is masked too');
  t.match(output(), /CRITICAL tap-example: invalid configuration \(1 problem\): start_date must match format "date-time" \(got "not a date"\)/);
  t.match(output(), /CRITICAL tap-example: unexpected failure, please report it: Error: request failed: Authorization: Bearer \*\*\* rejected/);
});

t.test('--version prints the name and version', async (t) => {
  t.same(await parseTapArgs(spec, ['--version']), { kind: 'version', text: 'tap-example v1.2.3' });
});

t.test('--help returns the usage of each program and reads no config', async (t) => {
  const tap = await parseTapArgs(spec, ['--help']);
  t.equal(tap.kind, 'help');
  t.match(tap.kind === 'help' ? tap.text : '', /^tap-example: An example tap\n[\s\S]*--state[\s\S]*--discover/);
  const target = await parseTargetArgs({ ...spec, name: 'target-example' }, ['--help', '--config', '/nonexistent.json']);
  t.equal(target.kind, 'help');
  t.match(target.kind === 'help' ? target.text : '', /--input/);
});

t.test('unknown flags are a user error naming the flag', async (t) => {
  const error = await failureOf(parseTapArgs(spec, ['--confg', 'x.json']));
  t.ok(error instanceof ConfigError);
  t.match(error.message, /Unknown argument: confg; run tap-example --help for usage/);
});

t.test('--state and --catalog files are read; the flat state form is accepted', async (t) => {
  const config = await configFile({ api_token: SECRET, start_date: '2024-01-01T00:00:00Z' });
  const state = await configFile({ bookmarks: { customers: '2024-02-02T00:00:00Z' } });
  const catalog = await configFile({ streams: [{ tap_stream_id: 'customers', stream: 'customers', schema: { type: 'object', properties: {} } }] });
  const invocation = await parseTapArgs(spec, ['--config', config, '--state', state, '--properties', catalog]);
  t.equal(invocation.kind, 'sync');
  if (invocation.kind !== 'sync') return;
  t.same(invocation.state.bookmarks.customers, { replication_key_value: '2024-02-02T00:00:00Z' });
  t.equal(invocation.catalog?.streams[0]?.stream, 'customers');
});

t.test('a missing state file is a user error naming the flag', async (t) => {
  const config = await configFile({ api_token: SECRET, start_date: '2024-01-01T00:00:00Z' });
  const error = await failureOf(parseTapArgs(spec, ['--config', config, '--state', '/nonexistent/state.json']));
  t.equal(error.message, 'cannot read state file /nonexistent/state.json (ENOENT); check the --state path');
});

t.test('the target takes --config and --input', async (t) => {
  const targetSpec: PluginSpec = { ...spec, name: 'target-example', settings: { type: 'object', properties: { host: { type: 'string' } } } };
  const config = await configFile({ host: 'h' });
  t.same(await parseTargetArgs(targetSpec, ['--config', config, '--input', 'in.singer']), { kind: 'load', config: { host: 'h' }, input: 'in.singer' });
  const error = await failureOf(parseTargetArgs(targetSpec, ['--config', config, '--discover']));
  t.match(error.message, /Unknown argument: discover/);
});

t.test('a config file that is not JSON is reported by line and column without quoting the secret in it', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'singer-cli-'));
  const path = join(dir, 'config.json');
  await writeFile(path, `{\n  "start_date": "2024-01-01T00:00:00Z",\n  "api_token": ${SECRET}\n}`);
  const error = await failureOf(parseTapArgs(spec, ['--config', path]));
  t.ok(error instanceof ConfigError);
  t.notMatch(error.message, 'sk-live', 'not even the start of the unquoted secret');
  t.equal(error.message, `config file ${path} is not valid JSON (Object value expected after ':' at line 3, column 16); fix the file`);
});

t.test('a state or catalog file that is not JSON is reported by line and column', async (t) => {
  const config = await configFile({ api_token: SECRET, start_date: '2024-01-01T00:00:00Z' });
  const dir = await mkdtemp(join(tmpdir(), 'singer-cli-'));
  const state = join(dir, 'state.json');
  await writeFile(state, '{"bookmarks": {"customers": "2024-01-01",}}');
  const error = await failureOf(parseTapArgs(spec, ['--config', config, '--state', state]));
  t.equal(error.message, `state file ${state} is not valid JSON (Quoted object key expected but got '}' at line 1, column 42)`);
});

t.test('--config ENV converts numbers, booleans, arrays and objects and leaves bad values to validation', async (t) => {
  const settings: PluginSpec['settings'] = {
    type: 'object',
    properties: {
      page_size: { type: 'integer' },
      ratio: { type: ['null', 'number'] },
      verbose: { type: 'boolean' },
      streams: { type: 'array', items: { type: 'string' } },
      headers: { type: 'object' },
      label: { type: 'string' },
    },
  };
  const env = {
    TAP_EXAMPLE_PAGE_SIZE: '12abc',
    TAP_EXAMPLE_RATIO: '0.25',
    TAP_EXAMPLE_VERBOSE: 'FALSE',
    TAP_EXAMPLE_STREAMS: '["a","b"]',
    TAP_EXAMPLE_HEADERS: '{"x-team":"data"}',
    TAP_EXAMPLE_LABEL: '007',
  };
  const config = configFromEnv(settings, 'tap-example', env);
  t.same(config, { page_size: '12abc', ratio: 0.25, verbose: false, streams: ['a', 'b'], headers: { 'x-team': 'data' }, label: '007' });
  t.throws(() => validateConfig(config, settings, 'TAP_EXAMPLE'), { message: /page_size must be integer \(got "12abc"\)/ });
  t.throws(() => configFromEnv(settings, 'tap-example', { TAP_EXAMPLE_HEADERS: 'x=1' }), { message: 'TAP_EXAMPLE_HEADERS must be JSON (an object); fix the environment variable' });
});

t.test('a nested secret setting is neither printed in a config error nor left unmasked in logs', async (t) => {
  const settings: PluginSpec['settings'] = {
    type: 'object',
    additionalProperties: false,
    properties: {
      credentials: { type: 'object', properties: { client_secret: { type: 'string', secret: true, minLength: 30 } } },
      page_size: { type: 'integer' },
    },
  };
  const config = { credentials: { client_secret: 'nested-secret-value' }, page_size: 1.5, pagesize: 10 };
  const error = (() => {
    try {
      validateConfig(config, settings, 'TAP_EXAMPLE');
    } catch (caught) {
      return caught as Error;
    }
    return new Error('no error');
  })();
  t.equal(error.message,
    'invalid configuration (3 problems): pagesize is not a known setting; ' +
      'credentials.client_secret must NOT have fewer than 30 characters; page_size must be integer (got 1.5). ' +
      'Fix the --config file(s) or the TAP_EXAMPLE_* variables.');
  t.same(secretValues(config, settings), ['nested-secret-value']);
  t.same(redactConfig(config, settings), { credentials: { client_secret: '***' }, page_size: 1.5, pagesize: 10 });
});

t.test('a config file that holds only a number is refused, however many digits it has', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'singer-cli-'));
  for (const text of ['5', '99999999999999999']) {
    const path = join(dir, `config-${text.length}.json`);
    await writeFile(path, text);
    const error = await failureOf(parseTapArgs(spec, ['--config', path]));
    t.equal(error.message, `config file ${path} must hold a JSON object of settings`, text);
  }
});

t.test('a config value above 2^53 is quoted back in the problem, like any other number', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'singer-cli-'));
  const path = join(dir, 'config.json');
  await writeFile(path, `{"api_token":"${SECRET}","start_date":"2024-01-01T00:00:00Z","page_size":99999999999999999}`);
  const error = await failureOf(parseTapArgs(spec, ['--config', path]));
  t.match(error.message, 'page_size must be integer (got 99999999999999999)');
});
