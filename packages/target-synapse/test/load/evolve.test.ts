// Loader.apply's changes keep every stored value; ACTIVATE_VERSION deletes or soft-deletes older versions.
import t from 'tap';
import { createSynapseLoader } from '../../src/load/synapse-loader.js';
import type { Loader } from '../../src/load/loader.js';
import { BIGINT, TEXT, batch, child, col, csvFile, startHarness, streamPlan, table, type Harness } from './harness.js';

let h: Harness;
t.before(async () => { h = await startHarness(); });
t.teardown(async () => { await h.stop(); });

async function withLoader<T>(options: Parameters<Harness['options']>[0], fn: (loader: Loader) => Promise<T>): Promise<T> {
  const loader = await createSynapseLoader(h.options(options));
  try { return await fn(loader); } finally { await loader.close(); }
}

t.test('add-column and alter-column keep the stored values', async (t) => {
  const v1 = table('items', [col('id', BIGINT, false), col('name', TEXT(5)), col('qty', BIGINT)], ['id']);
  await withLoader({}, async (loader) => {
    await loader.apply([{ kind: 'create-table', table: v1 }]);
    await loader.load(batch(streamPlan(v1), 1, [await csvFile(h, 'items', [[1, 1, 'short', '-9223372036854775808'], [2, 2, 'x', 12345678901234567n]])]));
    const wideName = col('name', TEXT(4000));
    const wideQty = col('qty', { kind: 'decimal', precision: 38, scale: 0 });
    const note = col('note', TEXT('max'));
    await loader.apply([
      { kind: 'alter-column', schema: 'tap', table: 'items', column: wideName, from: TEXT(5) },
      { kind: 'alter-column', schema: 'tap', table: 'items', column: wideQty, from: BIGINT },
      { kind: 'add-column', schema: 'tap', table: 'items', column: note },
    ]);
    const v2 = table('items', [col('id', BIGINT, false), wideName, wideQty, note], ['id']);
    await loader.load(batch(streamPlan(v2), 2, [await csvFile(h, 'items', [[3, 3, 'a much longer name', '99999999999999999999999999999999999999', 'n'.repeat(5000)]])]));
    t.same(await h.query('SELECT [id], [name], CAST([qty] AS NVARCHAR(60)) AS qty, LEN([note]) AS note FROM [tap].[items] ORDER BY [id]'), [
      { id: '1', name: 'short', qty: '-9223372036854775808', note: null },
      { id: '2', name: 'x', qty: '12345678901234567', note: null },
      { id: '3', name: 'a much longer name', qty: '99999999999999999999999999999999999999', note: 5000 },
    ]);
    const live = (await loader.describe('tap', ['items'])).get('items');
    t.same(live?.columns.map((c) => [c.name, c.type]), [
      ['id', { kind: 'bigint' }], ['name', { kind: 'nvarchar', length: 4000 }],
      ['qty', { kind: 'decimal', precision: 38, scale: 0 }], ['note', { kind: 'nvarchar', length: 'max' }],
    ]);
  });
});

t.test('a columnstore table rebuilt as a heap keeps its rows and distribution, then takes a MAX column', async (t) => {
  const cci = table('notes', [col('id', BIGINT, false), col('body', TEXT(100))], ['id'], { index: 'cci', distribution: { kind: 'hash', column: 'id' } });
  await withLoader({}, async (loader) => {
    await loader.apply([{ kind: 'create-table', table: cci }]);
    await loader.load(batch(streamPlan(cci), 1, [await csvFile(h, 'notes', [[1, 1, 'one'], [2, 2, 'two']])]));
    await t.rejects(loader.apply([{ kind: 'alter-column', schema: 'tap', table: 'notes', column: col('body', TEXT('max')), from: TEXT(100) }]),
      { message: /Synapse error 35343/ }, 'a MAX column cannot go into the columnstore table');
    await loader.apply([
      { kind: 'rebuild-as-heap', schema: 'tap', table: 'notes' },
      { kind: 'alter-column', schema: 'tap', table: 'notes', column: col('body', TEXT('max')), from: TEXT(100) },
    ]);
    const live = (await loader.describe('tap', ['notes'])).get('notes');
    t.equal(live?.index, 'heap');
    t.same(live?.distribution, { kind: 'hash', column: 'id' });
    t.same(live?.columns.map((c) => [c.name, c.nullable]), [['id', false], ['body', true]], 'nullability survives the CTAS');
    const heap = table('notes', [col('id', BIGINT, false), col('body', TEXT('max'))], ['id'], { index: 'heap', distribution: { kind: 'hash', column: 'id' } });
    await loader.load(batch(streamPlan(heap), 2, [await csvFile(h, 'notes', [[3, 2, 'b'.repeat(6000)]])]));
    t.same(await h.query('SELECT [id], LEN([body]) AS n FROM [tap].[notes] ORDER BY [id]'), [{ id: '1', n: 3 }, { id: '2', n: 6000 }]);
    t.same(await h.query("SELECT COUNT(*) AS n FROM sys.tables WHERE name LIKE 'notes%'"), [{ n: 1 }], 'no side table is left');
  });
});

