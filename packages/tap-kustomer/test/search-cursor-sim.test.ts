// The keyset cursor driving kustomer-sim's real search over HTTP: a seeded org of 10,000 conversations whose history
// has runs of records sharing one updatedAt, one of them longer than a page of 500. Expected: the simulator's own
// records, read directly (not through search).
import t from 'tap';
import { start } from '@kustomer-synapse/kustomer-sim';
import { firstCursor, nextSearchStep, type PageRecord, type SearchCursor } from '../src/sync/search-cursor.js';

const PAGE_SIZE = 500;

async function searchPage(url: string, token: string, cursor: SearchCursor) {
  const response = await fetch(`${url}/v1/customers/search?page=${cursor.page}&pageSize=${PAGE_SIZE}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      queryContext: 'conversation',
      and: [{ conversation_updated_at: { gte: cursor.from } }],
      sort: [{ conversation_updated_at: 'asc' }],
    }),
  });
  if (response.status !== 200) throw new Error(`search answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { data: { id: string; attributes: { updatedAt: string } }[]; links: { next: string | null } };
  const records: PageRecord[] = body.data.map((r) => ({ id: r.id, updatedAt: r.attributes.updatedAt }));
  return { records, hasNext: body.links.next !== null };
}

t.test('10,000 conversations (7,989 inside the search horizon) with a run longer than a page come out of kustomer-sim once each, in about one search per 499 records', async (t) => {
  const sim = await start({ seed: 1, scale: 10_000, rateLimits: { orgPerMinute: 10_000, searchPerMinute: 10_000 } });
  t.teardown(() => sim.stop());
  const horizon = new Date(sim.clock.now());
  horizon.setUTCFullYear(horizon.getUTCFullYear() - 2);
  const expected = Array.from({ length: sim.count('conversation') }, (_, i) => sim.record('conversation', i))
    .filter((r) => Date.parse(r.attributes['updatedAt'] as string) >= horizon.getTime())
    .map((r) => ({ id: r.id, at: Date.parse(r.attributes['updatedAt'] as string) }));
  const runs = new Map<number, number>();
  for (const { at } of expected) runs.set(at, (runs.get(at) ?? 0) + 1);
  t.ok(Math.max(...runs.values()) > PAGE_SIZE, `the data has a run longer than a page (${Math.max(...runs.values())})`);

  let cursor = firstCursor(horizon.toISOString());
  const emitted: string[] = [];
  let searches = 0;
  for (;;) {
    const step = nextSearchStep(cursor, await searchPage(sim.url, sim.apiToken, cursor));
    searches++;
    if (searches > 100) throw new Error('over 100 searches: the cursor is not advancing');
    if (step.kind === 'out-of-order' || step.kind === 'tie-too-long') throw new Error(`stopped: ${step.kind}`);
    emitted.push(...step.emit.map((r) => r.id));
    if (step.kind === 'done') break;
    cursor = step.next;
  }
  t.equal(emitted.length, expected.length, `${expected.length} records`);
  t.equal(new Set(emitted).size, emitted.length, 'none twice');
  t.same(new Set(emitted), new Set(expected.map((r) => r.id)), 'exactly the records the simulator holds inside the horizon');
  t.ok(searches <= Math.ceil(expected.length / (PAGE_SIZE - 1)) + 2, `${searches} searches for ${expected.length} records`);
});
