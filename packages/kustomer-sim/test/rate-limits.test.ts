import t from 'tap';
import { api, search, updatedBody, withSim } from './helpers.js';

const NOW = Date.parse('2026-01-01T00:00:00.000Z');

t.test('the org budget counts down in x-ratelimit-* headers, then answers 429 until the window resets', async (t) => {
  const sim = await withSim(t, { scale: 10, now: NOW, rateLimits: { orgPerMinute: 5 } });
  for (let expected = 4; expected >= 0; expected--) {
    const response = await api(sim, 'GET', '/v1/tags');
    t.equal(response.status, 200);
    t.equal(response.headers.get('x-ratelimit-limit'), '5');
    t.equal(response.headers.get('x-ratelimit-remaining'), String(expected));
    t.equal(response.headers.get('x-ratelimit-reset'), String(NOW / 1000 + 60), 'reset is the window end in epoch seconds');
  }
  const limited = await api(sim, 'GET', '/v1/tags');
  t.equal(limited.status, 429);
  t.equal(limited.headers.get('x-ratelimit-remaining'), '0');
  t.same(limited.json, { errors: [{ code: 'too_many_requests', message: limited.json.errors[0].message, meta: {} }] });
  t.equal(limited.headers.get('retry-after'), null, 'no Retry-After by default');
  sim.clock.advance(59_999);
  t.equal((await api(sim, 'GET', '/v1/tags')).status, 429, 'still limited just before the reset');
  sim.clock.advance(1);
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
  const sim = await withSim(t, { scale: 10, rateLimits: { orgPerMinute: 1, resetFormat: 'delta-seconds', retryAfter: true } });
  t.equal((await api(sim, 'GET', '/v1/tags')).headers.get('x-ratelimit-reset'), '60');
  sim.clock.advance(20_000);
  const limited = await api(sim, 'GET', '/v1/tags');
  t.equal(limited.status, 429);
  t.equal(limited.headers.get('x-ratelimit-reset'), '40');
  t.equal(limited.headers.get('retry-after'), '40');
});
