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
