import t from 'tap';
import {
  describeStream,
  findEntry,
  isFieldSelected,
  isStreamSelected,
  keyProperties,
  parseCatalog,
  replicationKey,
  replicationMethod,
  selectedSchema,
  type CatalogEntry,
} from '../src/catalog.js';
import { parseJson } from '../src/exact-json.js';

const schema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    updated_at: { type: 'string', format: 'date-time' },
    name: { type: ['null', 'string'] },
    phone: { type: ['null', 'string'] },
    address: { type: ['null', 'object'], properties: { city: { type: 'string' }, zip: { type: 'string' } } },
  },
};

function entry(metadata: CatalogEntry['metadata'], extra: Partial<CatalogEntry> = {}): CatalogEntry {
  return { tap_stream_id: 'customers', stream: 'customers', schema, ...(metadata ? { metadata } : {}), ...extra };
}

t.test('a deselected field is left out of the selected schema', async (t) => {
  const customers = entry([
    { breadcrumb: [], metadata: { selected: true } },
    { breadcrumb: ['properties', 'phone'], metadata: { selected: false, inclusion: 'available' } },
    { breadcrumb: ['properties', 'name'], metadata: { selected: true, inclusion: 'available' } },
  ]);
  t.equal(isFieldSelected(customers, ['properties', 'phone']), false);
  t.equal(isFieldSelected(customers, ['properties', 'name']), true);
  t.notOk('phone' in (selectedSchema(customers).properties ?? {}));
  t.ok('name' in (selectedSchema(customers).properties ?? {}));
});

t.test('an automatic field stays selected even when marked selected: false', async (t) => {
  const customers = entry([
    { breadcrumb: [], metadata: { selected: true } },
    { breadcrumb: ['properties', 'id'], metadata: { inclusion: 'automatic', selected: false } },
    { breadcrumb: ['properties', 'updated_at'], metadata: { inclusion: 'automatic', selected: false } },
  ]);
  t.equal(isFieldSelected(customers, ['properties', 'id']), true);
  t.same(Object.keys(selectedSchema(customers).properties ?? {}), ['id', 'updated_at', 'name', 'phone', 'address'],
    'fields without metadata inherit the selected stream');
});

t.test('an unsupported field is never selected, even when marked selected', async (t) => {
  const customers = entry([
    { breadcrumb: [], metadata: { selected: true } },
    { breadcrumb: ['properties', 'phone'], metadata: { inclusion: 'unsupported', selected: true } },
  ]);
  t.equal(isFieldSelected(customers, ['properties', 'phone']), false);
});

t.test('selected-by-default decides when nothing is selected explicitly', async (t) => {
  const byDefault = entry([
    { breadcrumb: [], metadata: { 'selected-by-default': true } },
    { breadcrumb: ['properties', 'phone'], metadata: { 'selected-by-default': false } },
  ]);
  t.equal(isStreamSelected(byDefault), true);
  t.equal(isFieldSelected(byDefault, ['properties', 'phone']), false);
  t.equal(isFieldSelected(byDefault, ['properties', 'name']), true);
  const notByDefault = entry([{ breadcrumb: [], metadata: { 'selected-by-default': false } }]);
  t.equal(isStreamSelected(notByDefault), false);
  const explicit = entry([{ breadcrumb: [], metadata: { 'selected-by-default': false, selected: 'true' as unknown as boolean } }]);
  t.equal(isStreamSelected(explicit), true, 'an explicit selected wins, also as the string "true"');
});

t.test('a deselected stream deselects its fields, even automatic ones', async (t) => {
  const customers = entry([
    { breadcrumb: [], metadata: { selected: false } },
    { breadcrumb: ['properties', 'id'], metadata: { inclusion: 'automatic' } },
  ]);
  t.equal(isStreamSelected(customers), false);
  t.equal(isFieldSelected(customers, ['properties', 'id']), false);
});

t.test('nested fields follow their parent', async (t) => {
  const customers = entry([
    { breadcrumb: [], metadata: { selected: true } },
    { breadcrumb: ['properties', 'address'], metadata: { selected: true } },
    { breadcrumb: ['properties', 'address', 'properties', 'zip'], metadata: { selected: false } },
  ]);
  t.same(Object.keys(selectedSchema(customers).properties?.address?.properties ?? {}), ['city']);
});

t.test('a stream without metadata is selected with every field', async (t) => {
  t.equal(isStreamSelected(entry(undefined)), true);
  t.same(selectedSchema(entry(undefined)), schema);
});

t.test('replication settings: top-level keys first, then metadata, then the forced method', async (t) => {
  const meta = [{ breadcrumb: [], metadata: { 'forced-replication-method': 'INCREMENTAL' as const, 'replication-key': 'updated_at' } }];
  t.equal(replicationMethod(entry(meta)), 'INCREMENTAL');
  t.equal(replicationKey(entry(meta)), 'updated_at');
  t.equal(replicationMethod(entry(meta, { replication_method: 'FULL_TABLE' })), 'FULL_TABLE');
  const withMethod = [{ breadcrumb: [], metadata: { 'replication-method': 'FULL_TABLE' as const, 'forced-replication-method': 'INCREMENTAL' as const } }];
  t.equal(replicationMethod(entry(withMethod)), 'FULL_TABLE');
});

