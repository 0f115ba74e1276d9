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
  logger.info('login with hunter2-password failed; encoded: hunter2%2Dpassword? no: ' + encodeURIComponent('a b') );
  logger.info('url https://acct.blob.core.windows.net/c/f.csv?sv=2024&sig=AbC%2B123&sp=r and AccountKey=abc123==;EndpointSuffix=x');
  t.notMatch(lines.join(''), 'hunter2-password');
  t.match(lines[0], 'login with *** failed');
  t.match(lines[1], 'sig=***&sp=r');
  t.match(lines[1], 'AccountKey=***;EndpointSuffix');
  t.match(lines[0], 'x', 'one-letter values are not treated as secrets');
});
