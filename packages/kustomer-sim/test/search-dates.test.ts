import t from 'tap';
import { followPages, ids, search, updatedBody, withSim } from './helpers.js';

/** Conversations whose updatedAt (as served) satisfies `keep`, in the order search sorts them, computed by hand. */
function expected(sim: Awaited<ReturnType<typeof withSim>>, keep: (ms: number) => boolean): string[] {
  const horizon = Date.parse('2024-01-01T00:00:00.000Z');
  return Array.from({ length: sim.count('conversation') }, (_, i) => sim.record('conversation', i))
    .map((r) => ({ id: r.id, ms: Date.parse(r.attributes['updatedAt'] as string) }))
    .filter((r) => r.ms >= horizon && keep(r.ms))
    .sort((a, b) => a.ms - b.ms)
    .map((r) => r.id);
}

t.test('search accepts the six-digit fractions singer-python writes and any other fraction length', async (t) => {
  const sim = await withSim(t, { scale: 200, now: '2026-01-01T00:00:00.000Z' });
  const pivot = Date.parse('2025-03-01T12:34:56.789Z');
  const want = expected(sim, (ms) => ms >= pivot);
  t.ok(want.length > 0 && want.length < sim.count('conversation'), 'the pivot splits the data');
  for (const at of ['2025-03-01T12:34:56.789000Z', '2025-03-01T12:34:56.789000000Z', '2025-03-01T12:34:56.7890Z', '2025-03-01T12:34:56.789Z']) {
    const { records } = await followPages(sim, 'POST', '/v1/customers/search?pageSize=500', updatedBody('conversation', 'gte', at));
    t.same(ids(records), want, at);
  }
  const short = await followPages(sim, 'POST', '/v1/customers/search?pageSize=500', updatedBody('conversation', 'gte', '2025-03-01T12:34:56.7Z'));
  t.same(ids(short.records), expected(sim, (ms) => ms >= Date.parse('2025-03-01T12:34:56.700Z')), 'one digit is tenths of a second');
});

t.test('a ±hh:mm offset names the same instant as its UTC form', async (t) => {
  const sim = await withSim(t, { scale: 200, now: '2026-01-01T00:00:00.000Z' });
  const pivot = Date.parse('2025-03-01T12:00:00.000Z');
  const want = expected(sim, (ms) => ms < pivot);
  for (const at of ['2025-03-01T14:00:00.000000+02:00', '2025-03-01T06:30:00-05:30', '2025-03-01T12:00+00:00']) {
    const { records } = await followPages(sim, 'POST', '/v1/customers/search?pageSize=500', updatedBody('conversation', 'lt', at));
    t.same(ids(records), want, at);
  }
});

t.test('a sub-millisecond bound compares exactly with the whole-millisecond updatedAt values', async (t) => {
  const sim = await withSim(t, { scale: 200, now: '2026-01-01T00:00:00.000Z' });
  const record = sim.record('conversation', sim.count('conversation') - 5);
  const iso = record.attributes['updatedAt'] as string;
  const ms = Date.parse(iso);
  const justAfter = `${iso.slice(0, -1)}0001Z`;
  const count = async (operator: string, at: string) => (await search(sim, updatedBody('conversation', operator, at), 1, 1)).json.meta.total;
  t.equal(await count('gte', justAfter), expected(sim, (x) => x > ms).length, 'gte a hair after excludes the record');
  t.equal(await count('gt', justAfter), expected(sim, (x) => x > ms).length);
  t.equal(await count('lt', justAfter), expected(sim, (x) => x <= ms).length, 'lt a hair after includes it');
  t.equal(await count('lte', justAfter), expected(sim, (x) => x <= ms).length);
});

t.test('text that is not an ISO-8601 instant is still a 400 naming the operand', async (t) => {
  const sim = await withSim(t, { scale: 10 });
  for (const at of [
    'yesterday',
    '2025-02-30T00:00:00Z',
    '2025-13-01',
    '2025-01-01T24:00:00Z',
    '2025-01-01T00:00:60Z',
    '2025-01-01T00:00:00.Z',
    '2025-01-01T00:00:00',
    '2025-01-01 00:00:00Z',
    '2025-01-01T00:00:00+0200',
    '2025-01-01T00:00:00+24:00',
    '2025-01-01t00:00:00z',
  ]) {
    const response = await search(sim, updatedBody('conversation', 'gte', at), 1, 10);
    t.equal(response.status, 400, at);
    t.same(response.json.errors[0].source, { pointer: '/and/0/conversation_updated_at/gte' }, at);
    t.match(response.json.errors[0].detail, /not a date/, at);
  }
});
