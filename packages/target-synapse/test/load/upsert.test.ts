// The load sequence against synapse-sim + Azurite: create, load, upsert across batches, append-only,
// overwrite, child tables replaced with their parent, case-insensitive keys, MERGE on a HASH table.
import t from 'tap';
import { createSynapseLoader } from '../../src/load/synapse-loader.js';
import type { Loader } from '../../src/load/loader.js';
import { BIGINT, TEXT, batch, child, col, csvFile, startHarness, streamPlan, table, type Harness } from './harness.js';

let h: Harness;
t.before(async () => { h = await startHarness(); });
t.teardown(async () => { await h.stop(); });

const users = table('users', [col('id', BIGINT, false), col('name', TEXT())], ['id']);
const usersPlan = streamPlan(users);

async function withLoader<T>(options: Parameters<Harness['options']>[0], fn: (loader: Loader) => Promise<T>): Promise<T> {
  const loader = await createSynapseLoader(h.options(options));
  try { return await fn(loader); } finally { await loader.close(); }
}

t.test('a created table holds the loaded rows, and describe reads it back as planned', async (t) => {
  await withLoader({}, async (loader) => {
    const plan = streamPlan(table('people', [col('id', BIGINT, false), col('name', TEXT(50))], ['id']));
    await loader.apply([{ kind: 'create-table', table: plan.root }]);
    const result = await loader.load(batch(plan, 1, [await csvFile(h, 'people', [[1, 1, 'Ann'], [2, 2, 'Bob']])]));
    t.equal(result.rowsLoaded, 2);
    t.same(await h.query('SELECT [id], [name] FROM [tap].[people] ORDER BY [id]'), [{ id: '1', name: 'Ann' }, { id: '2', name: 'Bob' }]);
    const live = await loader.describe('tap', ['People', 'missing']);
    t.same([...live.keys()], ['people']);
    t.same(live.get('people'), {
      schema: 'tap', name: 'people', index: 'heap', distribution: { kind: 'round_robin' },
      columns: [{ name: 'id', type: { kind: 'bigint' }, nullable: false }, { name: 'name', type: { kind: 'nvarchar', length: 50 }, nullable: true }],
    });
  });
});

t.test('the same keys in three batches end as one row each with the last values', async (t) => {
  await withLoader({}, async (loader) => {
    await loader.apply([{ kind: 'create-table', table: users }]);
    await loader.load(batch(usersPlan, 1, [await csvFile(h, 'users', [[1, 1, 'a1'], [2, 2, 'b1'], [3, 1, 'a2']])]));
    await loader.load(batch(usersPlan, 2, [await csvFile(h, 'users', [[4, 2, 'b2'], [5, 3, 'c1']])]));
    await loader.load(batch(usersPlan, 3, [await csvFile(h, 'users', [[7, 1, 'a4'], [6, 1, 'a3']]), await csvFile(h, 'users', [[8, 3, 'c2']])]));
    t.same(await h.query('SELECT [id], [name] FROM [tap].[users] ORDER BY [id]'), [
      { id: '1', name: 'a4' }, { id: '2', name: 'b2' }, { id: '3', name: 'c2' },
    ], 'the highest ordinal wins, whatever the file order');
  });
});

t.test('append-only keeps every row, duplicates included', async (t) => {
  const plan = streamPlan(table('events', [col('id', BIGINT, false), col('name', TEXT())], ['id']));
  await withLoader({ loadMethod: 'append-only' }, async (loader) => {
    await loader.apply([{ kind: 'create-table', table: plan.root }]);
    await loader.load(batch(plan, 1, [await csvFile(h, 'events', [[1, 1, 'a'], [2, 1, 'b']])]));
    await loader.load(batch(plan, 2, [await csvFile(h, 'events', [[3, 1, 'c']])]));
    t.same(await h.query('SELECT [id], [name] FROM [tap].[events] ORDER BY [name]'), [
      { id: '1', name: 'a' }, { id: '1', name: 'b' }, { id: '1', name: 'c' },
    ]);
  });
});

