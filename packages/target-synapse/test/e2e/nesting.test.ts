// Nesting through the real CLI into synapse-sim: arrays of objects and of scalars, two levels deep, land as a
// parent table and child tables; a parent sent again with a shorter array leaves exactly its new child rows;
// `nesting: json` holds the same data as JSON text.
import t, { type Test } from 'tap';
import { startHarness, type Harness } from '../load/harness.js';
import { runTarget } from '../support/cli-run.js';
import { assertSucceeded, recordMessage, schemaMessage, tableRows } from '../support/singer-messages.js';

const h: Harness = await startHarness();
t.teardown(() => h.stop());

const SCHEMA = schemaMessage('Orders', {
  id: { type: 'integer' },
  ship: { type: 'object', properties: { city: { type: 'string' } } },
  tags: { type: 'array', items: { type: 'string' } },
  grid: { type: 'array', items: { type: 'array', items: { type: 'integer' } } },
  lines: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        sku: { type: 'string' },
        price: { type: 'object', properties: { cents: { type: 'integer' } } },
        serials: { type: 'array', items: { type: 'string' } },
      },
    },
  },
});

interface Order {
  readonly id: number;
  readonly ship: { readonly city: string };
  readonly tags: readonly string[];
  readonly grid: readonly (readonly number[])[];
  readonly lines: readonly { readonly sku: string; readonly price: { readonly cents: number }; readonly serials: readonly string[] }[];
}

const FIRST: Order = {
  id: 1, ship: { city: 'Oslo' }, tags: ['gift', 'rush', 'fragile'], grid: [[1, 2], [], [3]],
  lines: [
    { sku: 'A', price: { cents: 100 }, serials: ['a1', 'a2'] },
    { sku: 'B', price: { cents: 250 }, serials: ['b1'] },
    { sku: 'C', price: { cents: 999 }, serials: [] },
  ],
};
const OTHER: Order = { id: 2, ship: { city: 'Lima' }, tags: [], grid: [[7]], lines: [{ sku: 'Z', price: { cents: 5 }, serials: ['z1', 'z2', 'z3'] }] };
const SHORTER: Order = { id: 1, ship: { city: 'Bergen' }, tags: ['gift'], grid: [], lines: [{ sku: 'B', price: { cents: 260 }, serials: ['b9'] }] };
// batch_size_rows 2: FIRST and OTHER commit in batch 1, SHORTER replaces order 1 in batch 2.
const INPUT = [SCHEMA, ...[FIRST, OTHER, SHORTER].map((order) => recordMessage('Orders', order))];
const FINAL = [SHORTER, OTHER].sort((a, b) => a.id - b.id);

type Row = Readonly<Record<string, unknown>>;

/** The child rows of one parent (by source key, and by the parent's own position when `level0` is given), each at its position. */
function childrenOf(t: Test, rows: readonly Row[], id: unknown, level0?: unknown): readonly Row[] {
  const level = level0 === undefined ? '_sdc_level_0_id' : '_sdc_level_1_id';
  const mine = rows.filter((row) => row._sdc_source_key_id === id && (level0 === undefined || row._sdc_level_0_id === level0));
  t.same(mine.map((row) => Number(row[level])), mine.map((_, position) => position), `${level} of the children of ${String(id)} count from 0`);
  return mine;
}

/** The orders as the child tables hold them, rebuilt from their keys and positions. */
async function ordersFromSubtables(t: Test): Promise<Order[]> {
  const byPosition = ['_sdc_source_key_id', '_sdc_level_0_id'];
  const roots = await tableRows(h, 'orders', ['id', 'ship__city'], ['id']);
  const tags = await tableRows(h, 'orders__tags', [...byPosition, 'value'], byPosition);
  const grid = await tableRows(h, 'orders__grid', byPosition, byPosition);
  const gridValues = await tableRows(h, 'orders__grid__value', [...byPosition, '_sdc_level_1_id', 'value'], [...byPosition, '_sdc_level_1_id']);
  const lines = await tableRows(h, 'orders__lines', [...byPosition, 'sku', 'price__cents'], byPosition);
  const serials = await tableRows(h, 'orders__lines__serials', [...byPosition, '_sdc_level_1_id', 'value'], [...byPosition, '_sdc_level_1_id']);
  return roots.map(({ id, ship__city }) => ({
    id: Number(id),
    ship: { city: String(ship__city) },
    tags: childrenOf(t, tags, id).map((row) => String(row.value)),
    grid: childrenOf(t, grid, id).map((row) => childrenOf(t, gridValues, id, row._sdc_level_0_id).map((cell) => Number(cell.value))),
    lines: childrenOf(t, lines, id).map((line) => ({
      sku: String(line.sku), price: { cents: Number(line.price__cents) },
      serials: childrenOf(t, serials, id, line._sdc_level_0_id).map((serial) => String(serial.value)),
    })),
  }));
}

t.test('subtables: arrays two levels deep land as child tables; a shorter array leaves exactly its new rows', async (t) => {
  assertSucceeded(t, await runTarget(h, INPUT, { batch_size_rows: 2 }));
  const tables = await h.query("SELECT TABLE_NAME AS name FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'tap' ORDER BY TABLE_NAME");
  // `_sdc_batch` is the load ledger (one row per committed batch while a run lasts; README "Retries").
  t.same(tables.map((row) => row.name), ['_sdc_batch', 'orders', 'orders__grid', 'orders__grid__value', 'orders__lines', 'orders__lines__serials', 'orders__tags']);
  t.same(await ordersFromSubtables(t), FINAL);
  t.same(await tableRows(h, 'orders__lines__serials', ['_sdc_source_key_id', 'value'], ['_sdc_source_key_id', '_sdc_level_0_id', '_sdc_level_1_id']), [
    { _sdc_source_key_id: '1', value: 'b9' },
    { _sdc_source_key_id: '2', value: 'z1' }, { _sdc_source_key_id: '2', value: 'z2' }, { _sdc_source_key_id: '2', value: 'z3' },
  ], 'order 1 keeps only its new serial; order 2 is untouched');
  t.same(await tableRows(h, 'orders__grid__value', ['_sdc_source_key_id', 'value'], ['_sdc_source_key_id']), [{ _sdc_source_key_id: '2', value: '7' }],
    'the grid of order 1, now empty, leaves no rows');
});

t.test('nesting json holds the same orders as JSON text', async (t) => {
  assertSucceeded(t, await runTarget(h, INPUT, { batch_size_rows: 2, nesting: 'json', default_target_schema: 'tapjson' }));
  const tables = await h.query("SELECT TABLE_NAME AS name FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'tapjson'");
  t.same(tables.map((row) => String(row.name)).sort(), ['_sdc_batch', 'orders'], 'one table (and the load ledger), no child tables');
  const rows = await tableRows(h, 'orders', ['id', 'ship', 'tags', 'grid', 'lines'], ['id'], 'tapjson');
  const orders = rows.map((row) => ({
    id: Number(row.id), ship: JSON.parse(String(row.ship)) as unknown, tags: JSON.parse(String(row.tags)) as unknown,
    grid: JSON.parse(String(row.grid)) as unknown, lines: JSON.parse(String(row.lines)) as unknown,
  }));
  t.same(orders, FINAL);
  t.same(orders, await ordersFromSubtables(t), 'the same data as the subtables run');
});
