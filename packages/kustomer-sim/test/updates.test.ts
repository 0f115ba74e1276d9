import t from 'tap';
import type { Sim } from '../src/index.js';
import { api, followPages, referenceIds, search, updatedBody, withSim } from './helpers.js';

/** A tap-like incremental sync: keyset pages sorted asc from the bookmark; returns records and the new bookmark. */
async function sync(sim: Sim, context: string, operator: 'gte' | 'gt', bookmark: string): Promise<{ ids: string[]; bookmark: string }> {
  const { records } = await followPages(sim, 'POST', '/v1/customers/search?pageSize=500', updatedBody(context, operator, bookmark));
  return { ids: records.map((r) => r.id), bookmark: records.at(-1)?.attributes.updatedAt ?? bookmark };
}

t.test('a second sync after an update sees exactly the changed and created records', async (t) => {
  const sim = await withSim(t, { scale: 300 });
  const first = await sync(sim, 'conversation', 'gte', '2000-01-01T00:00:00.000Z');
  t.equal(first.ids.length, referenceIds(sim, ['conversation']).length);
  sim.clock.advance(5 * 60_000);
  const change = sim.update({ kind: 'conversation', modify: 25, create: 5 });
  t.equal(change.updatedAt, new Date(sim.clock.now()).toISOString());
  const second = await sync(sim, 'conversation', 'gt', first.bookmark);
  t.same([...second.ids].sort(), [...change.modified, ...change.created].sort());
  const inclusive = await sync(sim, 'conversation', 'gte', first.bookmark);
  t.same(inclusive.ids.slice(1).sort(), [...second.ids].sort(), 'gte adds only the boundary record');
  t.equal(inclusive.ids[0], first.ids.at(-1));
  const third = await sync(sim, 'conversation', 'gt', second.bookmark);
  t.same(third.ids, [], 'nothing new after that');
});

t.test('a changed record has a new updatedAt, modifiedAt and rev, and keeps its id and createdAt', async (t) => {
  const sim = await withSim(t, { scale: 50 });
  const before = sim.record('customer', 3);
  sim.clock.advance(60_000);
  const change = sim.update({ kind: 'customer', modify: [before.id] });
  t.same(change.modified, [before.id]);
  const after = (await search(sim, updatedBody('customer', 'gte', change.updatedAt), 1, 10)).json.data;
  t.equal(after.length, 1);
  t.equal(after[0].id, before.id);
  t.equal(after[0].attributes.createdAt, before.attributes['createdAt']);
  t.equal(after[0].attributes.updatedAt, change.updatedAt);
  t.equal(after[0].attributes.modifiedAt, change.updatedAt);
  t.equal(after[0].attributes.rev, Number(before.attributes['rev']) + 1);
  t.throws(() => sim.update({ kind: 'customer', modify: ['ffffffffffffffffffffffff'] }), /no customer with id/);
});

t.test('created list records appear at the end of their list', async (t) => {
  const sim = await withSim(t, { scale: 10 });
  const before = sim.count('tag');
  const { created } = sim.update({ kind: 'tag', create: 2 });
  const { records } = await followPages(sim, 'GET', '/v1/tags?pageSize=100');
  t.equal(records.length, before + 2);
  t.same(records.slice(-2).map((r) => r.id), created);
});

t.test('the /__sim/ control API updates records and moves the clock for out-of-process use', async (t) => {
  const sim = await withSim(t, { scale: 20 });
  const clock = await api(sim, 'POST', '/__sim/clock', { advanceMs: 120_000 }, null);
  t.equal(clock.status, 200);
  t.equal(clock.json.now, new Date(sim.clock.now()).toISOString());
  const update = await api(sim, 'POST', '/__sim/update', { kind: 'note', modify: 3, create: 1 }, null);
  t.equal(update.status, 200);
  t.equal(update.json.updatedAt, clock.json.now);
  const found = await search(sim, updatedBody('note', 'gte', update.json.updatedAt), 1, 10);
  t.equal(found.json.meta.total, 4);
  const log = await api(sim, 'GET', '/__sim/log', undefined, null);
  t.equal(log.json.entries.length, 1, 'control requests are not logged');
  t.equal((await api(sim, 'POST', '/__sim/update', { kind: 'planet' }, null)).status, 400);
});
