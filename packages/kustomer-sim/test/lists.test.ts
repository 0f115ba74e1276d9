import t from 'tap';
import type { KindName } from '../src/index.js';
import { api, followPages, ids, withSim } from './helpers.js';

const LISTS: ReadonlyArray<readonly [string, KindName, number]> = [
  ['/v1/users', 'user', 500],
  ['/v1/teams', 'team', 500],
  ['/v1/tags', 'tag', 100],
  ['/v1/shortcuts', 'shortcut', 100],
  ['/v1/brands', 'brand', 100],
  ['/v1/slas', 'sla', 100],
];

t.test('list pagination returns every record exactly once at page sizes 1, 37 and 500', async (t) => {
  const sim = await withSim(t, { scale: 40_000 });
  for (const [path, kind, max] of LISTS) {
    const expected = Array.from({ length: sim.count(kind) }, (_, i) => sim.record(kind, i).id);
    for (const pageSize of [1, 37, 500]) {
      const { records, pages } = await followPages(sim, 'GET', `${path}?pageSize=${pageSize}`);
      t.same(ids(records), expected, `${path} @${pageSize}`);
      t.equal(pages, Math.ceil(expected.length / Math.min(pageSize, max)), `${path} @${pageSize}: pages of at most ${max}`);
    }
  }
});

t.test('links.next is a relative path that keeps other parameters, and null on the last page', async (t) => {
  const sim = await withSim(t, { scale: 10 });
  const first = await api(sim, 'GET', '/v1/users?pageSize=2&userType=user');
  t.same(first.json.meta, { pageSize: 2, page: 1 });
  t.equal(first.json.links.next, '/v1/users?page=2&pageSize=2&userType=user');
  t.equal(first.json.links.last, undefined, 'plain lists report no last page');
  const end = await api(sim, 'GET', `/v1/users?page=${Math.ceil(sim.count('user') / 2)}&pageSize=2`);
  t.equal(end.json.links.next, null);
  const beyond = await api(sim, 'GET', '/v1/users?page=99&pageSize=2');
  t.same(beyond.json.data, []);
  t.equal(beyond.json.links.next, null);
});

t.test('SLA versions come in included with versions=all, and only the current one with active', async (t) => {
  const sim = await withSim(t, { scale: 10 });
  const all = await api(sim, 'GET', '/v1/slas?versions=all');
  const versionIds = all.json.data.flatMap((sla: any) => sla.relationships.versions.data.map((v: any) => v.id));
  t.same(all.json.included.map((v: any) => v.id), versionIds, 'every version of every SLA');
  t.ok(all.json.included.every((v: any) => v.type === 'sla_version' && typeof v.attributes.version === 'number'));
  const sla = all.json.data[0];
  const one = await api(sim, 'GET', `/v1/slas/${sla.id}?versions=active`);
  t.same(one.json.data, sla);
  t.equal(one.json.included.length, 1);
  t.equal(one.json.included[0].attributes.version, sla.attributes.currentVersion);
  t.equal((await api(sim, 'GET', '/v1/slas')).json.included, undefined, 'no included without versions');
});

t.test('klasses list their kobjects by name, and kobjects use "link" for their klass', async (t) => {
  const sim = await withSim(t, { scale: 100 });
  const klasses = await api(sim, 'GET', '/v1/klasses');
  t.same(klasses.json.data.map((k: any) => k.attributes.name), ['order', 'subscription', 'return-request']);
  const { records } = await followPages(sim, 'GET', '/v1/klasses/order?pageSize=7');
  t.equal(records.length, sim.count('kobject.order'));
  t.match(records[0], { type: 'kobject.order', relationships: { klass: { link: { self: '/v1/klasses/order' }, data: { type: 'klass', id: 'order' } } } });
  t.equal((await api(sim, 'GET', '/v1/klasses/planet')).status, 404);
});

t.test('metadata describes the type-suffixed custom attributes the records carry', async (t) => {
  const sim = await withSim(t, { scale: 10 });
  for (const resource of ['customer', 'conversation', 'message', 'company', 'kobject']) {
    const response = await api(sim, 'GET', `/v1/metadata/${resource}`);
    t.equal(response.status, 200);
    t.ok(Object.keys(response.json.data.attributes.properties).length > 0, resource);
  }
  const customer = sim.record('customer', 0);
  const properties = (await api(sim, 'GET', '/v1/metadata/customer')).json.data.attributes.properties;
  t.same(Object.keys(customer.attributes['custom'] as object), Object.keys(properties));
  t.match(customer.attributes['custom'], { tierStr: String, ltvNum: Number, vipBool: Boolean, signupAt: String });
  t.equal((await api(sim, 'GET', '/v1/metadata/planet')).status, 404);
});

t.test('records show the documented shapes and quirks', async (t) => {
  const sim = await withSim(t, { scale: 100 });
  const customer = sim.record('customer', 1);
  t.match(customer.attributes, { emails: [{ email: String, verified: Boolean, type: String }], tags: Array });
  t.same(Object.keys((customer.relationships as any).messages), ['links'], 'links-only relationship');
  const shapes = new Set<string>();
  for (let i = 0; i < 60; i++) {
    const message = sim.record('message', i) as any;
    t.equal(message.relationships.customer.data.type, 'customers', 'plural relationship type');
    const to = message.attributes.meta.to;
    shapes.add(Array.isArray(to) ? 'list' : typeof to);
  }
  t.same([...shapes].sort(), ['list', 'object', 'string'], 'meta.to as string, object and list');
  const conversation = sim.record('conversation', 0) as any;
  t.equal(conversation.relationships.customer.data.type, 'customer');
  t.match(conversation, { attributes: { sla: Object }, relationships: { sla: { data: { type: 'sla' } } } });
});
