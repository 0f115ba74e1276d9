// The loader under synapse-sim's fault knobs: a transient failure at any step is retried from the step that is
// safe to repeat, a COMMIT whose answer was lost is looked up in the batch ledger before anything is redone,
// and a load that cannot be done fails with one line naming the stream. No retry ever duplicates a row.
import t, { type Test } from 'tap';
import { createSynapseLoader } from '../../src/load/synapse-loader.js';
import { LoadFailedError } from '../../src/load/sql-errors.js';
import type { FaultSettings } from '@kustomer-synapse/synapse-sim';
import { BIGINT, TEXT, batch, child, col, csvFile, startHarness, streamPlan, table, type Harness } from './harness.js';

/** Keyless, so a batch applied twice would show as twice the rows (an upsert would hide it). */
const plan = streamPlan(table('events', [col('id', BIGINT, false), col('name', TEXT())], []), [], []);

/** Every unhandled rejection while the test runs: a dropped connection must not leave one. */
function watchRejections(t: Test): readonly string[] {
  const seen: string[] = [];
  const record = (reason: unknown): void => { seen.push(reason instanceof Error ? reason.message : String(reason)); };
  process.on('unhandledRejection', record);
  t.teardown(() => { process.off('unhandledRejection', record); });
  return seen;
}

async function loadTwoBatches(t: Test, faults: FaultSettings, loadId: string): Promise<Harness> {
  const h = await startHarness(faults);
  t.teardown(() => h.stop());
  const loader = await createSynapseLoader(h.options({ loadId }));
  t.teardown(() => loader.close());
  await loader.apply([{ kind: 'create-table', table: plan.root }]);
  await loader.load(batch(plan, 1, [await csvFile(h, 'events', [[1, 1, 'a'], [2, 2, 'b']])]));
  await loader.load(batch(plan, 2, [await csvFile(h, 'events', [[3, 3, 'c']])]));
  return h;
}

const rowsOf = (h: Harness): Promise<readonly Readonly<Record<string, unknown>>[]> => h.query('SELECT [id], [name] FROM [tap].[events] ORDER BY [id]');
const ALL = [{ id: 1n, name: 'a' }, { id: 2n, name: 'b' }, { id: 3n, name: 'c' }];

t.test('a connection lost after COMMIT committed is found in the ledger: the batch is not applied again', async (t) => {
  const rejections = watchRejections(t);
  const h = await loadTwoBatches(t, { dropConnectionAfterStatement: 1, faultStatementPattern: /^\s*COMMIT\b/i }, 'after-commit');
  t.same(await rowsOf(h), ALL, 'every row once');
  t.ok(h.logs.some((l) => l.includes('batch 1 of stream events was committed before its connection was lost; not applying it again')), 'the ledger answered');
  t.same(await h.query("SELECT [sequence] FROM [tap].[_sdc_batch] WHERE [load_id] = 'after-commit' ORDER BY [sequence]"), [{ sequence: 1n }, { sequence: 2n }]);
  t.same(rejections, [], 'no unhandled rejection');
  t.equal((await h.blobNames()).filter((n) => n.includes('/after-commit/') && n.endsWith('.csv.gz')).length, 0, 'the staged files are deleted');
});

t.test('a connection lost before COMMIT ran: nothing committed, so the batch is staged again and committed once', async (t) => {
  const rejections = watchRejections(t);
  const h = await loadTwoBatches(t, { dropConnectionAtStatement: 1, faultStatementPattern: /^\s*COMMIT\b/i }, 'at-commit');
  t.same(await rowsOf(h), ALL);
  t.ok(h.logs.some((l) => /batch 1 of stream events failed \(attempt 1 of 7\), retrying in \d+ ms: the connection was lost at COMMIT/.test(l)));
  t.same(rejections, []);
});

t.test('a connection lost during COPY INTO and during the upsert: each retried on a new connection, every row once', async (t) => {
  const rejections = watchRejections(t);
  for (const [name, faults] of [
    ['copy', { dropConnectionDuringCopy: 1 }],
    ['upsert', { dropConnectionAtStatement: 1, faultStatementPattern: /^\s*INSERT INTO \[tap\]\.\[events\]/i }],
  ] as const) {
    const h = await loadTwoBatches(t, faults, `drop-${name}`);
    t.same(await rowsOf(h), ALL, name);
  }
  t.same(rejections, []);
});

t.test('40501 on the load statements at a 10% rate: retried until done, every row once', async (t) => {
  const h = await loadTwoBatches(t, { transientErrorRate: 0.1, seed: 7, faultStatementPattern: /^\s*(COPY|INSERT|DELETE|BEGIN|COMMIT|CREATE|IF)\b/i }, 'busy');
  t.same(await rowsOf(h), ALL);
  t.ok(h.logs.some((l) => l.includes('Synapse error 40501')), 'throttling was met');
});

t.test('a parent and its children under a deadlock (1205) in the transaction: no orphan, no duplicate', async (t) => {
  const parent = table('orders', [col('id', BIGINT, false), col('name', TEXT())], ['id']);
  const items = child('orders__items', [col('_sdc_source_key_id', BIGINT, false), col('_sdc_level_0_id', BIGINT, false), col('value', TEXT())], ['_sdc_source_key_id'], ['items']);
  const p = streamPlan(parent, [items]);
  const h = await startHarness({ transientErrorRate: 1, transientErrorNumber: 1205, dropConnectionAtStatement: 99, faultStatementPattern: /^\s*INSERT INTO \[tap\]\.\[orders__items\]/i });
  t.teardown(() => h.stop());
  const loader = await createSynapseLoader(h.options({ loadId: 'deadlock', retry: { retries: 2, initialDelayMs: 1, maxDelayMs: 2 } }));
  t.teardown(() => loader.close());
  await loader.apply([{ kind: 'create-table', table: parent }, { kind: 'create-table', table: items }]);
  const error = await loader.load(batch(p, 1, [
    await csvFile(h, 'orders', [[1, 1, 'a']]), await csvFile(h, 'orders__items', [[1, 1, 0, 'x'], [1, 1, 1, 'y']]),
  ])).then(() => undefined, (e: unknown) => e);
  t.ok(error instanceof LoadFailedError, 'retries run out');
  t.match((error as Error).message, /^stream orders: batch 1 could not be loaded: Synapse error 1205: /);
  t.same(await h.query('SELECT COUNT(*) AS n FROM [tap].[orders]'), [{ n: 0 }], 'the parent rolled back with its children');
  t.same(await h.query('SELECT COUNT(*) AS n FROM [tap].[orders__items]'), [{ n: 0 }]);
  t.equal(h.logs.filter((l) => l.includes('batch 1 of stream orders failed (attempt')).length, 2, 'two retries, the transaction each time');
});
