// The full-table streams against kustomer-sim: each returns exactly the simulator's records, in as few requests as
// the largest page each list allows (counted in the simulator's request log), every record valid against its
// schema; SLA versions come from `included`; a next link back to a page already read ends the stream with a clear
// error instead of a loop. Expected data comes from the simulator directly, not through the tap.
import t from 'tap';
import { KLASS_NAMES, start, type KindName, type Sim } from '@kustomer-synapse/kustomer-sim';
import { KustomerApiError, KustomerClient } from '../src/http/client.js';
import type { JsonObject } from '../src/record-shape.js';
import { METADATA_RESOURCES, STREAMS, type StreamName } from '../src/streams.js';
import { readListStream } from '../src/sync/list-stream.js';
import { firstPosition, nextListStep, positionKey } from '../src/sync/list-pages.js';
import { invalidRecords } from './support/validate.js';

const clientFor = (url: string, token: string, fetchImpl?: typeof fetch): KustomerClient =>
  new KustomerClient({ baseUrl: url, apiToken: token, userAgent: 'tap-kustomer-test', timeoutMs: 5_000, orgPerMinute: 60_000, searchPerMinute: 6_000, ...(fetchImpl ? { fetch: fetchImpl } : {}) });

async function readAll(client: KustomerClient, stream: StreamName): Promise<{ records: JsonObject[]; pages: number }> {
  const records: JsonObject[] = [];
  let pages = 0;
  for await (const page of readListStream(client, STREAMS[stream])) {
    pages++;
    records.push(...page);
  }
  return { records, pages };
}

const ids = (records: readonly { readonly id?: unknown }[]): unknown[] => records.map((r) => r.id);
const simIds = (sim: Sim, kind: KindName): string[] => Array.from({ length: sim.count(kind) }, (_, i) => sim.record(kind, i).id);

// Scale 1,000,000 (generated lazily) gives lists longer than one page: 1,005 users, 210 tags, 105 shortcuts.
const sim = await start({ seed: 5, scale: 1_000_000 });
t.teardown(() => sim.stop());
const client = clientFor(sim.url, sim.apiToken);

const PLAIN: readonly (readonly [StreamName, KindName, number])[] = [
  ['users', 'user', 500],
  ['teams', 'team', 500],
  ['tags', 'tag', 100],
  ['shortcuts', 'shortcut', 100],
  ['brands', 'brand', 100],
  ['slas', 'sla', 100],
];

t.test('users, teams, tags, shortcuts, brands and slas return exactly the simulator records, in pages of the largest size each list allows', async (t) => {
  for (const [stream, kind, max] of PLAIN) {
    sim.clearRequestLog();
    const { records, pages } = await readAll(client, stream);
    const expected = simIds(sim, kind);
    t.same(ids(records), expected, `${stream}: all ${expected.length} records, in the list's order`);
    const requests = sim.requestLog;
    t.equal(requests.length, Math.ceil(expected.length / max), `${stream}: ${requests.length} requests for ${expected.length} records at ${max} a page`);
    t.ok(requests.every((r) => r.path === STREAMS[stream].endpoint.path && r.query['pageSize'] === String(max) && r.status === 200), `${stream}: every request asks for pageSize ${max}`);
    t.equal(pages, requests.length, `${stream}: one array per response`);
    t.same(await invalidRecords(stream, records), [], `${stream}: every record valid against schemas/${stream}.json`);
  }
  t.ok(sim.count('user') > 1_000 && sim.count('tag') > 200, 'the lists span several pages');
});

t.test('sla_versions are every version of every SLA, read from the included member of GET /v1/slas?versions=all', async (t) => {
  sim.clearRequestLog();
  const { records } = await readAll(client, 'sla_versions');
  const expected = Array.from({ length: sim.count('sla') }, (_, i) => sim.record('sla', i))
    .flatMap((sla) => ((sla.relationships?.['versions'] as { data: { id: string }[] }).data).map((version) => version.id));
  t.ok(expected.length > sim.count('sla'), `${expected.length} versions of ${sim.count('sla')} SLAs`);
  t.same(ids(records), expected);
  t.same(sim.requestLog.map((r) => [r.path, r.query['versions'], r.query['pageSize']]), [['/v1/slas', 'all', '100']], 'one request');
  t.ok(records.every((r) => r['type'] === 'sla_version'));
  t.same(await invalidRecords('sla_versions', records), []);
});