t.test('discovery metadata marks keys and the replication key automatic and the rest available', async (t) => {
  const discovered = describeStream({ stream: 'customers', schema, keyProperties: ['id'], replicationMethod: 'INCREMENTAL', replicationKey: 'updated_at' });
  const byField = Object.fromEntries((discovered.metadata ?? []).map((m) => [m.breadcrumb.join('.'), m.metadata]));
  t.same(byField[''], {
    inclusion: 'available',
    'selected-by-default': true,
    'table-key-properties': ['id'],
    'forced-replication-method': 'INCREMENTAL',
    'valid-replication-keys': ['updated_at'],
    'replication-key': 'updated_at',
  });
  t.equal(byField['properties.id']?.inclusion, 'automatic');
  t.equal(byField['properties.updated_at']?.inclusion, 'automatic');
  t.equal(byField['properties.name']?.inclusion, 'available');
  t.equal(byField['properties.address.properties.city']?.inclusion, 'available', 'nested breadcrumbs are generated');
  t.equal(isStreamSelected(discovered), true);
  t.same(parseCatalog({ streams: [discovered] }, 'catalog.json').streams[0], discovered, 'a discovered catalog parses back');
});

t.test('a malformed catalog names the file and the entry', async (t) => {
  t.throws(() => parseCatalog({ stream: [] }, 'c.json'), { message: 'c.json is not a Singer catalog: expected an object with a "streams" list' });
  t.throws(() => parseCatalog({ streams: [{ tap_stream_id: 'x' }] }, 'c.json'), { message: 'c.json streams[0] (x) is missing "schema"' });
});

t.test('key properties: the top-level list first, then table-key-properties, else none', async (t) => {
  const meta = [{ breadcrumb: [], metadata: { 'table-key-properties': ['id'] } }];
  t.same(keyProperties(entry(meta)), ['id']);
  t.same(keyProperties(entry(meta, { key_properties: ['id', 'updated_at'] })), ['id', 'updated_at']);
  t.same(keyProperties(entry(undefined)), []);
});

t.test('a nested field without metadata inherits its parent, and a deselected parent drops its children', async (t) => {
  const inherit = entry([
    { breadcrumb: [], metadata: { selected: true } },
    { breadcrumb: ['properties', 'address'], metadata: { selected: true } },
  ]);
  t.equal(isFieldSelected(inherit, ['properties', 'address', 'properties', 'zip']), true);
  const dropped = entry([
    { breadcrumb: [], metadata: { selected: true } },
    { breadcrumb: ['properties', 'address'], metadata: { selected: false } },
    { breadcrumb: ['properties', 'address', 'properties', 'zip'], metadata: { inclusion: 'automatic' } },
  ]);
  t.equal(isFieldSelected(dropped, ['properties', 'address', 'properties', 'zip']), false);
  t.notOk('address' in (selectedSchema(dropped).properties ?? {}));
  const unselectedStream = entry([{ breadcrumb: ['properties', 'name'], metadata: { selected: true } }]);
  t.equal(isStreamSelected(unselectedStream), false, 'metadata without a stream entry leaves the stream unselected (no selected, no default: false)');
});

t.test('a catalog whose streams, schema or metadata are numbers is refused, however many digits they have', async (t) => {
  t.throws(() => parseCatalog(parseJson('99999999999999999'), 'catalog.json'), { message: 'catalog.json is not a Singer catalog: expected an object with a "streams" list' });
  t.throws(() => parseCatalog(parseJson('{"streams":[99999999999999999]}'), 'catalog.json'), { message: 'catalog.json streams[0] must be an object' });
  t.throws(() => parseCatalog(parseJson('{"streams":[{"tap_stream_id":"s","schema":99999999999999999}]}'), 'catalog.json'), { message: 'catalog.json streams[0] (s) is missing "schema"' });
  t.throws(() => parseCatalog(parseJson('{"streams":[{"tap_stream_id":"s","schema":{},"metadata":[{"breadcrumb":[],"metadata":99999999999999999}]}]}'), 'catalog.json'),
    { message: 'catalog.json streams[0] (s) metadata[0] must have "breadcrumb" (a list) and "metadata" (an object)' });
});

t.test('findEntry looks a stream up by tap_stream_id, not by its stream name', async (t) => {
  const catalog = parseCatalog({ streams: [entry(undefined, { tap_stream_id: 'kustomer-customers' }), entry(undefined, { tap_stream_id: 'notes', stream: 'notes' })] }, 'catalog.json');
  t.equal(findEntry(catalog, 'kustomer-customers')?.stream, 'customers');
  t.equal(findEntry(catalog, 'notes')?.tap_stream_id, 'notes');
  t.equal(findEntry(catalog, 'customers'), undefined, 'the stream name alone does not match');
  t.equal(findEntry({ streams: [] }, 'notes'), undefined);
});
