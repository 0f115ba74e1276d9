import t from 'tap';
import { api, search, updatedBody, withSim } from './helpers.js';

const WALL = Date.parse('2026-03-04T05:06:07.000Z');

/** A wall clock the test moves by hand, so crossing a 60 s window takes no real minute. */
function fakeWall(start = WALL) {
  let at = start;
  return { now: () => at, advance: (ms: number) => void (at += ms) };
}

t.test('the org budget counts down in x-ratelimit-* headers, then answers 429 until the window resets', async (t) => {
  const wall = fakeWall();
  const sim = await withSim(t, { scale: 10, rateLimits: { orgPerMinute: 5, wallClock: wall.now } });
  for (let expected = 4; expected >= 0; expected--) {
    const response = await api(sim, 'GET', '/v1/tags');
    t.equal(response.status, 200);
    t.equal(response.headers.get('x-ratelimit-limit'), '5');
    t.equal(response.headers.get('x-ratelimit-remaining'), String(expected));
    t.equal(response.headers.get('x-ratelimit-reset'), String(WALL / 1000 + 60), 'reset is the window end in epoch seconds');
  }
  const limited = await api(sim, 'GET', '/v1/tags');
  t.equal(limited.status, 429);
  t.equal(limited.headers.get('x-ratelimit-remaining'), '0');
  t.same(limited.json, { errors: [{ code: 'too_many_requests', message: limited.json.errors[0].message, meta: {} }] });
  t.equal(limited.headers.get('retry-after'), null, 'no Retry-After by default');
  wall.advance(59_999);
  t.equal((await api(sim, 'GET', '/v1/tags')).status, 429, 'still limited just before the reset');
  wall.advance(1);
  const after = await api(sim, 'GET', '/v1/tags');
  t.equal(after.status, 200);
  t.equal(after.headers.get('x-ratelimit-remaining'), '4');
});

t.test('search has its own budget on top of the org budget', async (t) => {
  const sim = await withSim(t, { scale: 10, rateLimits: { orgPerMinute: 100, searchPerMinute: 3 } });
  const body = updatedBody('customer', 'gte', '2000-01-01');
  for (let expected = 2; expected >= 0; expected--) {
    const response = await search(sim, body, 1, 10);
    t.equal(response.status, 200);
    t.equal(response.headers.get('x-ratelimit-limit'), '3');
    t.equal(response.headers.get('x-ratelimit-remaining'), String(expected));
  }
  const refused = await search(sim, body, 1, 10);
  t.equal(refused.status, 429);
  t.equal(refused.headers.get('x-ratelimit-limit'), '3', 'the 429 shows the search budget');
  t.equal(refused.headers.get('x-ratelimit-remaining'), '0');
  const list = await api(sim, 'GET', '/v1/users');
  t.equal(list.status, 200, 'other endpoints still answer');
  t.equal(list.headers.get('x-ratelimit-limit'), '100');
  t.equal(list.headers.get('x-ratelimit-remaining'), String(100 - 4), 'the refused search spent no org budget');
});

t.test('every response carries the headers, errors included', async (t) => {
  const sim = await withSim(t, {
    scale: 10,
    rateLimits: { orgPerMinute: 50 },
    tokens: { bare: { roles: [] } },
    faults: { script: [{ path: '/v1/brands', nth: 1, fault: '503' }, { path: '/v1/shortcuts', nth: 1, fault: '429' }] },
  });
  const post = (path: string, body: string) =>
    fetch(sim.url + path, { method: 'POST', headers: { authorization: `Bearer ${sim.apiToken}`, 'content-type': 'application/json' }, body });
  const responses: ReadonlyArray<readonly [string, number, Headers]> = [
    ['ok', 200, (await api(sim, 'GET', '/v1/tags')).headers],
    ['wrong token', 401, (await api(sim, 'GET', '/v1/users', undefined, 'nope')).headers],
    ['missing role', 403, (await api(sim, 'GET', '/v1/users', undefined, 'bare')).headers],
    ['unknown path', 404, (await api(sim, 'GET', '/v1/planets')).headers],
    ['bad search body', 400, (await search(sim, { queryContext: 'planet' }, 1, 10)).headers],
    ['unparsable JSON', 400, (await post('/v1/customers/search', '{"queryContext":')).headers],
    ['body too large', 413, (await post('/v1/customers/search', JSON.stringify({ queryContext: 'x'.repeat(2 << 20) }))).headers],
    ['injected 503', 503, (await api(sim, 'GET', '/v1/brands')).headers],
    ['injected 429', 429, (await api(sim, 'GET', '/v1/shortcuts')).headers],
  ];
  for (const [name, status, headers] of responses) {
    t.equal(headers.get('x-ratelimit-limit'), '50', `${name} (${status}): limit`);
    t.match(headers.get('x-ratelimit-remaining'), /^\d+$/, `${name}: remaining`);
    t.match(headers.get('x-ratelimit-reset'), /^\d+$/, `${name}: reset`);
  }
  t.same(sim.requestLog.map((entry) => entry.status), responses.map(([, status]) => status), 'each answered with its status and logged');
});

