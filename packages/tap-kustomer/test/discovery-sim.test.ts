// Discovery against kustomer-sim: one catalog entry per stream with its schema, key and replication; `custom` typed
// by each attribute's suffix from GET /v1/metadata/{resource}, one request per resource and no other; without the
// metadata role a single warning and `custom` left open; and the committed catalog.json equal to what discovery
// gives for an org without custom attributes.
import t from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ALL_ROLES, start, type KindName } from '@kustomer-synapse/kustomer-sim';
import { Logger, type Catalog, type JsonSchema } from '@kustomer-synapse/singer';
import { attributeSchema, customSchema, OPEN_CUSTOM } from '../src/custom-types.js';
import { discoverCatalog } from '../src/discovery.js';
import { KustomerClient } from '../src/http/client.js';
import { shapeRecord, type RawResource } from '../src/record-shape.js';
import { METADATA_RESOURCES, STREAM_NAMES, STREAMS, type StreamName } from '../src/streams.js';
import { invalidRecords, readSchema, REPO_ROOT } from './support/validate.js';

const clientFor = (url: string, token: string): KustomerClient =>
  new KustomerClient({ baseUrl: url, apiToken: token, userAgent: 'tap-kustomer-test', timeoutMs: 5_000, orgPerMinute: 6_000, searchPerMinute: 600 });

function capture(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: new Logger('tap-kustomer', 'info', { write: (line: string) => lines.push(line.trimEnd()) }), lines };
}

const entry = (catalog: Catalog, stream: StreamName) => catalog.streams.find((e) => e.tap_stream_id === stream);
const customOf = (catalog: Catalog, stream: StreamName): JsonSchema | undefined => entry(catalog, stream)?.schema.properties?.['custom'];
const text = (catalog: Catalog): string => `${JSON.stringify(catalog, null, 2)}\n`;
const committed = await readFile(join(REPO_ROOT, 'catalog.json'), 'utf8');

t.test('catalog.json at the repository root is what discovery gives for an org without custom attributes', async (t) => {
  const sim = await start({ seed: 2, scale: 20, customAttributes: false });
  t.teardown(() => sim.stop());
  const { log, lines } = capture();
  const catalog = await discoverCatalog(clientFor(sim.url, sim.apiToken), log);
  t.equal(committed, text(catalog), 'equal to the byte (npm run catalog rewrites it)');
  t.same(lines, [], 'no warning');
  t.same(sim.requestLog.map((r) => `${r.method} ${r.path}`), METADATA_RESOURCES.map((resource) => `GET /v1/metadata/${resource}`), 'one request per metadata resource, nothing else');
});

t.test('every stream has one entry with its committed schema, key id and its replication method and key', async (t) => {
  const catalog = JSON.parse(committed) as Catalog;
  t.same(catalog.streams.map((e) => e.tap_stream_id), [...STREAM_NAMES]);
  for (const name of STREAM_NAMES) {
    const found = entry(catalog, name);
    const spec = STREAMS[name];
    t.same(found?.schema, await readSchema(name), `${name}: the schema of ${spec.schemaFile}`);
    t.same(found?.key_properties, ['id']);
    t.equal(found?.replication_method, spec.replicationKey === null ? 'FULL_TABLE' : 'INCREMENTAL', `${name}: ${found?.replication_method}`);
    t.equal(found?.replication_key, spec.replicationKey ?? undefined);
    const root = found?.metadata?.find((m) => m.breadcrumb.length === 0)?.metadata;
    t.same(root?.['table-key-properties'], ['id']);
    t.equal(found?.metadata?.find((m) => m.breadcrumb.join('.') === 'properties.id')?.metadata.inclusion, 'automatic', `${name}: id is always selected`);
  }
});

const CUSTOM_KINDS: readonly (readonly [StreamName, KindName])[] = [
  ['customers', 'customer'],
  ['conversations', 'conversation'],
  ['messages', 'message'],
  ['companies', 'company'],
  ['kobjects', 'kobject.order'],
];

