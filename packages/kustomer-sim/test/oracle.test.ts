/**
 * Answers that do not come from the code under test: a brute-force filter over every generated record, and
 * values pinned by hand for a given seed. A change to the timeline, the bursts or the search filtering breaks
 * these even where the simulator would agree with itself.
 */
import t from 'tap';
import type { KindName } from '../src/index.js';
import { followPages, ids, reference, search, withSim } from './helpers.js';

type Operator = 'gte' | 'gt' | 'lte' | 'lt';
const HOLDS: Readonly<Record<Operator, (x: number, at: number) => boolean>> = {
  gte: (x, at) => x >= at,
  gt: (x, at) => x > at,
  lte: (x, at) => x <= at,
  lt: (x, at) => x < at,
};

/** A criterion as a search body member and as the predicate it means, written independently. */
interface Criterion {
  readonly body: object;
  readonly holds: (x: number) => boolean;
}

/** A small LCG, so the cases are the same on every run and owe nothing to the simulator's own random code. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function randomCriterion(random: () => number, field: string, times: readonly number[], depth: number): Criterion {
  const pickTime = () => {
    const at = times[Math.floor(random() * times.length)] ?? 0;
    // Sometimes exactly a record's updatedAt (ties and inclusive bounds), sometimes a millisecond beside it.
    return at + [0, 0, -1, 1][Math.floor(random() * 4)]!;
  };
  const roll = random();
  if (depth > 1 || roll < 0.5) {
    const operator = (['gte', 'gt', 'lte', 'lt'] as const)[Math.floor(random() * 4)]!;
    const at = pickTime();
    return { body: { [field]: { [operator]: new Date(at).toISOString() } }, holds: (x) => HOLDS[operator](x, at) };
  }
  const parts = Array.from({ length: 2 + Math.floor(random() * 2) }, () => randomCriterion(random, field, times, depth + 1));
  const bodies = parts.map((part) => part.body);
  if (roll < 0.7) return { body: { and: bodies }, holds: (x) => parts.every((part) => part.holds(x)) };
  if (roll < 0.9) return { body: { or: bodies }, holds: (x) => parts.some((part) => part.holds(x)) };
  return { body: { not: bodies }, holds: (x) => !parts.some((part) => part.holds(x)) };
}

t.test('search answers random criteria exactly as a brute-force filter of every generated record', async (t) => {
  const sim = await withSim(t, { scale: 600, seed: 11 });
  sim.clock.advance(60_000);
  sim.update({ kind: 'conversation', modify: 30, create: 2 });
  // Records of three klasses stamped at one instant: the merged kobject context orders them by klass, then index.
  const at = sim.clock.now();
  for (const kind of ['kobject.return-request', 'kobject.subscription', 'kobject.order'] as const) sim.update({ kind, modify: 6, at });
  const contexts: ReadonlyArray<readonly [string, string, readonly KindName[]]> = [
    ['conversation', 'conversation_updated_at', ['conversation']],
    ['message', 'message_updated_at', ['message']],
    ['kobject', 'kobject_updated_at', ['kobject.order', 'kobject.subscription', 'kobject.return-request']],
  ];
  const random = lcg(20_251_202);
  for (const [context, field, kinds] of contexts) {
    // The brute-force list once per context; filtering it keeps its order, as reference(sim, kinds, keep) would.
    const all = reference(sim, kinds).map((r) => ({ id: r.id as string, at: Date.parse(r.attributes.updatedAt) }));
    const times = all.map((r) => r.at);
    for (let n = 0; n < 12; n++) {
      const criterion = randomCriterion(random, field, times, 0);
      const sort = random() < 0.5 ? 'asc' : 'desc';
      const want = all.filter((r) => criterion.holds(r.at)).map((r) => r.id);
      const body = { queryContext: context, and: [criterion.body], sort: [{ [field]: sort }] };
      const pageSize = want.length > 370 ? 500 : 37;
      const { records } = await followPages(sim, 'POST', `/v1/customers/search?pageSize=${pageSize}`, body);
      t.same(ids(records), sort === 'asc' ? want : want.reverse(), `${context} ${sort} ${JSON.stringify(criterion.body)}: ${want.length} records`);
    }
  }
});

t.test('seed 1 at scale 100 serves the records pinned here by hand', async (t) => {
  const sim = await withSim(t, { seed: 1, scale: 100 });
  const pinned: ReadonlyArray<readonly [KindName, number, string, string, string]> = [
    ['conversation', 0, '649e1b000257a6e3aa1e26dc', '2023-07-04T04:47:27.210Z', '2023-06-30T00:00:00.000Z'],
    ['conversation', 57, '674ba79e0257ef02b0e08473', '2024-12-04T19:12:52.179Z', '2024-12-01T00:02:38.681Z'],
    ['message', 123, '6688979803573065d9d3ea5d', '2024-07-12T07:14:17.007Z', '2024-07-06T01:02:16.296Z'],
    ['customer', 10, '657ba5df0157f57a0b0c9759', '2024-01-06T18:03:48.235Z', '2023-12-15T01:03:27.420Z'],
    ['kobject.order', 3, '65388a000657e110d2e7d8e5', '2023-11-16T06:37:33.410Z', '2023-10-25T03:22:40.214Z'],
  ];
  for (const [kind, index, id, updatedAt, createdAt] of pinned) {
    const record = sim.record(kind, index);
    t.same([record.id, record.attributes['updatedAt'], record.attributes['createdAt']], [id, updatedAt, createdAt], `${kind} ${index}`);
  }
  const [, , id, updatedAt] = pinned[1]!;
  const exact = await search(sim, { queryContext: 'conversation', and: [{ conversation_updated_at: { gte: updatedAt } }, { conversation_updated_at: { lte: updatedAt } }] }, 1, 10);
  t.same(ids(exact.json.data), [id], 'search finds conversation 57 at exactly its updatedAt');
});

t.test('seed 1 at scale 10,000 has the pinned run of 860 conversations sharing one updatedAt', async (t) => {
  const sim = await withSim(t, { seed: 1, scale: 10_000 });
  const at = '2024-08-10T11:14:18.446Z';
  const body = { queryContext: 'conversation', and: [{ conversation_updated_at: { gte: at } }, { conversation_updated_at: { lte: at } }], sort: [{ conversation_updated_at: 'asc' }] };
  const { records } = await followPages(sim, 'POST', '/v1/customers/search?pageSize=500', body);
  t.equal(records.length, 860);
  t.equal(records[0].id, '6690275c0257aafadef2e53a', 'first of the run');
  t.equal(records.at(-1).id, '66a7e4280257a2e0429f61e2', 'last of the run');
});
