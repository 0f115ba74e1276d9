import t from 'tap';
import { parseInterval } from '../src/interval.js';

t.test('--every takes durations written as <number><unit> parts', async (t) => {
  t.equal(parseInterval('15m'), 900_000);
  t.equal(parseInterval('30s'), 30_000);
  t.equal(parseInterval('1h30m'), 5_400_000);
  t.equal(parseInterval('1d'), 86_400_000);
  t.equal(parseInterval('250ms'), 250);
});

t.test('anything else is refused with a line saying how to write it', async (t) => {
  for (const text of ['', '15', '5x', '0s', '1h 30m', 'm', '-5m', '15m!']) {
    t.throws(() => parseInterval(text), { name: 'ConfigError', message: `--every ${JSON.stringify(text)} is not a duration; write it like 30s, 15m, 1h or 1h30m` }, JSON.stringify(text));
  }
});
