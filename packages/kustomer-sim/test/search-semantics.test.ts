import t from 'tap';
import { api, followPages, ids, referenceIds, search, updatedBody, withSim } from './helpers.js';

const FROM = '2000-01-01T00:00:00.000Z';

t.test('sort asc gives non-decreasing updatedAt and desc the exact reverse', async (t) => {
  const sim = await withSim(t, { scale: 200 });
  const asc = await followPages(sim, 'POST', '/v1/customers/search?pageSize=500', updatedBody('conversation', 'gte', FROM, 'asc'));
  const desc = await followPages(sim, 'POST', '/v1/customers/search?pageSize=500', updatedBody('conversation', 'gte', FROM, 'desc'));
  const times = asc.records.map((r) => Date.parse(r.attributes.updatedAt));
  t.ok(times.every((time, i) => i === 0 || time >= (times[i - 1] ?? 0)), 'ascending');
  t.same(ids(desc.records), ids(asc.records).reverse(), 'descending is the reverse');
});

t.test('gte, gt, lte and lt bound updatedAt inclusively and exclusively', async (t) => {
  const sim = await withSim(t, { scale: 100 });
  const all = (await followPages(sim, 'POST', '/v1/customers/search?pageSize=500', updatedBody('conversation', 'gte', FROM))).records;
  const pivot = all[10].attributes.updatedAt as string;
  const count = async (operator: string) => (await search(sim, updatedBody('conversation', operator, pivot), 1, 500)).json.meta.total;
  const before = all.filter((r) => r.attributes.updatedAt < pivot).length;
  const equal = all.filter((r) => r.attributes.updatedAt === pivot).length;
  t.equal(await count('gte'), all.length - before);
  t.equal(await count('gt'), all.length - before - equal);
  t.equal(await count('lte'), before + equal);
  t.equal(await count('lt'), before);
  const window = await search(sim, { queryContext: 'conversation', and: [{ conversation_updated_at: { gte: pivot } }, { conversation_updated_at: { lte: all[20].attributes.updatedAt } }], sort: { conversation_updated_at: 'asc' } }, 1, 500);
  t.same(ids(window.json.data), ids(all.slice(10, 21)), 'and of gte and lte is the window');
  const either = await search(sim, { queryContext: 'conversation', or: [{ conversation_updated_at: { lte: all[2].attributes.updatedAt } }, { conversation_updated_at: { gte: all.at(-2).attributes.updatedAt } }], sort: [{ conversation_updated_at: 'asc' }] }, 1, 500);
  t.same(ids(either.json.data), [...ids(all.slice(0, 3)), ...ids(all.slice(-2))], 'or is the union');
});

t.test('search sees exactly the records updated within 2 years of the sim clock', async (t) => {
  const sim = await withSim(t, { scale: 100, now: '2026-01-01T00:00:00.000Z' });
  // The expected sets come from the records themselves, not from the simulator's own horizon function.
  const since = (iso: string) =>
    Array.from({ length: sim.count('conversation') }, (_, i) => sim.record('conversation', i))
      .filter((r) => (r.attributes['updatedAt'] as string) >= iso)
      .map((r) => r.id)
      .sort();
  const response = await followPages(sim, 'POST', '/v1/customers/search?pageSize=500', updatedBody('conversation', 'gte', FROM));
  const inside = since('2024-01-01T00:00:00.000Z');
  t.same(ids(response.records).sort(), inside, 'every record of the last 2 years, and nothing older');
  t.ok(inside.length < sim.count('conversation') && inside.length < since('2023-07-01T00:00:00.000Z').length, 'older records exist');
  t.equal(response.records.length, (await search(sim, updatedBody('conversation', 'gte', FROM), 1, 1)).json.meta.total, 'total excludes them too');
  sim.clock.set(Date.parse('2026-07-01T00:00:00.000Z'));
  const later = await followPages(sim, 'POST', '/v1/customers/search?pageSize=500', updatedBody('conversation', 'gte', FROM));
  const laterInside = since('2024-07-01T00:00:00.000Z');
  t.ok(laterInside.length < inside.length);
  t.same(ids(later.records).sort(), laterInside, 'the horizon moves with the clock');
});

t.test('without a sort, search returns the most recently updated first', async (t) => {
  const sim = await withSim(t, { scale: 100 });
  const sorted = await followPages(sim, 'POST', '/v1/customers/search?pageSize=500', updatedBody('conversation', 'gte', FROM, 'desc'));
  const unsorted = await followPages(sim, 'POST', '/v1/customers/search?pageSize=500', { queryContext: 'conversation', and: [{ conversation_updated_at: { gte: FROM } }] });
  t.ok(sorted.records.length > 1);
  t.same(ids(unsorted.records), ids(sorted.records));
});

