import t from 'tap';
import { api, followPages, ids, search, updatedBody, withSim } from './helpers.js';
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
    const expected = kinds.flatMap((kind) => sim.searchableIds(kind)).sort();
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
  const total = sim.searchableIds('conversation').length;
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

t.test('pagination stays exact over several intervals and after updates, ascending and descending', async (t) => {
  const sim = await withSim(t, { scale: 400 });
  sim.clock.advance(60_000);
  const change = sim.update({ kind: 'conversation', modify: 40, create: 3 });
  const all = sim.searchableIds('conversation');
  t.equal(all.length, new Set(all).size);
  const splitAt = sim.record('conversation', 150).attributes['updatedAt'] as string;
  const body = (sort: 'asc' | 'desc') => ({
    queryContext: 'conversation',
    or: [{ conversation_updated_at: { lt: splitAt } }, { conversation_updated_at: { gte: splitAt } }],
    sort: [{ conversation_updated_at: sort }],
  });
  // Page size 7 rather than 1: at 1 the ~320 records would pass the 100-page cap.
  for (const pageSize of [7, 37, 500]) {
    for (const sort of ['asc', 'desc'] as const) {
      const { records } = await followPages(sim, 'POST', `/v1/customers/search?pageSize=${pageSize}`, body(sort));
      t.same(ids(records), sort === 'asc' ? all : [...all].reverse(), `${sort} @${pageSize}`);
    }
  }
  const tail = ids((await search(sim, body('desc'), 1, 43)).json.data);
  t.same(tail.slice(0, 43).sort(), [...change.modified, ...change.created].sort(), 'the changed records come first in desc order');
});
