import t from 'tap';
import { planStream, sqlTypeText, type TablePlan } from '../../src/plan/index.js';
import { planOptions, schemaMessage } from './helpers.js';

const describeTable = (table: TablePlan): string[] => table.columns.map((c) => `${c.name} ${sqlTypeText(c.type)}${c.nullable ? '' : ' NOT NULL'}`);

const ORDERS = schemaMessage('orders', {
  id: { type: 'integer' },
  customer: { type: 'object', properties: { name: { type: 'string' }, address: { type: 'object', properties: { city: { type: 'string' } } } } },
  tags: { type: 'array', items: { type: 'string' } },
  lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, serials: { type: 'array', items: { type: 'integer' } } } } },
  matrix: { type: 'array', items: { type: 'array', items: { type: 'number' } } },
}, ['id']);

t.test('nested objects are flattened to a__b columns and arrays become child tables', async (t) => {
  const { plan } = planStream(ORDERS, planOptions().options, new Map());
  t.same(describeTable(plan.root), ['id BIGINT NOT NULL', 'customer__name NVARCHAR(4000)', 'customer__address__city NVARCHAR(4000)']);
  t.same(plan.root.keyColumns, ['id']);
  t.same(plan.children.map((c) => [c.name, c.path.join('.'), c.depth]), [
    ['orders__tags', 'tags', 1], ['orders__lines', 'lines', 1], ['orders__lines__serials', 'lines.[].serials', 2],
    ['orders__matrix', 'matrix', 1], ['orders__matrix__value', 'matrix.[]', 2],
  ]);
});

t.test('a child table holds the source keys, the level ids and the flattened element or a value column', async (t) => {
  const { plan } = planStream(ORDERS, planOptions().options, new Map());
  const [tags, lines, serials, matrix, inner] = plan.children;
  t.same(describeTable(tags!), ['_sdc_source_key_id BIGINT NOT NULL', '_sdc_level_0_id BIGINT NOT NULL', 'value NVARCHAR(4000)']);
  t.same(tags!.keyColumns, ['_sdc_source_key_id', '_sdc_level_0_id']);
  t.same(tags!.sourceKeyColumns, ['_sdc_source_key_id']);
  t.same(describeTable(lines!), ['_sdc_source_key_id BIGINT NOT NULL', '_sdc_level_0_id BIGINT NOT NULL', 'sku NVARCHAR(4000)']);
  t.same(describeTable(serials!), ['_sdc_source_key_id BIGINT NOT NULL', '_sdc_level_0_id BIGINT NOT NULL', '_sdc_level_1_id BIGINT NOT NULL', 'value BIGINT']);
  t.same(serials!.keyColumns, ['_sdc_source_key_id', '_sdc_level_0_id', '_sdc_level_1_id']);
  t.same(describeTable(matrix!), ['_sdc_source_key_id BIGINT NOT NULL', '_sdc_level_0_id BIGINT NOT NULL']);
  t.same(describeTable(inner!), ['_sdc_source_key_id BIGINT NOT NULL', '_sdc_level_0_id BIGINT NOT NULL', '_sdc_level_1_id BIGINT NOT NULL', 'value FLOAT']);
});

t.test('child tables hash on their first source key column; roots on their first key', async (t) => {
  const { plan } = planStream(ORDERS, planOptions().options, new Map());
  t.same(plan.root.distribution, { kind: 'hash', column: 'id' });
  for (const child of plan.children) t.same(child.distribution, { kind: 'hash', column: '_sdc_source_key_id' }, child.name);
  const composite = planStream(schemaMessage('c', { b: { type: 'string' }, a: { type: 'integer' }, l: { type: 'array', items: { type: 'string' } } }, ['a', 'b']), planOptions().options, new Map());
  t.same(composite.plan.root.distribution, { kind: 'hash', column: 'a' }, 'the first key property, not the first column');
  t.same(composite.plan.children[0]?.sourceKeyColumns, ['_sdc_source_key_a', '_sdc_source_key_b']);
  t.equal(sqlTypeText(composite.plan.children[0]!.columns[1]!.type), 'NVARCHAR(4000)', 'a source key has its root key\'s type');
});