t.test('custom is typed by each attribute suffix from the metadata, and the org records validate against it', async (t) => {
  const sim = await start({ seed: 2, scale: 200 });
  t.teardown(() => sim.stop());
  const { log, lines } = capture();
  const catalog = await discoverCatalog(clientFor(sim.url, sim.apiToken), log);
  t.equal(sim.requestLog.length, METADATA_RESOURCES.length, `${sim.requestLog.length} requests`);
  t.same(lines, []);
  t.same(customOf(catalog, 'customers'), {
    type: ['null', 'object'],
    properties: {
      ltvNum: { type: ['null', 'number'] },
      notesTxt: { type: ['null', 'string'] },
      regionTree: { type: ['null', 'string'] },
      signupAt: { type: ['null', 'string'], format: 'date-time' },
      tierStr: { type: ['null', 'string'] },
      vipBool: { type: ['null', 'boolean'] },
      websiteUrl: { type: ['null', 'string'] },
    },
    additionalProperties: true,
  });
  t.same(Object.keys(customOf(catalog, 'kobjects')?.properties ?? {}), ['orderNumberNum', 'orderStatusStr', 'orderUpdatedAt', 'totalPriceNum']);
  t.same(customOf(catalog, 'notes'), undefined, 'notes have no custom');
  for (const [stream, kind] of CUSTOM_KINDS) {
    const records = Array.from({ length: sim.count(kind) }, (_, i) => shapeRecord(sim.record(kind, i) as RawResource));
    const schema = entry(catalog, stream)?.schema ?? {};
    t.ok(Object.keys(customOf(catalog, stream)?.properties ?? {}).length > 0, `${stream}: custom typed`);
    t.same(await invalidRecords(stream, records, schema), [], `${stream}: all ${records.length} records valid against the typed schema`);
    const wrong = { ...schema, properties: { ...schema.properties, custom: { ...customOf(catalog, stream), additionalProperties: false, properties: {} } } };
    t.not((await invalidRecords(stream, records, wrong)).length, 0, `${stream}: (the check bites: a closed empty custom fails)`);
  }
});

t.test('without the metadata role discovery warns once, asks once, and leaves custom an open object', async (t) => {
  const roles = ALL_ROLES.filter((role) => !role.includes('metadata'));
  const sim = await start({ seed: 2, scale: 20, tokens: { 'no-metadata': { roles } } });
  t.teardown(() => sim.stop());
  const { log, lines } = capture();
  const catalog = await discoverCatalog(clientFor(sim.url, 'no-metadata'), log);
  t.same(sim.requestLog.map((r) => r.status), [403], 'one request: the same key would be refused for every resource');
  t.equal(lines.length, 1);
  t.match(lines[0], / WARNING tap-kustomer: discovery: the API key lacks the role org\.permission\.metadata\.read, so custom is an open object on every stream; create a key with that role to type custom attributes$/);
  for (const [stream] of CUSTOM_KINDS) t.same(customOf(catalog, stream), OPEN_CUSTOM, `${stream}: open custom`);
  t.equal(text(catalog), committed, 'the same catalog as an org without custom attributes');
});

t.test('the suffix table: Str, Txt, Url, Id and Tree are strings, Num a number, At a date-time, Bool a boolean', async (t) => {
  const cases: Readonly<Record<string, JsonSchema | undefined>> = {
    loyaltyTierStr: { type: ['null', 'string'] },
    notesTxt: { type: ['null', 'string'] },
    accountUrl: { type: ['null', 'string'] },
    primaryOrderId: { type: ['null', 'string'] },
    regionTree: { type: ['null', 'string'] },
    lifetimeValueNum: { type: ['null', 'number'] },
    order2Num: { type: ['null', 'number'] },
    lastOrderAt: { type: ['null', 'string'], format: 'date-time' },
    marketingOptInBool: { type: ['null', 'boolean'] },
    status: undefined,
    Str: undefined,
    tierSTR: undefined,
    chat: undefined,
  };
  for (const [name, expected] of Object.entries(cases)) t.same(attributeSchema(name), expected, name);
  t.same(attributeSchema('skillsStr', { array: true }), { type: ['null', 'array'], items: { type: ['null', 'string'] } }, 'a multi-valued attribute is an array');
  t.same(customSchema({}), OPEN_CUSTOM, 'no attributes: the open object of the committed schemas');
  t.same(customSchema({ oddName: {} }), OPEN_CUSTOM, 'no attribute with a known suffix: open as well');
});
