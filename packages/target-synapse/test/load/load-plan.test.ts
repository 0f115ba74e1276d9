// The statements of a batch's transaction, per load method, key set and strategy (pure; no server), and
// ACTIVATE_VERSION's statements.
import t from 'tap';
import { Logger, Redactor } from '@kustomer-synapse/singer';
import { upsertStatements, type LoadSettings, type StagedTable } from '../../src/load/load-batch.js';
import { activateVersionStatements } from '../../src/load/synapse-loader.js';
import type { TablePlan } from '../../src/plan/types.js';
import { BIGINT, TEXT, batch, child, col, streamPlan, table } from './harness.js';

const lines: string[] = [];
const log = new Logger('t', 'debug', { write: (l: string) => lines.push(l) }, new Redactor());
const root = table('orders', [col('id', BIGINT, false), col('s', TEXT())], ['id']);
const kids = child('orders__lines', [col('_sdc_source_key_id', BIGINT, false), col('v', TEXT())], ['_sdc_source_key_id'], ['lines']);
const staged = (plan: TablePlan, c?: typeof kids): StagedTable => ({ plan, ...(c === undefined ? {} : { child: c }), blobs: ['b'], rows: 1, stage: `#stg_${plan.name}`, deduped: `#dd_${plan.name}` });
const settings = (s: Partial<LoadSettings>): LoadSettings => ({ loadMethod: 'upsert', upsertStrategy: 'delete-insert', keepStagedFiles: false, ...s });
const heads = (statements: readonly { sql: string }[]): readonly string[] => statements.map((s) => s.sql.split('\n')[0]!.replace(/ WHERE .*/, ''));

t.test('upsert: delete + insert the root from the deduped stage, then the children of the winners', async (t) => {
  const plan = streamPlan(root, [kids]);
  t.same(heads(upsertStatements({ settings: settings({}), log }, batch(plan, 1, []), [staged(root), staged(kids, kids)], '#dd_orders')), [
    'DELETE FROM [tap].[orders]', 'INSERT INTO [tap].[orders] ([id], [s])',
    'DELETE FROM [tap].[orders__lines]', 'INSERT INTO [tap].[orders__lines] ([_sdc_source_key_id], [v])',
  ]);
});

t.test('append-only and keyless streams insert every staged row of every table', async (t) => {
  const plan = streamPlan(root, [kids]);
  const s = upsertStatements({ settings: settings({ loadMethod: 'append-only' }), log }, batch(plan, 1, []), [staged(root), staged(kids, kids)], undefined);
  t.same(s.map((x) => x.sql), [
    'INSERT INTO [tap].[orders] ([id], [s])\nSELECT [id], [s] FROM [#stg_orders]',
    'INSERT INTO [tap].[orders__lines] ([_sdc_source_key_id], [v])\nSELECT [_sdc_source_key_id], [v] FROM [#stg_orders__lines]',
  ]);
});

t.test('overwrite deletes every table first in its first batch only', async (t) => {
  const plan = streamPlan(root, [kids]);
  const first = upsertStatements({ settings: settings({ loadMethod: 'overwrite' }), log }, batch(plan, 1, [], true), [staged(root), staged(kids, kids)], '#dd_orders');
  t.same(first.map((x) => x.sql.split('\n')[0]), [
    'DELETE FROM [tap].[orders]', 'DELETE FROM [tap].[orders__lines]', 'INSERT INTO [tap].[orders] ([id], [s])', 'INSERT INTO [tap].[orders__lines] ([_sdc_source_key_id], [v])',
  ]);
  const later = upsertStatements({ settings: settings({ loadMethod: 'overwrite' }), log }, batch(plan, 2, [], false), [staged(root), staged(kids, kids)], '#dd_orders');
  t.match(later[0]?.sql, /^DELETE FROM \[tap\]\.\[orders\] WHERE EXISTS/);
});

t.test('merge runs MERGE on a HASH root, and falls back to delete + insert with a warning on any other', async (t) => {
  const hashed = { ...root, distribution: { kind: 'hash', column: 'id' } } as const;
  t.match(upsertStatements({ settings: settings({ upsertStrategy: 'merge' }), log }, batch(streamPlan(hashed), 1, []), [staged(hashed)], '#dd_orders')[0]?.sql, /^MERGE INTO/);
  lines.length = 0;
  t.same(heads(upsertStatements({ settings: settings({ upsertStrategy: 'merge' }), log }, batch(streamPlan(root), 1, []), [staged(root)], '#dd_orders')), ['DELETE FROM [tap].[orders]', 'INSERT INTO [tap].[orders] ([id], [s])']);
  t.match(lines.join(''), /WARNING .*table orders is not HASH-distributed, so MERGE cannot insert into it; using DELETE \+ INSERT/);
});

t.test('ACTIVATE_VERSION: hard deletes roots and orphaned children; soft needs _sdc_deleted_at; no version column, nothing', async (t) => {
  const versioned = table('lists', [col('id', BIGINT, false), col('_sdc_table_version', BIGINT), col('_sdc_deleted_at', { kind: 'datetimeoffset' })], ['id']);
  const plan = streamPlan(versioned, [kids]);
  t.same(activateVersionStatements(plan, 3, true, new Date(0)).map((s) => s.sql.split(' WHERE ')[0]), ['DELETE FROM [tap].[lists]', 'DELETE FROM [tap].[orders__lines]']);
  t.same(activateVersionStatements(plan, 3, false, new Date(0)).map((s) => s.parameters), [[
    { name: 'deletedAt', type: 'datetimeoffset', value: '1970-01-01T00:00:00.000Z' }, { name: 'version', type: 'bigint', value: 3n },
  ]]);
  t.same(activateVersionStatements(streamPlan(root), 3, true, new Date(0)), []);
  const noDeletedAt = streamPlan(table('lists', [col('id', BIGINT, false), col('_sdc_table_version', BIGINT)], ['id']));
  t.throws(() => activateVersionStatements(noDeletedAt, 3, false, new Date(0)), { message: /needs a _sdc_deleted_at column in table lists; enable add_record_metadata or set hard_delete true/ });
});
