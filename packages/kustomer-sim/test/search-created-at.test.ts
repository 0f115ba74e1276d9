// `<ctx>_created_at` as a search criterion: developer.kustomer.com docs/concepts/search and
// api/core-resources/create-customer-search document `conversation_created_at` with `gte`/`lte` (a local date or a
// UTC instant). The simulator takes it as a criterion of the top-level `and`, next to the updated_at criteria.
import t from 'tap';
import { ids, search, withSim } from './helpers.js';

const createdAt = (r: { attributes: Record<string, unknown> }): string => r.attributes['createdAt'] as string;
const updatedAt = (r: { attributes: Record<string, unknown> }): string => r.attributes['updatedAt'] as string;

t.test('created_at gte and lt in the top-level and narrow the matches to records created in that window, counted in total', async (t) => {
  const sim = await withSim(t, { scale: 300 });
  const all = Array.from({ length: sim.count('conversation') }, (_, i) => sim.record('conversation', i));
  const times = all.map(createdAt).sort();
  const lo = times[100] as string;
  const hi = times[200] as string;
  const horizon = new Date(sim.clock.now());
  horizon.setUTCFullYear(horizon.getUTCFullYear() - 2);
  const expected = all
    .filter((r) => createdAt(r) >= lo && createdAt(r) < hi && Date.parse(updatedAt(r)) >= horizon.getTime())
    .sort((a, b) => Date.parse(updatedAt(a)) - Date.parse(updatedAt(b)));
  const body = {
    queryContext: 'conversation',
    and: [{ conversation_updated_at: { gte: '2000-01-01T00:00:00Z' } }, { conversation_created_at: { gte: lo } }, { conversation_created_at: { lt: hi } }],
    sort: [{ conversation_updated_at: 'asc' }],
  };
  const first = await search(sim, body, 1, 30);
  t.equal(first.status, 200);
  t.equal(first.json.meta.total, expected.length, `total counts the ${expected.length} matches`);
  const pages = [first.json.data];
  for (let page = 2; page <= Math.ceil(expected.length / 30); page++) pages.push((await search(sim, body, page, 30)).json.data);
  const served = pages.flat();
  t.same(new Set(ids(served)), new Set(ids(expected)), 'exactly the records created in [gte, lt)');
  t.equal(served.length, expected.length, 'each once across the pages');
  const dateOnly = await search(sim, { queryContext: 'conversation', and: [{ conversation_created_at: { lte: '2000-01-01' } }] }, 1, 10);
  t.equal(dateOnly.json.meta.total, 0, 'a local date works too (nothing was created before 2000)');
});

t.test('a tie at one updatedAt splits by created_at', async (t) => {
  const sim = await withSim(t, { scale: 2_000 });
  const { updatedAt: at, modified } = sim.update({ kind: 'conversation', modify: 1_200 });
  const tied = new Set(modified);
  const records = Array.from({ length: sim.count('conversation') }, (_, i) => sim.record('conversation', i)).filter((r) => tied.has(r.id));
  const middle = records.map(createdAt).sort()[600] as string;
  const window = (operator: 'lt' | 'gte') => ({
    queryContext: 'conversation',
    and: [{ conversation_updated_at: { gte: at } }, { conversation_updated_at: { lte: at } }, { conversation_created_at: { [operator]: middle } }],
    sort: [{ conversation_updated_at: 'asc' }],
  });
  const before = await search(sim, window('lt'), 1, 500);
  const after = await search(sim, window('gte'), 1, 500);
  t.equal(before.json.meta.total + after.json.meta.total, 1_200, 'the two windows partition the tie');
  t.equal(before.json.meta.total, records.filter((r) => createdAt(r) < middle).length, 'created before the middle');
  t.ok(ids(before.json.data).every((id) => tied.has(id)), 'only tied records');
});

t.test('created_at anywhere but the top-level and is refused with a 400 naming where', async (t) => {
  const sim = await withSim(t, { scale: 50 });
  const nested = await search(sim, { queryContext: 'conversation', or: [{ conversation_created_at: { gte: '2025-01-01' } }] }, 1, 10);
  t.equal(nested.status, 400);
  t.same(nested.json.errors[0].source, { pointer: '/or/0/conversation_created_at' });
  t.match(nested.json.errors[0].detail, 'only as a criterion of the top-level "and"');
  const sorted = await search(sim, { queryContext: 'conversation', and: [{ conversation_created_at: { gte: '2025-01-01' } }], sort: [{ conversation_created_at: 'asc' }] }, 1, 10);
  t.equal(sorted.status, 400, 'sorting by created_at is not simulated');
  const other = await search(sim, { queryContext: 'conversation', and: [{ customer_created_at: { gte: '2025-01-01' } }] }, 1, 10);
  t.equal(other.status, 400, 'another context\'s created_at is refused');
});
