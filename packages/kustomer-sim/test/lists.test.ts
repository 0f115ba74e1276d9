import t from 'tap';
import type { KindName } from '../src/index.js';
import { api, followPages, ids, search, withSim } from './helpers.js';

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

t.test('each list serves at most its documented page size, however large the pageSize asked', async (t) => {
  const sim = await withSim(t, { scale: 1000 });
  // Enough records that every maximum is reached: 600 users and teams (max 500), 150 tags, shortcuts, brands (max 100).
  for (const kind of ['user', 'team', 'tag', 'shortcut', 'brand'] as const) sim.update({ kind, create: 600 - sim.count(kind) });
  const cases: ReadonlyArray<readonly [string, number]> = [
    ['/v1/users', 500],
    ['/v1/teams', 500],
    ['/v1/tags', 100],
    ['/v1/shortcuts', 100],
    ['/v1/brands', 100],
    ['/v1/klasses/order', 100],
  ];
  for (const [path, max] of cases) {
    for (const asked of [max, max + 1, 1000]) {
      const response = await api(sim, 'GET', `${path}?pageSize=${asked}`);
      t.equal(response.status, 200);
      t.equal(response.json.data.length, max, `${path}?pageSize=${asked}: ${max} records`);
      t.equal(response.json.meta.pageSize, max, `${path}?pageSize=${asked}: meta.pageSize`);
      t.equal(response.json.links.next, `${path}?page=2&pageSize=${max}`, `${path}?pageSize=${asked}: next`);
    }
    t.equal((await api(sim, 'GET', path)).json.data.length, 100, `${path}: 100 by default`);
  }
  const conversation = sim.record('conversation', 0).id;
  const attachments = await api(sim, 'GET', `/v1/conversations/${conversation}/attachments?pageSize=1000`);
  t.equal(attachments.json.meta.pageSize, 100, 'attachments: at most 100');
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
  const fromDate = await api(sim, 'GET', '/v1/klasses/order?fromDate=2025-01-01T00:00:00Z');
  t.equal(fromDate.status, 400, 'fromDate (undocumented semantics) is refused, not ignored');
  t.same(fromDate.json.errors[0].source, { parameter: 'fromDate' });
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
  const company = sim.record('company', 0) as any;
  t.type(company.attributes.extenalId, 'string', 'company extenalId (sic)');
  t.equal(company.attributes.externalId, undefined);
});

t.test('message meta.cc and meta.bcc, like meta.to, come as a string, an object or a list', async (t) => {
  const sim = await withSim(t, { scale: 100 });
  const form = (value: unknown) => (Array.isArray(value) ? 'list' : typeof value);
  for (const field of ['cc', 'bcc']) {
    const forms = new Set<string>();
    for (let i = 0; i < 100; i++) forms.add(form((sim.record('message', i).attributes['meta'] as any)[field]));
    t.same([...forms].sort(), ['list', 'object', 'string'], field);
  }
});

t.test('custom attributes carry every documented type suffix, each described by metadata with its type', async (t) => {
  const sim = await withSim(t, { scale: 10 });
  const properties = (await api(sim, 'GET', '/v1/metadata/customer')).json.data.attributes.properties;
  const suffixes: ReadonlyArray<readonly [string, string]> = [['Str', 'string'], ['Num', 'number'], ['At', 'date'], ['Txt', 'text'], ['Bool', 'boolean'], ['Url', 'url'], ['Tree', 'tree']];
  for (const [suffix, type] of suffixes) {
    const keys = Object.keys(properties).filter((key) => key.endsWith(suffix) && /[a-z]/.test(key.slice(0, -suffix.length)));
    t.ok(keys.length > 0, `a …${suffix} attribute`);
    for (const key of keys) t.equal(properties[key].type, type, key);
  }
  for (const resource of ['conversation', 'message', 'company', 'kobject'] as const) {
    const kind = resource === 'kobject' ? 'kobject.order' : resource;
    const described = Object.keys((await api(sim, 'GET', `/v1/metadata/${resource}`)).json.data.attributes.properties);
    t.same(Object.keys(sim.record(kind, 0).attributes['custom'] as object), described, `${resource}: metadata describes the record's custom keys`);
  }
});

/** Every key of a value, recursively, with its path; `criteria` holds search attribute names (snake_case by design). */
function keys(value: unknown, path: string, out: string[][]): string[][] {
  if (Array.isArray(value)) value.forEach((item, i) => keys(item, `${path}/${i}`, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      out.push([`${path}/${key}`, key]);
      if (key !== 'criteria') keys(child, `${path}/${key}`, out);
    }
  }
  return out;
}

t.test('every record served is a JSON:API resource with camelCase attributes and well-formed relationships', async (t) => {
  const sim = await withSim(t, { scale: 200 });
  const paths = ['/v1/users', '/v1/teams', '/v1/tags', '/v1/shortcuts', '/v1/brands', '/v1/klasses', '/v1/klasses/subscription'];
  const records: any[] = [];
  for (const path of paths) records.push(...(await api(sim, 'GET', path)).json.data);
  records.push(...(await api(sim, 'GET', '/v1/slas?versions=all')).json.included);
  for (const context of ['customer', 'conversation', 'message', 'note', 'company', 'kobject']) {
    records.push(...(await search(sim, { queryContext: context, sort: [{ [`${context}_updated_at`]: 'asc' }] }, 1, 50)).json.data);
  }
  for (let i = 0; i < 30; i++) records.push(...(await api(sim, 'GET', `/v1/conversations/${sim.record('conversation', i).id}/attachments`)).json.data);
  t.ok(records.length > 300, `${records.length} records`);
  const problems: string[] = [];
  for (const record of records) {
    const where = `${record.type} ${record.id}`;
    if (!/^[0-9a-f]{24}$/.test(record.id) && record.type !== 'metadata') problems.push(`${where}: id`);
    for (const key of Object.keys(record)) if (!['type', 'id', 'attributes', 'relationships', 'links'].includes(key)) problems.push(`${where}: member ${key}`);
    if (typeof record.links?.self !== 'string' || !record.links.self.startsWith('/v1/')) problems.push(`${where}: links.self`);
    for (const [path, key] of keys(record.attributes, '', [])) if (!/^[a-z][a-zA-Z0-9]*$/.test(key ?? '')) problems.push(`${where}: attribute ${path}`);
    for (const [name, rel] of Object.entries<any>(record.relationships ?? {})) {
      const members = Object.keys(rel);
      if (!members.every((m) => ['data', 'links', 'link', 'meta'].includes(m)) || !members.some((m) => m === 'data' || m === 'links' || m === 'link')) {
        problems.push(`${where}: relationship ${name} has ${members.join(',')}`);
      }
      const data = rel.data === undefined ? [] : Array.isArray(rel.data) ? rel.data : [rel.data];
      for (const item of data) if (typeof item.type !== 'string' || typeof item.id !== 'string') problems.push(`${where}: relationship ${name} data`);
    }
    for (const at of ['createdAt', 'updatedAt']) {
      const value = record.attributes[at];
      if (value !== undefined && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) problems.push(`${where}: ${at} ${value}`);
    }
  }
  t.same(problems, []);
});