t.test('not excludes what its criteria match, and an empty not excludes nothing', async (t) => {
  const sim = await withSim(t, { scale: 100 });
  const all = (await followPages(sim, 'POST', '/v1/customers/search?pageSize=500', updatedBody('conversation', 'gte', FROM))).records;
  const pivot = all[10].attributes.updatedAt as string;
  const sort = [{ conversation_updated_at: 'asc' }];
  const excluded = await search(sim, { queryContext: 'conversation', not: [{ conversation_updated_at: { lt: pivot } }], sort }, 1, 500);
  t.same(ids(excluded.json.data), ids(all.filter((r) => r.attributes.updatedAt >= pivot)));
  const nested = await search(sim, { queryContext: 'conversation', and: [{ not: { conversation_updated_at: { gte: pivot } } }], sort }, 1, 500);
  t.same(ids(nested.json.data), ids(all.filter((r) => r.attributes.updatedAt < pivot)));
  for (const body of [
    { queryContext: 'conversation', not: [], sort },
    { queryContext: 'conversation', and: [{ not: [] }], sort },
  ]) {
    const response = await search(sim, body, 1, 500);
    t.equal(response.status, 200);
    t.same(ids(response.json.data), ids(all), JSON.stringify(body));
  }
});

t.test('body members the schema allows but the simulator does not simulate are refused, not ignored', async (t) => {
  const sim = await withSim(t, { scale: 10 });
  for (const [member, value] of [['fields', ['customer_name']], ['aggs', { byStatus: { terms: { field: 'conversation_status' } } }], ['searchHash', 'abc']] as const) {
    const response = await search(sim, { ...updatedBody('customer', 'gte', FROM), [member]: value }, 1, 10);
    t.equal(response.status, 400, member);
    t.same(response.json.errors[0].source, { pointer: `/${member}` });
    t.match(response.json.errors[0].detail, /does not simulate/);
  }
  const deleted = await search(sim, { ...updatedBody('customer', 'gte', FROM), includeDeleted: true, timeZone: 'GMT' }, 1, 10);
  t.equal(deleted.status, 200, 'includeDeleted and timeZone are simulated (the org has no deleted records)');
});

t.test('invalid search requests get shape-B 400s naming the member or parameter', async (t) => {
  const sim = await withSim(t, { scale: 10 });
  const cases: ReadonlyArray<readonly [unknown, string, object]> = [
    [{ queryContext: 'conversation', bogus: 1 }, '', { pointer: '/bogus' }],
    [{ queryContext: 'planet' }, '', { pointer: '/queryContext' }],
    [{ queryContext: 'conversation', and: [{ conversation_status: { equals: 'open' } }] }, '', { pointer: '/and/0/conversation_status' }],
    [{ queryContext: 'conversation', and: [{ conversation_updated_at: { gte: 'yesterday' } }] }, '', { pointer: '/and/0/conversation_updated_at/gte' }],
    [{ queryContext: 'conversation', sort: [{ conversation_updated_at: 'up' }] }, '', { pointer: '/sort/0/conversation_updated_at' }],
    [{ queryContext: 'conversation_time' }, '', { pointer: '/queryContext' }],
    [{ queryContext: 'kobject_planet' }, '', { pointer: '/queryContext' }],
    [{ queryContext: 'conversation', and: Array.from({ length: 21 }, () => ({ conversation_updated_at: { gte: '2020-01-01' } })) }, '', { pointer: '/and' }],
    [{ queryContext: 'conversation', sort: Array.from({ length: 6 }, () => ({ conversation_updated_at: 'asc' })) }, '', { pointer: '/sort' }],
    [{ queryContext: 'conversation', sort: [{ conversation_created_at: 'asc' }] }, '', { pointer: '/sort/0/conversation_created_at' }],
    [{ queryContext: 'conversation', timeZone: 'America/New_York', and: [{ conversation_updated_at: { gte: '2020-01-01' } }] }, '', { pointer: '/and/0/conversation_updated_at/gte' }],
    [{ queryContext: 'conversation', and: [{ customer_updated_at: { gte: '2020-01-01' } }] }, '', { pointer: '/and/0/customer_updated_at' }],
    [{ queryContext: 'conversation' }, 'page=0', { parameter: 'page' }],
    [{ queryContext: 'conversation' }, 'pageSize=x', { parameter: 'pageSize' }],
  ];
  for (const [body, query, source] of cases) {
    const response = await api(sim, 'POST', `/v1/customers/search?${query}`, body);
    t.equal(response.status, 400, JSON.stringify(body));
    t.equal(response.json.errors[0].status, '400');
    t.equal(response.json.errors[0].code, 'bad_request');
    t.same(response.json.errors[0].meta, {});
    t.same(response.json.errors[0].source, source);
    t.type(response.json.errors[0].title, 'string');
    t.type(response.json.errors[0].detail, 'string');
  }
});

t.test('the documented example body with "or": [] and a date-only gte works', async (t) => {
  const sim = await withSim(t, { scale: 10 });
  const response = await search(sim, { and: [{ customer_updated_at: { gte: '2016-01-01' } }], sort: [{ customer_updated_at: 'asc' }], queryContext: 'customer', or: [] }, 1, 100);
  t.equal(response.status, 200);
  t.equal(response.json.meta.total, referenceIds(sim, ['customer']).length);
});

t.test('a per-klass context accepts both kobject_updated_at and kobject_<klass>_updated_at', async (t) => {
  const sim = await withSim(t, { scale: 100 });
  const expected = referenceIds(sim, ['kobject.order']);
  for (const field of ['kobject_updated_at', 'kobject_order_updated_at']) {
    const { records } = await followPages(sim, 'POST', '/v1/customers/search?pageSize=500', updatedBody('kobject_order', 'gte', FROM, 'asc', field));
    t.same(ids(records), expected, field);
  }
});