const versioned = table('lists', [col('id', BIGINT, false), col('name', TEXT()), col('_sdc_table_version', BIGINT), col('_sdc_deleted_at', { kind: 'datetimeoffset' })], ['id']);
const members = child('lists__members', [col('_sdc_source_key_id', BIGINT, false), col('_sdc_level_0_id', BIGINT, false), col('value', TEXT())], ['_sdc_source_key_id'], ['members']);
const listsPlan = streamPlan(versioned, [members]);

async function loadVersions(loader: Loader): Promise<void> {
  await loader.apply([{ kind: 'create-table', table: versioned }, { kind: 'create-table', table: members }]);
  await loader.load(batch(listsPlan, 1, [
    await csvFile(h, 'lists', [[1, 1, 'a', 1, null], [2, 2, 'b', 1, null], [3, 3, 'c', 2, null]]),
    await csvFile(h, 'lists__members', [[1, 1, 0, 'm1'], [2, 2, 0, 'm2'], [3, 3, 0, 'm3']]),
  ]));
}

t.test('activateVersion with hard_delete deletes older versions and their child rows', async (t) => {
  await withLoader({ hardDelete: true }, async (loader) => {
    await loadVersions(loader);
    await loader.activateVersion(listsPlan, 2);
    t.same(await h.query('SELECT [id] FROM [tap].[lists]'), [{ id: '3' }]);
    t.same(await h.query('SELECT [value] FROM [tap].[lists__members]'), [{ value: 'm3' }]);
  });
  await h.query('DROP TABLE [tap].[lists]');
  await h.query('DROP TABLE [tap].[lists__members]');
});

t.test('activateVersion without hard_delete sets _sdc_deleted_at on older versions only, once', async (t) => {
  let clock = new Date('2026-12-02T10:00:00Z');
  await withLoader({ hardDelete: false, now: () => clock }, async (loader) => {
    await loadVersions(loader);
    await loader.activateVersion(listsPlan, 2);
    clock = new Date('2026-12-02T11:00:00Z');
    await loader.activateVersion(listsPlan, 2);
    t.same(await h.query('SELECT [id], CAST([_sdc_deleted_at] AS NVARCHAR(40)) AS d FROM [tap].[lists] ORDER BY [id]'), [
      { id: '1', d: '2026-12-02 10:00:00.0000000 +00:00' }, { id: '2', d: '2026-12-02 10:00:00.0000000 +00:00' }, { id: '3', d: null },
    ]);
    t.same(await h.query('SELECT COUNT(*) AS n FROM [tap].[lists__members]'), [{ n: 3 }], 'child rows stay with their soft-deleted parent');
  });
});

t.test('describe refuses a column type target-synapse never writes, naming it', async (t) => {
  await h.query('CREATE TABLE [tap].[foreign_made] ([id] INT NOT NULL, [v] VARCHAR(10)) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)');
  await withLoader({}, async (loader) => {
    await t.rejects(loader.describe('tap', ['foreign_made']), {
      name: 'LoadFailedError',
      message: 'reading the tables of schema tap: column id of tap.foreign_made has type int, which target-synapse does not write; drop or rename the table, or load into another default_target_schema',
    });
  });
});
