// A rebuild as heap that a killed run left between two of its four statements is finished or undone by the
// next run's describe: the table keeps its rows and name, and no side table is left.
import t from 'tap';
import { createSynapseLoader } from '../../src/load/synapse-loader.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
t.before(async () => {
  h = await startHarness();
  await h.query("IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = 'tap') EXEC('CREATE SCHEMA [tap]')");
});
t.teardown(() => h.stop());

const create = (name: string, index: 'HEAP' | 'CLUSTERED COLUMNSTORE INDEX', ids: readonly number[]): Promise<unknown> =>
  h.query(`CREATE TABLE [tap].[${name}] WITH (DISTRIBUTION = ROUND_ROBIN, ${index}) AS SELECT CAST(v AS BIGINT) AS [id] FROM (${ids.map((i) => `SELECT ${i} AS v`).join(' UNION ALL ')}) AS [s]`);

async function tablesAfterDescribe(name: string): Promise<{ tables: readonly string[]; index: string | undefined; ids: readonly number[] }> {
  const loader = await createSynapseLoader(h.options({ loadId: `recover-${name.replace(/_/g, '-')}` }));
  let index: string | undefined;
  try {
    index = (await loader.describe('tap', [name])).get(name)?.index;
  } finally {
    await loader.close();
  }
  const tables = (await h.query(`SELECT t.name AS n FROM sys.tables AS t INNER JOIN sys.schemas AS s ON s.schema_id = t.schema_id WHERE s.name = 'tap' AND t.name LIKE '${name}%' ORDER BY t.name`)).map((r) => String(r.n));
  const ids = (await h.query(`SELECT [id] FROM [tap].[${name}] ORDER BY [id]`)).map((r) => Number(r.id));
  return { tables, index, ids };
}

t.test('killed between the two renames: the rebuilt heap takes the name, the old table goes', async (t) => {
  await create('a__sdc_old', 'CLUSTERED COLUMNSTORE INDEX', [1, 2]);
  await create('a__sdc_rebuild', 'HEAP', [1, 2]);
  t.same(await tablesAfterDescribe('a'), { tables: ['a'], index: 'heap', ids: [1, 2] });
  t.ok(h.logs.some((l) => l.includes('finishing a rebuild an earlier run left half done: tap.a was renamed away; tap.a__sdc_rebuild takes its name')));
});

t.test('killed before the DROP: the old table goes', async (t) => {
  await create('b', 'HEAP', [3]);
  await create('b__sdc_old', 'CLUSTERED COLUMNSTORE INDEX', [3]);
  t.same(await tablesAfterDescribe('b'), { tables: ['b'], index: 'heap', ids: [3] });
});

t.test('killed after the CTAS, before any rename: the unused copy goes, the table stays as it was', async (t) => {
  await create('c', 'CLUSTERED COLUMNSTORE INDEX', [4, 5]);
  await create('c__sdc_rebuild', 'HEAP', [4, 5]);
  t.same(await tablesAfterDescribe('c'), { tables: ['c'], index: 'cci', ids: [4, 5] });
});
