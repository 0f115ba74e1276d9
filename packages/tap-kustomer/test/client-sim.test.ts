// The HTTP client against kustomer-sim: injected faults of every kind are retried to complete data, 401 and 403 end
// at once with the line a user needs (and no token), a 429 waits for the window the server names, and a next link
// to another host is never sent the key. Expected data comes from the simulator directly.
import t from 'tap';
import { start } from '@kustomer-synapse/kustomer-sim';
import { ConfigError, PermissionError } from '@kustomer-synapse/singer';
import { KustomerApiError, KustomerClient, type Clock, type ClientOptions } from '../src/http/client.js';

const users = { stream: 'users', role: 'org.permission.user.read' };
const conversations = { stream: 'conversations', role: 'org.permission.conversation.read' };
const searchBody = (from: string) => ({
  queryContext: 'conversation',
  and: [{ conversation_updated_at: { gte: from } }],
  sort: [{ conversation_updated_at: 'asc' }],
});

/** A clock whose sleeps return at once and move time on: the client and the simulator's windows share it. */
function fakeClock(startMs: number): Clock & { slept: number[] } {
  let now = startMs;
  const slept: number[] = [];
  return { now: () => now, sleep: async (ms) => { slept.push(ms); now += ms; }, slept };
}

const options = (url: string, token: string, extra: Partial<ClientOptions> = {}): ClientOptions => ({
  baseUrl: url, apiToken: token, userAgent: 'tap-kustomer-test', timeoutMs: 2_000, orgPerMinute: 6_000, searchPerMinute: 6_000, ...extra,
});

async function allUsers(client: KustomerClient): Promise<string[]> {
  const ids: string[] = [];
  let path: string | null = '/v1/users?page=1&pageSize=500';
  while (path !== null) {
    const body = (await client.json({ method: 'GET', path, search: false, context: users })) as { data: { id: string }[]; links: { next: string | null } };
    ids.push(...body.data.map((r) => r.id));
    path = body.links.next;
  }
  return ids;
}

async function allConversations(client: KustomerClient, from: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const body = (await client.json({ method: 'POST', path: `/v1/customers/search?page=${page}&pageSize=25`, body: searchBody(from), search: true, context: conversations })) as
      { data: { id: string }[]; links: { next: string | null } };
    ids.push(...body.data.map((r) => r.id));
    if (body.links.next === null) return ids;
  }
}

t.test('with 20 % injected faults of every kind (429, 5xx, resets, slow and truncated bodies) every record still arrives', async (t) => {
  const clock = fakeClock(Date.now());
  const sim = await start({
    seed: 3, scale: 3_000, requestLog: true,
    faults: { probability: 0.2, seed: 11, slowMs: 5_000 },
    rateLimits: { orgPerMinute: 100_000, searchPerMinute: 100_000, wallClock: clock.now },
  });
  t.teardown(() => sim.stop());
  const horizon = new Date(sim.clock.now());
  horizon.setUTCFullYear(horizon.getUTCFullYear() - 2);
  const expectedUsers = Array.from({ length: sim.count('user') }, (_, i) => sim.record('user', i).id);
  const expectedConversations = Array.from({ length: sim.count('conversation') }, (_, i) => sim.record('conversation', i))
    .filter((r) => Date.parse(r.attributes['updatedAt'] as string) >= horizon.getTime()).map((r) => r.id);
  const statuses: (number | string)[] = [];
  const client = new KustomerClient(options(sim.url, sim.apiToken, { clock, timeoutMs: 1_000, onAttempt: (a) => statuses.push(a.status) }));
  t.same((await allUsers(client)).sort(), expectedUsers.sort(), 'every user');
  t.same((await allConversations(client, horizon.toISOString())).sort(), expectedConversations.sort(), 'every conversation');
  const faults = new Set(sim.requestLog.filter((r) => r.fault !== undefined).map((r) => r.fault));
  t.ok(faults.size >= 5, `fault kinds met: ${[...faults].join(', ')}`);
  t.ok(statuses.includes('network') && statuses.includes(429) && statuses.some((s) => typeof s === 'number' && s >= 500), 'network errors, 429s and 5xx were each retried');
});

