import t from 'tap';
import { Logger, levelFromEnv } from '../src/log.js';
import { Redactor } from '../src/redact.js';

function capture(level: Parameters<typeof levelFromEnv>[0]): { logger: Logger; lines: string[]; secrets: Redactor } {
  const lines: string[] = [];
  const secrets = new Redactor();
  return { logger: new Logger('tap-x', levelFromEnv(level), { write: (line: string) => lines.push(line) }, secrets), lines, secrets };
}

t.test('messages below LOG_LEVEL are not printed', async (t) => {
  const { logger, lines } = capture('WARNING');
  logger.info('hidden');
  logger.debug('hidden');
  logger.warning('shown');
  logger.error('shown too');
  t.equal(lines.length, 2);
  t.match(lines[0], /^\d{4}-\d\d-\d\dT[\d:.]+Z WARNING tap-x: shown\n$/);
});

t.test('LOG_LEVEL accepts Python spellings and falls back to info', async (t) => {
  t.equal(levelFromEnv('warn'), 'warning');
  t.equal(levelFromEnv('FATAL'), 'critical');
  t.equal(levelFromEnv(undefined), 'info');
  t.equal(levelFromEnv('loud'), 'info');
});

t.test('metrics are Singer METRIC lines', async (t) => {
  const { logger, lines } = capture('info');
  logger.metric({ type: 'counter', metric: 'record_count', value: 100, tags: { endpoint: 'customers' } });
  t.match(lines[0], / INFO tap-x: METRIC: \{"type":"counter","metric":"record_count","value":100,"tags":\{"endpoint":"customers"\}\}\n$/);
});

t.test('registered secrets and secret-shaped values are masked in every line', async (t) => {
  const { logger, lines, secrets } = capture('debug');
  secrets.add('hunter2-password', 'x', undefined, 42);
  logger.info('login with hunter2-password failed');
  logger.info('url https://acct.blob.core.windows.net/c/f.csv?sv=2024&sig=AbC%2B123&sp=r and AccountKey=abc123==;EndpointSuffix=x');
  logger.info('box x of 42');
  t.match(lines[0], / INFO tap-x: login with \*\*\* failed\n$/);
  t.match(lines[1], 'sig=***&sp=r');
  t.match(lines[1], 'AccountKey=***;EndpointSuffix');
  t.match(lines[2], / INFO tap-x: box x of 42\n$/, 'one-letter values and non-strings are not treated as secrets');
});

t.test('a secret is masked in its URL-encoded, form-encoded and JSON-escaped spellings', async (t) => {
  const { logger, lines, secrets } = capture('debug');
  const key = 'Ab+c/D=e f"g\\h';
  secrets.add(key);
  logger.error(`query ${encodeURIComponent(key)}`);
  logger.error(`lower ${encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())}`);
  logger.error(`form ${new URLSearchParams({ k: key }).toString()}`);
  logger.error(`body ${JSON.stringify({ key })}`);
  logger.error(`uri ${encodeURI(key)}`);
  t.same(lines.map((line) => line.replace(/^\S+ ERROR tap-x: /, '').trimEnd()), [
    'query ***',
    'lower ***',
    'form k=***',
    'body {"key":"***"}',
    'uri ***',
  ]);
});

t.test('a SAS signature inside an encoded URL is masked too', async (t) => {
  const { logger, lines } = capture('debug');
  const sas = 'https://a.blob.core.windows.net/c/f.csv?sv=2024&sig=AbC%2B123&sp=r';
  logger.error(`redirect to /login?next=${encodeURIComponent(sas)}`);
  t.notMatch(lines[0], 'AbC');
  t.match(lines[0], 'sig%3D***%26sp%3Dr');
});
