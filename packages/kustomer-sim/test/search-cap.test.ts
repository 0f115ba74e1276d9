import t from 'tap';
import { ids, referenceIds, search, updatedBody, withSim } from './helpers.js';

const FROM = '2000-01-01T00:00:00.000Z';

t.test('search serves page 100, points next at page 101, and refuses page 101 with a shape-B 400', async (t) => {
  const sim = await withSim(t, { scale: 100 });
  t.ok(referenceIds(sim, ['message']).length > 100, 'more than 100 messages');
  const page100 = await search(sim, updatedBody('message', 'gte', FROM), 100, 1);
  t.equal(page100.status, 200);
  t.equal(page100.json.data.length, 1);
  t.equal(page100.json.links.next, '/v1/customers/search?page=101&pageSize=1');
  const page101 = await search(sim, updatedBody('message', 'gte', FROM), 101, 1);
  t.equal(page101.status, 400);
  t.equal(page101.json.errors[0].status, '400');
  t.equal(page101.json.errors[0].code, 'bad_request');
  t.same(page101.json.errors[0].source, { parameter: 'page' });
  t.match(page101.json.errors[0].detail, /100 pages/);
});

t.test('a keyset restart with gte the last updatedAt reaches every record past the 100-page cap', async (t) => {
  const sim = await withSim(t, { scale: 100 });
  const expected = referenceIds(sim, ['message']);
  const seen = new Map<string, number>();
  const updatedAtOf = new Map<string, string>();
  let cursor = FROM;
  let restarts = 0;
  // A restart with gte L repeats every record at L already seen: the boundary record and any that tie with it.
  let repeatsExpected = 0;
  for (;;) {
    let page = 1;
    let last: any;
    let more = false;
    for (; page <= 100; page++) {
      const response = await search(sim, updatedBody('message', 'gte', cursor), page, 1);
      t.equal(response.status, 200);
      for (const record of response.json.data) {
        seen.set(record.id, (seen.get(record.id) ?? 0) + 1);
        updatedAtOf.set(record.id, record.attributes.updatedAt);
      }
      last = response.json.data.at(-1) ?? last;
      more = response.json.links.next !== null;
      if (!more) break;
    }
    if (!more) break;
    t.equal(page, 101, 'walked to the cap');
    const restart = await search(sim, updatedBody('message', 'gte', last.attributes.updatedAt), 1, 1);
    t.equal(restart.json.data[0].attributes.updatedAt, last.attributes.updatedAt, 'gte starts again at the boundary timestamp');
    cursor = last.attributes.updatedAt;
    repeatsExpected += [...updatedAtOf.values()].filter((at) => at === cursor).length;
    restarts++;
  }
  t.ok(restarts >= 2, `restarted ${restarts} times`);
  t.same([...seen.keys()].sort(), [...expected].sort(), 'every record seen');
  const repeats = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
  t.equal(repeats, repeatsExpected, 'only the records at each restart\'s boundary timestamp are seen again');
});

t.test('600 records sharing one updatedAt page in a stable order over pages of 500', async (t) => {
  const sim = await withSim(t, { scale: 1000 });
  sim.clock.advance(3_600_000);
  const { updatedAt, modified } = sim.update({ kind: 'conversation', modify: 600 });
  t.equal(modified.length, 600);
  const body = updatedBody('conversation', 'gte', updatedAt);
  const first = await search(sim, body, 1, 500);
  const second = await search(sim, body, 2, 500);
  t.equal(first.json.meta.total, 600);
  t.equal(first.json.data.length, 500);
  t.equal(second.json.data.length, 100);
  t.ok([...first.json.data, ...second.json.data].every((r: any) => r.attributes.updatedAt === updatedAt), 'one shared updatedAt');
  const all = [...ids(first.json.data), ...ids(second.json.data)];
  t.same(all.sort(), [...modified].sort(), 'the 600 records, each once');
  const again = await search(sim, body, 1, 500);
  t.same(ids(again.json.data), ids(first.json.data), 'same order when asked again');
});
