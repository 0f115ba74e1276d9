// What the next run does with each state a rebuild as heap can be killed in (src/load/rebuild-recovery.ts).
import t from 'tap';
import { recoveryStatements, withRebuildNames } from '../../src/load/rebuild-recovery.js';

const sqlFor = (existing: readonly string[]): readonly string[] =>
  recoveryStatements('tap', ['orders'], (name) => existing.includes(name)).map((s) => s.sql);

t.test('an interrupted rebuild as heap is finished or undone from the tables it left; a finished one needs nothing', async (t) => {
  t.same(withRebuildNames(['orders']), ['orders', 'orders__sdc_rebuild', 'orders__sdc_old']);
  t.same(sqlFor(['orders']), [], 'no rebuild was interrupted');
  t.same(sqlFor([]), [], 'no table yet');
  t.same(sqlFor(['orders', 'orders__sdc_rebuild']), ['DROP TABLE [tap].[orders__sdc_rebuild]'], 'killed after the CTAS: the rebuild starts over');
  t.same(sqlFor(['orders__sdc_old', 'orders__sdc_rebuild']), ['RENAME OBJECT [tap].[orders__sdc_rebuild] TO [orders]', 'DROP TABLE [tap].[orders__sdc_old]'], 'killed between the RENAMEs: the swap is finished');
  t.same(sqlFor(['orders', 'orders__sdc_old']), ['DROP TABLE [tap].[orders__sdc_old]'], 'killed before the DROP');
  t.same(sqlFor(['orders__sdc_old']), ['RENAME OBJECT [tap].[orders__sdc_old] TO [orders]'], 'only the old table: it is put back');
});
