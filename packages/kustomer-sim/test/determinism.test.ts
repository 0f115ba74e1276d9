import t from 'tap';
import { KIND_NAMES, start } from '../src/index.js';
import { api, search, updatedBody, withSim } from './helpers.js';

const snapshot = async (seed: number | string) => {
  const sim = await start({ seed, scale: 200, frozenClock: true });
  try {
    const pages = [];
    for (const context of ['customer', 'conversation', 'message', 'note', 'company', 'kobject']) {
      pages.push((await search(sim, updatedBody(context, 'gte', '2000-01-01'), 2, 50)).json);
    }
    for (const path of ['/v1/users', '/v1/teams', '/v1/tags', '/v1/shortcuts', '/v1/brands', '/v1/slas?versions=all', '/v1/klasses', '/v1/metadata/customer']) {
      pages.push((await api(sim, 'GET', path)).json);
    }
    return JSON.stringify(pages);
  } finally {
    await sim.stop();
  }
};

t.test('the same seed gives byte-identical responses; another seed differs', async (t) => {
  const first = await snapshot(7);
  t.equal(await snapshot(7), first, 'same seed, same data');
  t.not(await snapshot(8), first, 'different seed, different data');
  t.equal(await snapshot('acme'), await snapshot('acme'), 'text seeds work too');
});

t.test('records are derived on demand, so the API serves what record() returns', async (t) => {
  const sim = await withSim(t, { scale: 50 });
  // Another simulator of the same seed that reads its records last-to-first: no record depends on access order.
  const other = await withSim(t, { scale: 50 });
  for (const kind of KIND_NAMES) {
    const last = other.count(kind) - 1;
    const backwards = Array.from({ length: other.count(kind) }, (_, i) => other.record(kind, last - i)).reverse();
    t.same(backwards[0], sim.record(kind, 0), `${kind} 0`);
    t.same(backwards[last], sim.record(kind, last), `${kind} ${last}`);
  }
  const users = await api(sim, 'GET', '/v1/users?pageSize=3');
  t.same(users.json.data, [0, 1, 2].map((i) => sim.record('user', i)));
});

t.test('ids are 24-hex ObjectIds that route back to their record', async (t) => {
  const sim = await withSim(t, { scale: 100 });
  const ids = new Set<string>();
  for (let i = 0; i < 100; i++) {
    const id = sim.record('conversation', i).id;
    t.match(id, /^[0-9a-f]{24}$/);
    ids.add(id);
  }
  t.equal(ids.size, 100, 'distinct');
  let withAttachments = 0;
  for (let i = 0; i < 20; i++) {
    const id = sim.record('conversation', i).id;
    const response = await api(sim, 'GET', `/v1/conversations/${id}/attachments`);
    t.equal(response.status, 200);
    if (response.json.data.length > 0) {
      withAttachments++;
      t.match(response.json.data[0], { type: 'attachment', attributes: { name: String, contentType: String, contentLength: Number }, relationships: { message: { data: { type: 'message' } } } });
    }
  }
  t.ok(withAttachments > 0, 'some conversations have attachments');
  t.equal((await api(sim, 'GET', '/v1/conversations/0123456789abcdef01234567/attachments')).status, 404);
});