t.test('overwrite replaces the contents with the first batch of a run, then upserts', async (t) => {
  const plan = streamPlan(table('snap', [col('id', BIGINT, false), col('name', TEXT())], ['id']));
  await withLoader({}, async (loader) => {
    await loader.apply([{ kind: 'create-table', table: plan.root }]);
    await loader.load(batch(plan, 1, [await csvFile(h, 'snap', [[1, 1, 'old'], [2, 2, 'old'], [3, 3, 'old']])]));
  });
  await withLoader({ loadMethod: 'overwrite' }, async (loader) => {
    await loader.load(batch(plan, 1, [await csvFile(h, 'snap', [[1, 2, 'new'], [2, 4, 'new'], [3, 4, 'newer']])], true));
    t.same(await h.query('SELECT [id], [name] FROM [tap].[snap] ORDER BY [id]'), [{ id: '2', name: 'new' }, { id: '4', name: 'newer' }]);
    await loader.load(batch(plan, 2, [await csvFile(h, 'snap', [[4, 5, 'next'], [5, 2, 'again']])], false));
    t.same(await h.query('SELECT [id], [name] FROM [tap].[snap] ORDER BY [id]'), [
      { id: '2', name: 'again' }, { id: '4', name: 'newer' }, { id: '5', name: 'next' },
    ], 'a later batch of the run keeps what the first one wrote');
  });
});

const orders = table('orders', [col('id', BIGINT, false), col('status', TEXT())], ['id']);
const lines = child('orders__lines', [col('_sdc_source_key_id', BIGINT, false), col('_sdc_level_0_id', BIGINT, false), col('sku', TEXT())], ['_sdc_source_key_id'], ['lines']);
const ordersPlan = streamPlan(orders, [lines]);

t.test('child rows are replaced with their parent: a shorter array leaves exactly the new child rows', async (t) => {
  await withLoader({}, async (loader) => {
    await loader.apply([{ kind: 'create-table', table: orders }, { kind: 'create-table', table: lines }]);
    await loader.load(batch(ordersPlan, 1, [
      await csvFile(h, 'orders', [[1, 10, 'open'], [2, 20, 'open']]),
      await csvFile(h, 'orders__lines', [[1, 10, 0, 'a'], [1, 10, 1, 'b'], [1, 10, 2, 'c'], [2, 20, 0, 'x']]),
    ]));
    await loader.load(batch(ordersPlan, 2, [
      await csvFile(h, 'orders', [[3, 10, 'stale'], [4, 10, 'paid'], [5, 30, 'open']]),
      await csvFile(h, 'orders__lines', [[3, 10, 0, 'stale0'], [3, 10, 1, 'stale1'], [3, 10, 2, 'stale2'], [3, 10, 3, 'stale3'], [4, 10, 0, 'd'], [5, 30, 0, 'y']]),
    ]));
    t.same(await h.query('SELECT [id], [status] FROM [tap].[orders] ORDER BY [id]'), [
      { id: '10', status: 'paid' }, { id: '20', status: 'open' }, { id: '30', status: 'open' },
    ]);
    t.same(await h.query('SELECT [_sdc_source_key_id] AS k, [_sdc_level_0_id] AS i, [sku] FROM [tap].[orders__lines] ORDER BY k, i'), [
      { k: '10', i: '0', sku: 'd' }, { k: '20', i: '0', sku: 'x' }, { k: '30', i: '0', sku: 'y' },
    ], 'order 10 holds only the child rows of its winning record; order 20 is untouched');
    await loader.load(batch(ordersPlan, 3, [await csvFile(h, 'orders', [[6, 20, 'empty']]), await csvFile(h, 'orders__lines', [])]));
    t.same(await h.query('SELECT COUNT(*) AS n FROM [tap].[orders__lines] WHERE [_sdc_source_key_id] = 20'), [{ n: 0 }], 'an empty array removes every child row');
  });
});

