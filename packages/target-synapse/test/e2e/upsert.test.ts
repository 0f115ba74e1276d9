// Upsert through the real CLI into synapse-sim: the same keys sent in three batches end as one row each with
// the last values, under both upsert strategies; append-only keeps every row; keys that differ only by case are
// one key, as the database's collation says.
import t from 'tap';
import { startHarness, type Harness } from '../load/harness.js';
import { runTarget } from '../support/cli-run.js';
import { assertSucceeded, recordMessage, schemaMessage, tableRows } from '../support/singer-messages.js';

const h: Harness = await startHarness();
t.teardown(() => h.stop());

const ITEMS = schemaMessage('items', { id: { type: 'integer' }, name: { type: 'string' }, n: { type: 'integer' } });
const ROUNDS = [1, 2, 3] as const;
// Round r sends keys 1..3 (in a different order each round) with values of round r; batch_size_rows 3 makes
// each round its own batch.
const ROUND_ORDER = { 1: [1, 2, 3], 2: [3, 1, 2], 3: [2, 3, 1] } as const;
const ITEM_INPUT = [ITEMS, ...ROUNDS.flatMap((r) => ROUND_ORDER[r].map((id) => recordMessage('items', { id, name: `round ${r} item ${id}`, n: r * 10 + id })))];
const BATCHES = { batch_size_rows: 3 };

const PEOPLE = schemaMessage('people', { email: { type: 'string' }, n: { type: 'integer' } }, ['email']);
// Batch 1 holds "Ann@x.io"; batch 2 holds two more spellings of it, so the case-insensitive compare is needed
// both between batches (DELETE ... WHERE EXISTS or MERGE's match) and inside one (the dedupe's PARTITION BY).
const PEOPLE_INPUT = [PEOPLE, ...[['Ann@x.io', 1], ['bob@x.io', 1], ['ANN@X.IO', 2], ['ann@x.io', 3]].map(([email, n]) => recordMessage('people', { email, n }))];

const schemaFor = (strategy: string, what: string): string => `${what}_${strategy.replace('-', '_')}`;

for (const strategy of ['delete-insert', 'merge'] as const) {
  t.test(`upsert (${strategy}): the same keys in three batches end as one row each with the last values`, async (t) => {
    const schema = schemaFor(strategy, 'items');
    const run = await runTarget(h, ITEM_INPUT, { ...BATCHES, upsert_strategy: strategy, default_target_schema: schema }, { LOG_LEVEL: 'debug' });
    assertSucceeded(t, run);
    t.match(run.stderr, /loaded batch 3 of stream items/, 'three batches were loaded');
    t.notMatch(run.stderr, /loaded batch 4 of stream items/);
    // The statement that moved the rows is the strategy's: the SQL log at debug level shows it.
    if (strategy === 'merge') t.match(run.stderr, /SQL: MERGE INTO \[items_merge\]\.\[items\]/);
    else t.notMatch(run.stderr, /MERGE INTO/);
    t.same(await tableRows(h, 'items', ['id', 'name', 'n'], ['id'], schema), [
      { id: '1', name: 'round 3 item 1', n: '31' },
      { id: '2', name: 'round 3 item 2', n: '32' },
      { id: '3', name: 'round 3 item 3', n: '33' },
    ]);
  });

  t.test(`upsert (${strategy}): keys differing only by case are one key on the case-insensitive database`, async (t) => {
    const schema = schemaFor(strategy, 'people');
    assertSucceeded(t, await runTarget(h, PEOPLE_INPUT, { batch_size_rows: 2, upsert_strategy: strategy, default_target_schema: schema }));
    // DELETE + INSERT replaces the row, so the last spelling is stored; MERGE updates the matched row's other
    // columns only, since the key is the HASH distribution column and Synapse cannot update that column
    // (research/synapse.md 1.11), so the first spelling stays.
    const spelling = strategy === 'merge' ? 'Ann@x.io' : 'ann@x.io';
    // How the database compares: synapse-sim uses Synapse's default collation, SQL_Latin1_General_CP1_CI_AS,
    // so a query with another spelling finds the stored key. On a case-sensitive (_CS_) database the three
    // spellings would be three keys.
    t.same(await h.query(`SELECT [email] FROM [${schema}].[people] WHERE [email] = 'aNN@X.io'`), [{ email: spelling }], 'the database is case-insensitive');
    t.same(await tableRows(h, 'people', ['email', 'n'], ['email'], schema), [
      { email: spelling, n: '3' },
      { email: 'bob@x.io', n: '1' },
    ], 'one row per key, with the last values');
  });
}

t.test('append-only keeps every row of the three batches', async (t) => {
  const schema = 'items_append';
  assertSucceeded(t, await runTarget(h, ITEM_INPUT, { ...BATCHES, load_method: 'append-only', default_target_schema: schema }));
  const rows = await tableRows(h, 'items', ['id', 'n'], ['n'], schema);
  t.same(rows, ROUNDS.flatMap((r) => [1, 2, 3].map((id) => ({ id: String(id), n: String(r * 10 + id) }))));
});
