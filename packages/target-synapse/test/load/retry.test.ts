// Backoff is pure; withRetries retries only what it is told is transient, and gives up after `retries`.
import t from 'tap';
import { Logger, Redactor } from '@kustomer-synapse/singer';
import { backoffDelay, withRetries } from '../../src/load/retry.js';
import { TerminalLoadError, TransientLoadError } from '../../src/load/sql-errors.js';

const policy = { retries: 3, initialDelayMs: 100, maxDelayMs: 350 };

t.test('the wait ceiling doubles from the initial delay up to the maximum; the wait is a random part of it', async (t) => {
  t.same([1, 2, 3, 4].map((n) => backoffDelay(policy, n, 0.999999)), [99, 199, 349, 349]);
  t.equal(backoffDelay(policy, 2, 0), 0);
  t.equal(backoffDelay(policy, 2, 0.5), 100);
});

t.test('transient failures are retried with a logged line each; a terminal one is thrown at once', async (t) => {
  const lines: string[] = [];
  const waits: number[] = [];
  const ctx = { policy, log: new Logger('t', 'info', { write: (l: string) => lines.push(l) }, new Redactor()), sleep: async (ms: number) => { waits.push(ms); }, random: () => 0.5 };
  let calls = 0;
  t.equal(await withRetries(ctx, 'the step', async () => { calls += 1; if (calls < 3) throw new TransientLoadError('busy', 40501); return 'done'; }), 'done');
  t.same(waits, [50, 100]);
  t.match(lines[0], /WARNING t: the step failed \(attempt 1 of 4\), retrying in 50 ms: busy\n?$/);
  calls = 0;
  await t.rejects(withRetries(ctx, 'x', async () => { calls += 1; throw new TerminalLoadError('denied', 229); }), { message: 'denied' });
  t.equal(calls, 1, 'not retried');
  calls = 0;
  await t.rejects(withRetries(ctx, 'x', async () => { calls += 1; throw new TransientLoadError('busy', 40501); }), { message: 'busy' });
  t.equal(calls, 4, 'the first attempt and three retries');
});