t.test('keys that differ only by case are one row (the CI collation compares them equal)', async (t) => {
  const plan = streamPlan(table('tags', [col('code', TEXT(20), false), col('label', TEXT())], ['code']));
  await withLoader({}, async (loader) => {
    await loader.apply([{ kind: 'create-table', table: plan.root }]);
    await loader.load(batch(plan, 1, [await csvFile(h, 'tags', [[1, 'ABC', 'first'], [2, 'abc', 'second']])]));
    await loader.load(batch(plan, 2, [await csvFile(h, 'tags', [[3, 'Abc', 'third']])]));
    t.same(await h.query('SELECT [code], [label] FROM [tap].[tags]'), [{ code: 'Abc', label: 'third' }], 'the last spelling and values are kept');
  });
});

t.test('MERGE on a HASH table upserts the same as DELETE + INSERT', async (t) => {
  const hashed = table('accounts', [col('id', BIGINT, false), col('name', TEXT())], ['id'], { distribution: { kind: 'hash', column: 'id' }, index: 'cci' });
  const plan = streamPlan(hashed);
  await withLoader({ upsertStrategy: 'merge' }, async (loader) => {
    h.logs.length = 0;
    await loader.apply([{ kind: 'create-table', table: hashed }]);
    await loader.load(batch(plan, 1, [await csvFile(h, 'accounts', [[1, 1, 'a'], [2, 2, 'b'], [3, 1, 'a2']])]));
    await loader.load(batch(plan, 2, [await csvFile(h, 'accounts', [[4, 2, 'b2'], [5, 3, 'c']])]));
    t.same(await h.query('SELECT [id], [name] FROM [tap].[accounts] ORDER BY [id]'), [{ id: '1', name: 'a2' }, { id: '2', name: 'b2' }, { id: '3', name: 'c' }]);
    t.ok(h.logs.some((l) => /SQL: MERGE INTO \[tap\]\.\[accounts\]/.test(l)), 'the load ran a MERGE');
    t.notOk(h.logs.some((l) => /SQL: DELETE FROM \[tap\]\.\[accounts\]/.test(l)), 'and no DELETE');
    t.same((await loader.describe('tap', ['accounts'])).get('accounts')?.distribution, { kind: 'hash', column: 'id' });
  });
});

t.test('grandchild rows (an array inside an array) are replaced with their root record too', async (t) => {
  const root = table('carts', [col('id', BIGINT, false)], ['id']);
  const items = child('carts__items', [col('_sdc_source_key_id', BIGINT, false), col('_sdc_level_0_id', BIGINT, false), col('sku', TEXT())], ['_sdc_source_key_id'], ['items']);
  const tags = { ...child('carts__items__tags', [col('_sdc_source_key_id', BIGINT, false), col('_sdc_level_0_id', BIGINT, false), col('_sdc_level_1_id', BIGINT, false), col('value', TEXT())], ['_sdc_source_key_id'], ['items', '[]', 'tags']), depth: 2 };
  const plan = streamPlan(root, [items, tags]);
  await withLoader({}, async (loader) => {
    await loader.apply([root, items, tags].map((table) => ({ kind: 'create-table' as const, table })));
    await loader.load(batch(plan, 1, [
      await csvFile(h, 'carts', [[1, 5], [2, 6]]),
      await csvFile(h, 'carts__items', [[1, 5, 0, 'a'], [1, 5, 1, 'b'], [2, 6, 0, 'z']]),
      await csvFile(h, 'carts__items__tags', [[1, 5, 0, 0, 'a0'], [1, 5, 0, 1, 'a1'], [1, 5, 1, 0, 'b0'], [2, 6, 0, 0, 'z0']]),
    ]));
    await loader.load(batch(plan, 2, [
      await csvFile(h, 'carts', [[3, 5]]),
      await csvFile(h, 'carts__items', [[3, 5, 0, 'c']]),
      await csvFile(h, 'carts__items__tags', [[3, 5, 0, 0, 'c0']]),
    ]));
    t.same(await h.query('SELECT [_sdc_source_key_id] AS k, [sku] FROM [tap].[carts__items] ORDER BY k, [sku]'), [{ k: '5', sku: 'c' }, { k: '6', sku: 'z' }]);
    t.same(await h.query('SELECT [_sdc_source_key_id] AS k, [value] FROM [tap].[carts__items__tags] ORDER BY k, [value]'), [{ k: '5', value: 'c0' }, { k: '6', value: 'z0' }]);
  });
});