t.test('a 401 spends no budget', async (t) => {
  const sim = await withSim(t, { scale: 10, rateLimits: { orgPerMinute: 5 } });
  t.equal((await api(sim, 'GET', '/v1/tags')).headers.get('x-ratelimit-remaining'), '4');
  for (let i = 0; i < 3; i++) t.equal((await api(sim, 'GET', '/v1/tags', undefined, 'nope')).status, 401);
  t.equal((await api(sim, 'GET', '/v1/tags')).headers.get('x-ratelimit-remaining'), '3');
});

t.test('x-ratelimit-reset can be sent as seconds to wait, and 429s can carry Retry-After', async (t) => {
  const wall = fakeWall();
  const sim = await withSim(t, { scale: 10, rateLimits: { orgPerMinute: 1, resetFormat: 'delta-seconds', retryAfter: true, wallClock: wall.now } });
  t.equal((await api(sim, 'GET', '/v1/tags')).headers.get('x-ratelimit-reset'), '60');
  wall.advance(20_000);
  const limited = await api(sim, 'GET', '/v1/tags');
  t.equal(limited.status, 429);
  t.equal(limited.headers.get('x-ratelimit-reset'), '40');
  t.equal(limited.headers.get('retry-after'), '40');
});

t.test('x-ratelimit-reset is real time: within 60 s of Date.now() in both formats, wherever the sim clock is', async (t) => {
  for (const resetFormat of ['epoch-seconds', 'delta-seconds'] as const) {
    // The default sim clock starts at 2026-01-01 whatever day it is; the reset must not follow it.
    const sim = await withSim(t, { scale: 10, rateLimits: { orgPerMinute: 100, resetFormat } });
    const resetAt = async (): Promise<number> => {
      const value = Number((await api(sim, 'GET', '/v1/tags')).headers.get('x-ratelimit-reset'));
      return resetFormat === 'epoch-seconds' ? value * 1000 : Date.now() + value * 1000;
    };
    const first = await resetAt();
    t.ok(Math.abs(first - Date.now()) <= 60_000, `${resetFormat}: reset ${new Date(first).toISOString()} is within 60 s of the wall clock`);
    sim.clock.set(Date.parse('2024-06-01T00:00:00.000Z'));
    const afterSet = await resetAt();
    t.ok(Math.abs(afterSet - Date.now()) <= 60_000, `${resetFormat}: still within 60 s after the sim clock moved back (${new Date(afterSet).toISOString()})`);
  }
});

t.test('moving the sim clock neither resets a spent window nor opens a new one', async (t) => {
  const wall = fakeWall();
  const sim = await withSim(t, { scale: 10, rateLimits: { orgPerMinute: 2, wallClock: wall.now } });
  t.equal((await api(sim, 'GET', '/v1/tags')).status, 200);
  t.equal((await api(sim, 'GET', '/v1/tags')).status, 200);
  sim.clock.advance(3_600_000);
  const limited = await api(sim, 'GET', '/v1/tags');
  t.equal(limited.status, 429, 'an hour of sim time is no time for the budget');
  t.equal(limited.headers.get('x-ratelimit-reset'), String(WALL / 1000 + 60));
  wall.advance(60_000);
  t.equal((await api(sim, 'GET', '/v1/tags')).status, 200, 'a minute of wall time resets it');
});
