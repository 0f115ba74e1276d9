import t from 'tap';
import { planStream, tableNamesFor } from '../../src/plan/index.js';
import { allocateNames, conformSegment, tableNameFor } from '../../src/plan/naming.js';
import { planOptions, schemaMessage } from './helpers.js';

t.test('a stream name becomes lower case [a-z0-9_] with a leading digit prefixed', async (t) => {
  t.equal(tableNameFor('TestCamelcase'), 'testcamelcase');
  t.equal(tableNameFor('test:SpecialChars!in?attributes'), 'test_specialchars_in_attributes');
  t.equal(tableNameFor('2024-orders'), '_2024_orders');
  t.equal(tableNameFor('Ünïcode'), '_n_code');
  t.equal(conformSegment(''), '_');
});

t.test('a name over 128 characters is cut with a stable hash suffix that keeps two long names apart', async (t) => {
  const a = tableNameFor(`${'x'.repeat(200)}a`);
  const b = tableNameFor(`${'x'.repeat(200)}b`);
  t.equal(a.length, 128);
  t.equal(b.length, 128);
  t.not(a, b);
  t.match(a, /^x{119}_[0-9a-f]{8}$/);
  t.equal(tableNameFor(`${'x'.repeat(200)}a`), a, 'same input, same name');
  t.equal(tableNameFor('y'.repeat(128)), 'y'.repeat(128), 'exactly 128 is not cut');
});

t.test('two properties that conform to one name get distinct stable columns and the mapping is logged', async (t) => {
  const { options, lines } = planOptions();
  const { plan } = planStream(schemaMessage('s', { UserId: { type: 'string' }, userid: { type: 'integer' }, 'User-Id': { type: 'boolean' } }), options, new Map());
  const names = Object.fromEntries(plan.root.columns.map((c) => [c.source.kind === 'property' ? c.source.path.join('.') : '', c.name]));
  t.same(names, { UserId: 'userid_2', userid: 'userid', 'User-Id': 'user_id' });
  t.match(lines.join(''), /property "UserId" is column userid_2/);
  const again = planStream(schemaMessage('s', { UserId: { type: 'string' }, userid: { type: 'integer' }, 'User-Id': { type: 'boolean' }, USERID: { type: 'string' } }), options, new Map());
  t.same(again.plan.root.columns.slice(0, 2).map((c) => c.name), ['userid_2', 'userid'], 'a property added later does not move the others');
  t.equal(again.plan.root.columns[3]?.name, 'userid_3');
});

t.test('a suffix skips a name that a real property already has', async (t) => {
  const { names } = allocateNames([{ label: 'A', wanted: 'a' }, { label: 'a', wanted: 'a' }, { label: 'a_2', wanted: 'a_2' }]);
  t.same(names, ['a_3', 'a', 'a_2']);
});

t.test('a flattened a.b and a property literally named a__b do not share a column', async (t) => {
  const { options } = planOptions();
  const { plan } = planStream(schemaMessage('s', { a: { type: 'object', properties: { b: { type: 'string' } } }, a__b: { type: 'string' } }), options, new Map());
  t.same(plan.root.columns.map((c) => c.name).sort(), ['a__b', 'a__b_2']);
});

t.test('two streams that conform to one table are refused case-insensitively when the run tracks owners', async (t) => {
  const owners = new Map<string, string>();
  const { options } = planOptions({ tableOwners: owners });
  planStream(schemaMessage('Orders', { id: { type: 'integer' } }), options, new Map());
  t.doesNotThrow(() => planStream(schemaMessage('Orders', { id: { type: 'integer' } }), options, new Map()), 'the same stream again is fine');
  t.throws(() => planStream(schemaMessage('ORDERS', { id: { type: 'integer' } }), options, new Map()), /streams "Orders" and "ORDERS" both map to table orders/);
  t.doesNotThrow(() => planStream(schemaMessage('orders__items', { id: { type: 'integer' } }), options, new Map()), 'no clash: orders has no child table');
});

t.test('a child table of one stream and the root of another clash', async (t) => {
  const owners = new Map<string, string>();
  const { options } = planOptions({ tableOwners: owners });
  planStream(schemaMessage('orders', { id: { type: 'integer' }, items: { type: 'array', items: { type: 'string' } } }, ['id']), options, new Map());
  t.throws(() => planStream(schemaMessage('Orders__Items', { id: { type: 'integer' } }), options, new Map()), /both map to table orders__items/);
});

t.test('tableNamesFor lists the root and every child table', async (t) => {
  const { options } = planOptions();
  const message = schemaMessage('t', { id: { type: 'integer' }, a: { type: 'array', items: { type: 'object', properties: { b: { type: 'array', items: { type: 'integer' } } } } } }, ['id']);
  t.same(tableNamesFor(message, options), ['t', 't__a', 't__a__b']);
});
