// The request budget against a model of Kustomer's fixed 60 s windows (research/kustomer.md 2.7): a client that asks
// the budget before every request uses nearly the whole window and never meets a 429, including when the server
// allows less than the configured rate (another integration shares the org budget).
import t from 'tap';
import { RateBudget } from '../src/http/rate-budget.js';

const WINDOW_MS = 60_000;

/** Runs a sequential client for `durationMs` against windows of `serverLimit`; returns requests per window and 429s. */
function run(configured: number, serverLimit: number, durationMs: number, latencyMs: number, startMs = 17_000) {
  const budget = new RateBudget(configured, startMs);
  const used = new Map<number, number>();
  let rejected = 0;
  let now = startMs;
  while (now < startMs + durationMs) {
    const wait = budget.reserve(now);
    if (wait > 0) {
      now += wait;
      continue;
    }
    const window = Math.floor(now / WINDOW_MS);
    const count = used.get(window) ?? 0;
    now += latencyMs;
    if (count >= serverLimit) {
      rejected++;
      budget.exhausted((window + 1) * WINDOW_MS);
      continue;
    }
    used.set(window, count + 1);
    budget.observe({ remaining: serverLimit - count - 1, resetAtMs: (window + 1) * WINDOW_MS }, now);
  }
  return { used, rejected };
}

t.test('at 300/min against a server that allows 300, every whole window is used at 90 % or more and nothing is refused', async (t) => {
  const { used, rejected } = run(300, 300, 3 * WINDOW_MS + 43_000, 50);
  t.equal(rejected, 0, 'no 429');
  const whole = [...used.entries()].slice(1, -1);
  t.ok(whole.length >= 2, `${whole.length} whole windows`);
  for (const [window, count] of whole) t.ok(count >= 270 && count <= 300, `window ${window}: ${count} requests`);
});

t.test('when the server allows less than configured, its remaining count paces the client: no 429, the window used', async (t) => {
  const { used, rejected } = run(300, 200, 3 * WINDOW_MS, 20);
  t.equal(rejected, 0, 'no 429');
  for (const [window, count] of [...used.entries()].slice(1, -1)) t.ok(count >= 180 && count <= 200, `window ${window}: ${count} of 200`);
});

t.test('after a 429 nothing is sent until the window the server named has ended', async (t) => {
  const budget = new RateBudget(1_000, 0);
  t.equal(budget.reserve(0), 0);
  budget.exhausted(30_000);
  t.equal(budget.reserve(1_000), 29_000, 'waits for the reset');
  t.equal(budget.reserve(30_000), 0, 'then goes');
});

t.test('a fresh budget allows a short burst, then the configured rate', async (t) => {
  const budget = new RateBudget(60, 0);
  const immediate = Array.from({ length: 20 }, () => budget.reserve(0)).filter((w) => w === 0).length;
  t.equal(immediate, 10, 'one sixth of a minute at once');
  t.equal(budget.reserve(0), 1_000, 'then one request a second');
});
