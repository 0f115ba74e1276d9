import t from 'tap';
import { api, followPages, ids, reference, referenceIds, search, updatedBody, withSim } from './helpers.js';
import type { KindName } from '../src/index.js';

const CONTEXTS: ReadonlyArray<readonly [string, readonly KindName[]]> = [
  ['customer', ['customer']],
  ['conversation', ['conversation']],
  ['note', ['note']],
  ['company', ['company']],
  ['kobject_order', ['kobject.order']],
  ['kobject', ['kobject.order', 'kobject.subscription', 'kobject.return-request']],
];

t.test('search pagination returns every searchable record exactly once at page sizes 1, 37 and 500', async (t) => {
  const org = await withSim(t, { scale: 100, seed: 3 });
  // Messages are 3 per conversation: a smaller org keeps them within 100 pages of 1.
  const small = await withSim(t, { scale: 30, seed: 3 });
  for (const [context, kinds, sim] of [...CONTEXTS.map(([c, k]) => [c, k, org] as const), ['message', ['message'], small] as const]) {
    const expected = referenceIds(sim, kinds).sort();
    t.ok(expected.length > 1 && expected.length <= 100, `${context}: ${expected.length} records fit 100 pages of 1`);
    for (const pageSize of [1, 37, 500]) {
      const body = updatedBody(context, 'gte', '2000-01-01T00:00:00.000Z');
      const { records, pages } = await followPages(sim, 'POST', `/v1/customers/search?page=1&pageSize=${pageSize}`, body);
      const got = ids(records);
      t.equal(new Set(got).size, got.length, `${context} @${pageSize}: no duplicates`);
      t.same([...got].sort(), expected, `${context} @${pageSize}: every record`);
      t.equal(pages, Math.max(1, Math.ceil(expected.length / pageSize)), `${context} @${pageSize}: page count`);
    }
  }
});

t.test('search meta and links describe the page with relative paths', async (t) => {
  const sim = await withSim(t, { scale: 100 });
  const total = reference(sim, ['conversation']).length;
  const first = await search(sim, updatedBody('conversation', 'gte', '2000-01-01'), 1, 37);
  t.equal(first.status, 200);
  t.same(first.json.meta, { pageSize: 37, page: 1, total, totalPages: Math.ceil(total / 37), aggregations: {} });
  t.equal(first.json.links.next, '/v1/customers/search?page=2&pageSize=37');
  t.equal(first.json.links.prev, null);
  t.equal(first.json.links.last, `/v1/customers/search?page=${Math.ceil(total / 37)}&pageSize=37`);
  const last = await search(sim, updatedBody('conversation', 'gte', '2000-01-01'), Math.ceil(total / 37), 37);
  t.equal(last.json.links.next, null, 'next is null on the last page');
});

t.test('a pageSize above 500 is clamped to 500', async (t) => {
  const sim = await withSim(t, { scale: 300 });
  const response = await search(sim, updatedBody('message', 'gte', '2000-01-01'), 1, 1000);
  t.equal(response.json.meta.pageSize, 500);
  t.equal(response.json.data.length, 500);
});

t.test('idsOnly=true returns only type and id', async (t) => {
  const sim = await withSim(t, { scale: 10 });
  const response = await api(sim, 'POST', '/v1/customers/search?pageSize=3&idsOnly=true', updatedBody('customer', 'gte', '2000-01-01'));
  t.same(Object.keys(response.json.data[0]).sort(), ['id', 'type']);
  t.equal(response.json.links.self, '/v1/customers/search?page=1&pageSize=3&idsOnly=true');
});

t.test('pagination stays exact over several disjoint intervals and after updates, ascending and descending', async (t) => {
  const sim = await withSim(t, { scale: 200 });
  sim.clock.advance(60_000);
  const change = sim.update({ kind: 'conversation', modify: 20, create: 3 });
  const times = reference(sim, ['conversation']).map((r) => Date.parse(r.attributes.updatedAt));
  const iso = (ms: number) => new Date(ms).toISOString();
  // Three windows with records left out between them: or of [..a], [b..c] and [d..], which union() keeps apart.
  const [a, b, c, d] = [times[15], times[40], times[60], times[times.length - 30]] as [number, number, number, number];
  const inside = (ms: number) => ms <= a || (ms >= b && ms <= c) || ms >= d;
  const want = reference(sim, ['conversation'], inside);
  t.ok(times.some((ms) => ms > a && ms < b) && times.some((ms) => ms > c && ms < d), 'records lie between the windows');
  t.ok(want.length > 40 && want.length <= 200, `${want.length} records fit 100 pages of 2`);
  const body = (sort: 'asc' | 'desc') => ({
    queryContext: 'conversation',
    or: [
      { conversation_updated_at: { lte: iso(a) } },
      { and: [{ conversation_updated_at: { gte: iso(b) } }, { conversation_updated_at: { lte: iso(c) } }] },
      { conversation_updated_at: { gte: iso(d) } },
    ],
    sort: [{ conversation_updated_at: sort }],
  });
  for (const pageSize of [2, 7, 37, 500]) {
    for (const sort of ['asc', 'desc'] as const) {
      const { records } = await followPages(sim, 'POST', `/v1/customers/search?pageSize=${pageSize}`, body(sort));
      t.same(ids(records), sort === 'asc' ? ids(want) : ids(want).reverse(), `${sort} @${pageSize}`);
    }
  }
  const head = ids((await search(sim, body('desc'), 1, 23)).json.data);
  t.same(head.sort(), [...change.modified, ...change.created].sort(), 'the changed records come first in desc order');
});
