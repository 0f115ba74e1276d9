// conversation_attachments against kustomer-sim: the attachments of exactly the conversations given, complete, one
// request per conversation (each at the largest page), paced by the org budget so that the simulator never answers
// 429 and no minute holds more requests than the budget. The expected attachments come from a second simulator with
// the same seed (the same org), read directly, so the oracle spends nothing of the budget under test.
import t from 'tap';
import { start, type Sim } from '@kustomer-synapse/kustomer-sim';
import { KustomerClient, type Clock } from '../src/http/client.js';
import type { JsonObject } from '../src/record-shape.js';
import { readConversationAttachments } from '../src/sync/attachments.js';
import { invalidRecords } from './support/validate.js';

const SEED = 8;
const SCALE = 2_000;
const BUDGET = 120;

/** A clock whose sleeps return at once and move time on; the client and the simulator's windows share it. */
function fakeClock(startMs: number): Clock {
  let now = startMs;
  return { now: () => now, sleep: async (ms) => { now += ms; } };
}

async function expectedAttachments(oracle: Sim, ids: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of ids) {
    const response = await fetch(`${oracle.url}/v1/conversations/${id}/attachments?pageSize=100`, { headers: { authorization: `Bearer ${oracle.apiToken}` } });
    out.push(...((await response.json()) as { data: { id: string }[] }).data.map((a) => a.id));
  }
  return out;
}

async function readAll(client: KustomerClient, ids: readonly string[]): Promise<JsonObject[]> {
  const out: JsonObject[] = [];
  for await (const page of readConversationAttachments(client, ids)) out.push(...page);
  return out;
}

t.test('the attachments of the given conversations arrive complete, one request each, within the org budget and with no 429', async (t) => {
  const clock = fakeClock(Date.parse('2026-12-02T10:00:00.000Z'));
  const sim = await start({ seed: SEED, scale: SCALE, rateLimits: { orgPerMinute: BUDGET, wallClock: clock.now } });
  const oracle = await start({ seed: SEED, scale: SCALE });
  t.teardown(() => Promise.all([sim.stop(), oracle.stop()]));
  // 300 conversations spread over the org, as a sync's changed conversations would be.
  const ids = Array.from({ length: 300 }, (_, i) => sim.record('conversation', (i * 7) % SCALE).id);
  const sentAt: number[] = [];
  const client = new KustomerClient({
    baseUrl: sim.url, apiToken: sim.apiToken, userAgent: 'tap-kustomer-test', timeoutMs: 5_000, orgPerMinute: BUDGET, searchPerMinute: 60, clock,
    onAttempt: () => sentAt.push(clock.now()),
  });
  const records = await readAll(client, ids);
  const expected = await expectedAttachments(oracle, ids);
  t.ok(expected.length > 100, `${expected.length} attachments in ${ids.length} conversations`);
  t.same(records.map((r) => r['id']), expected, 'every attachment of those conversations, in their order, none twice');
  t.equal(sim.requestLog.length, ids.length, `${sim.requestLog.length} requests for ${ids.length} conversations`);
  t.ok(sim.requestLog.every((r) => r.status === 200 && r.query['pageSize'] === '100' && /^\/v1\/conversations\/[0-9a-f]{24}\/attachments$/.test(r.path)), 'each at pageSize 100, and none refused');
  // The simulator refuses (429) whatever exceeds the budget in one of its windows, so none refused is the budget
  // kept; the pace shows it was the client's budget that held them back, beyond its burst of a sixth of a minute's.
  const minutes = ((sentAt.at(-1) ?? 0) - (sentAt[0] ?? 0)) / 60_000;
  t.ok(minutes >= (ids.length - BUDGET / 6) / BUDGET, `${ids.length} requests over ${minutes.toFixed(2)} min at ${BUDGET}/min`);
  t.same(await invalidRecords('conversation_attachments', records), [], 'every record valid against schemas/conversation_attachments.json');
});

t.test('a conversation listed twice is read once, and no conversation means no request', async (t) => {
  const sim = await start({ seed: SEED, scale: 50 });
  t.teardown(() => sim.stop());
  const client = new KustomerClient({ baseUrl: sim.url, apiToken: sim.apiToken, userAgent: 'tap-kustomer-test', timeoutMs: 5_000, orgPerMinute: 1_000, searchPerMinute: 60 });
  t.same(await readAll(client, []), []);
  t.equal(sim.requestLog.length, 0);
  const ids = Array.from({ length: 10 }, (_, i) => sim.record('conversation', i).id);
  const once = await readAll(client, ids);
  sim.clearRequestLog();
  const twice = await readAll(client, [...ids, ...ids.slice(0, 5)]);
  t.same(twice, once);
  t.equal(sim.requestLog.length, 10);
});

t.test('a conversation Kustomer no longer has (404) is skipped and reported, and the others still arrive', async (t) => {
  const sim = await start({ seed: SEED, scale: 50 });
  t.teardown(() => sim.stop());
  const client = new KustomerClient({ baseUrl: sim.url, apiToken: sim.apiToken, userAgent: 'tap-kustomer-test', timeoutMs: 5_000, orgPerMinute: 1_000, searchPerMinute: 60 });
  const ids = Array.from({ length: 10 }, (_, i) => sim.record('conversation', i).id);
  const gone = '0123456789abcdef01234567';
  const expected = await readAll(client, ids);
  const missing: string[] = [];
  const got: JsonObject[] = [];
  for await (const page of readConversationAttachments(client, [...ids.slice(0, 5), gone, ...ids.slice(5)], { onMissing: (id) => missing.push(id) })) got.push(...page);
  t.same(got, expected);
  t.same(missing, [gone]);
  t.equal(sim.requestLog.filter((r) => r.status === 404).length, 1, 'asked once, not retried');
});