t.test('a stream without keys is ROUND_ROBIN and keeps its arrays as JSON text', async (t) => {
  const { plan } = planStream(schemaMessage('nokey', { id: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } }), planOptions().options, new Map());
  t.same(plan.root.distribution, { kind: 'round_robin' });
  t.same(plan.children, []);
  t.same(describeTable(plan.root), ['id BIGINT', 'tags NVARCHAR(MAX)']);
  t.equal(plan.root.index, 'heap');
});

t.test('configured distributions win over auto', async (t) => {
  const rr = planStream(ORDERS, planOptions({ tableDistribution: 'round_robin' }).options, new Map()).plan;
  t.same([rr.root.distribution, rr.children[0]?.distribution], [{ kind: 'round_robin' }, { kind: 'round_robin' }]);
  const rep = planStream(ORDERS, planOptions({ tableDistribution: 'replicate' }).options, new Map()).plan;
  t.same(rep.root.distribution, { kind: 'replicate' });
  const { options, lines } = planOptions({ tableDistribution: 'hash' });
  t.same(planStream(schemaMessage('n', { a: { type: 'integer' } }), options, new Map()).plan.root.distribution, { kind: 'round_robin' });
  t.match(lines.join(''), /no key to hash on/);
});

t.test('nesting json stores objects and arrays as NVARCHAR(MAX) JSON text in a heap', async (t) => {
  const { plan } = planStream(ORDERS, planOptions({ nesting: 'json' }).options, new Map());
  t.same(describeTable(plan.root), ['id BIGINT NOT NULL', 'customer NVARCHAR(MAX)', 'tags NVARCHAR(MAX)', 'lines NVARCHAR(MAX)', 'matrix NVARCHAR(MAX)']);
  t.ok(plan.root.columns.slice(1).every((c) => c.source.kind === 'property' && c.source.asJson));
  t.same(plan.children, []);
  t.equal(plan.root.index, 'heap', 'a MAX column never lands in a columnstore table');
});

t.test('a table without MAX columns is columnstore under auto; heap and cci as configured', async (t) => {
  const narrow = schemaMessage('n', { id: { type: 'integer' }, s: { type: 'string' } }, ['id']);
  t.equal(planStream(narrow, planOptions().options, new Map()).plan.root.index, 'cci');
  t.equal(planStream(narrow, planOptions({ tableIndex: 'heap' }).options, new Map()).plan.root.index, 'heap');
  const { options, lines } = planOptions({ tableIndex: 'cci' });
  t.equal(planStream(schemaMessage('w', { s: { type: 'string', maxLength: 5000 } }), options, new Map()).plan.root.index, 'heap');
  t.match(lines.join(''), /column s is NVARCHAR\(MAX\), which a clustered columnstore index cannot hold; the table is a HEAP/);
});

t.test('a key property missing from the schema, a table without columns and a table over 1023 columns are refused', async (t) => {
  t.throws(() => planStream(schemaMessage('empty', {}), planOptions().options, new Map()), /stream "empty": table empty would have no columns/);
  t.equal(planStream(schemaMessage('empty', {}), planOptions({ addRecordMetadata: true }).options, new Map()).plan.root.columns.length, 6);
  t.throws(() => planStream(schemaMessage('s', { a: { type: 'string' } }, ['id']), planOptions().options, new Map()), /stream "s": key property "id" is not in the schema's properties/);
  const wide = Object.fromEntries(Array.from({ length: 1024 }, (_, i) => [`c${i}`, { type: 'integer' }]));
  t.throws(() => planStream(schemaMessage('wide', wide), planOptions().options, new Map()), /table wide would have 1024 columns, more than the 1023/);
  const fits = Object.fromEntries(Array.from({ length: 1023 }, (_, i) => [`c${i}`, { type: 'integer' }]));
  t.doesNotThrow(() => planStream(schemaMessage('fits', fits), planOptions().options, new Map()));
});