t.test('klasses are the simulator org klasses, in one request', async (t) => {
  sim.clearRequestLog();
  const { records } = await readAll(client, 'klasses');
  t.same(records.map((r) => r['name']), [...KLASS_NAMES]);
  t.equal(sim.requestLog.length, 1);
  t.equal(sim.requestLog[0]?.query['pageSize'], '100');
  t.same(await invalidRecords('klasses', records), []);
});

t.test('custom_attributes is one metadata record per resource, one request each, with no page parameters', async (t) => {
  sim.clearRequestLog();
  const { records, pages } = await readAll(client, 'custom_attributes');
  t.same(ids(records), [...METADATA_RESOURCES]);
  t.equal(pages, METADATA_RESOURCES.length);
  t.same(sim.requestLog.map((r) => r.path), METADATA_RESOURCES.map((resource) => `/v1/metadata/${resource}`));
  t.ok(sim.requestLog.every((r) => Object.keys(r.query).length === 0), 'no page or pageSize sent');
  t.ok(Object.keys(records[0]?.['properties'] as object).includes('tierStr'), 'the definitions keep the org names');
  t.same(await invalidRecords('custom_attributes', records), []);
});

/** A fake Kustomer that answers each path with a page whose next link the test chooses. */
function linkedPages(nextOf: Readonly<Record<string, string | null>>): { fetch: typeof fetch; sent: string[] } {
  const sent: string[] = [];
  const fakeFetch = (async (url: URL | string) => {
    const { pathname, search } = new URL(String(url));
    sent.push(`${pathname}${search}`);
    const page = sent.length;
    const body = { data: [{ type: 'tag', id: `tag-${page}`, attributes: { name: `t${page}` } }], links: { next: nextOf[`${pathname}${search}`] ?? null } };
    return new Response(JSON.stringify(body), { status: 200 });
  }) as typeof fetch;
  return { fetch: fakeFetch, sent };
}

t.test('a next link back to a page already read ends the stream with one clear error, before that page is asked for again', async (t) => {
  const loops = {
    'A -> A': { '/v1/tags?page=1&pageSize=100': '/v1/tags?page=1&pageSize=100' },
    'A -> B -> A (parameters reordered)': { '/v1/tags?page=1&pageSize=100': '/v1/tags?page=2&pageSize=100', '/v1/tags?page=2&pageSize=100': '/v1/tags?pageSize=100&page=1' },
  };
  for (const [name, nextOf] of Object.entries(loops)) {
    const fake = linkedPages(nextOf);
    const got: JsonObject[] = [];
    const error = await (async () => {
      for await (const page of readListStream(clientFor('https://api.kustomerapp.com', 'secret', fake.fetch), STREAMS.tags)) got.push(...page);
    })().then(() => undefined, (e: unknown) => e);
    t.type(error, KustomerApiError, name);
    t.match((error as Error).message, /^stream tags: Kustomer's links\.next leads back to \/v1\/tags\?(page=1&pageSize=100|pageSize=100&page=1), which this run has already read; stopping rather than reading the list in a loop$/, name);
    t.equal(new Set(fake.sent.map(positionKey)).size, fake.sent.length, `${name}: no page requested twice (${fake.sent.join(', ')})`);
    t.equal(got.length, fake.sent.length, `${name}: the pages read before the loop were yielded`);
  }
});

t.test('the paginator follows links.next as given and stops on null, a missing link or an empty one', async (t) => {
  const first = firstPosition('/v1/slas', { versions: 'all' }, 100);
  t.equal(first.path, '/v1/slas?page=1&pageSize=100&versions=all');
  const step = nextListStep('slas', first, { links: { next: '/v1/slas?page=2&pageSize=100&versions=all' } });
  t.same(step.kind === 'next' ? step.position.path : step.kind, '/v1/slas?page=2&pageSize=100&versions=all');
  for (const document of [{ links: { next: null } }, { links: {} }, {}, { links: { next: '' } }]) t.same(nextListStep('slas', first, document), { kind: 'done' });
  t.equal(firstPosition('/v1/metadata/customer', {}, null).path, '/v1/metadata/customer', 'an unpaged endpoint gets no page parameters');
});