t.test('a 401 ends at once naming the host and the region rule, and the token appears nowhere', async (t) => {
  const sim = await start({ seed: 1, scale: 10 });
  t.teardown(() => sim.stop());
  const client = new KustomerClient(options(sim.url, 'not-a-real-token-123'));
  const error = await client.json({ method: 'GET', path: '/v1/users', search: false, context: users }).then(() => undefined, (e: unknown) => e);
  t.type(error, ConfigError);
  t.match((error as Error).message, new RegExp(`^Kustomer refused the API key at 127\\.0\\.0\\.1:${sim.port} \\(401 .*\\); check api_token, and that the key was issued in this region`));
  t.notMatch((error as Error).message, /not-a-real-token-123/);
  t.equal(sim.requestLog.length, 1, 'one request, no retry');
});

t.test('a 403 names the stream and the role its key lacks', async (t) => {
  const sim = await start({ seed: 1, scale: 10, tokens: { limited: { roles: ['org.permission.user.read'] } } });
  t.teardown(() => sim.stop());
  const client = new KustomerClient(options(sim.url, 'limited'));
  const error = await client.json({ method: 'POST', path: '/v1/customers/search?page=1&pageSize=100', body: searchBody('2025-01-01T00:00:00.000Z'), search: true, context: conversations })
    .then(() => undefined, (e: unknown) => e);
  t.type(error, PermissionError);
  t.match((error as Error).message, /^stream conversations needs the role org\.permission\.conversation\.read, which the API key lacks \(403 /);
});

t.test('a spent budget waits for the reset the server names, then goes on without another 429', async (t) => {
  const clock = fakeClock(Date.parse('2026-12-02T10:00:00.500Z'));
  const sim = await start({ seed: 1, scale: 10, rateLimits: { orgPerMinute: 5, searchPerMinute: 5, wallClock: clock.now } });
  t.teardown(() => sim.stop());
  // The client believes it may send 600/min; the server allows 5.
  const client = new KustomerClient(options(sim.url, sim.apiToken, { clock, orgPerMinute: 600 }));
  for (let i = 0; i < 12; i++) await client.json({ method: 'GET', path: '/v1/users', search: false, context: users });
  const rejected = sim.requestLog.filter((r) => r.status === 429).length;
  t.equal(sim.requestLog.filter((r) => r.status === 200).length, 12, 'all twelve answered');
  t.ok(rejected <= 1, `${rejected} 429s: the headers' remaining count paced the client`);
  t.ok(clock.slept.some((ms) => ms >= 55_000 && ms <= 61_000), `waited for a window reset (${clock.slept.join(', ')} ms)`);
});

t.test('a next link to another host is refused before anything is sent there', async (t) => {
  const sent: string[] = [];
  const fakeFetch = (async (url: URL | string) => { sent.push(String(url)); return new Response('{}'); }) as typeof fetch;
  const client = new KustomerClient(options('https://api.kustomerapp.com', 'secret-token', { fetch: fakeFetch }));
  const error = await client.json({ method: 'GET', path: 'https://evil.example/v1/users?page=2', search: false, context: users }).then(() => undefined, (e: unknown) => e);
  t.type(error, KustomerApiError);
  t.equal((error as Error).message, 'stream users: Kustomer sent a link to https://evil.example, not https://api.kustomerapp.com; the tap does not send the API key there');
  t.same(sent, []);
  await client.json({ method: 'GET', path: '/v1/users?page=2', search: false, context: users });
  t.same(sent, ['https://api.kustomerapp.com/v1/users?page=2'], 'a relative next link goes to the configured host');
});

t.test('a 429 that carries only Retry-After is retried after that many seconds, not at once', async (t) => {
  const clock = fakeClock(0);
  const answers = [new Response('{"errors":[{"code":"too_many_requests","message":"Too Many Requests"}]}', { status: 429, headers: { 'retry-after': '7' } }), new Response('{"data":[]}')];
  const sentAt: number[] = [];
  const fakeFetch = (async () => { sentAt.push(clock.now()); return answers.shift() as Response; }) as typeof fetch;
  const client = new KustomerClient(options('https://api.kustomerapp.com', 'secret-token', { fetch: fakeFetch, clock }));
  t.same(await client.json({ method: 'GET', path: '/v1/users', search: false, context: users }), { data: [] });
  t.same(sentAt, [0, 7_000], 'the retry went 7 s later');
});
