// Issue 10's faults through the real CLI: synapse-sim's knobs (and a proxy in front of Azurite) fail the load
// at each step, and every run still ends with exactly the rows the input holds, parents and children, with
// the last state printed. A terminal error is one line naming the stream, with no state past the last commit.
// A killed run's staged files are deleted by the next run and never loaded.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { Logger, Redactor } from '@kustomer-synapse/singer';
import { startSynapseSim, type FaultSettings } from '@kustomer-synapse/synapse-sim';
import { collect, runTarget, spawnTarget, type TargetRun } from '../support/cli-run.js';
import { DATABASE, PASSWORD, USER, startHarness, type Harness } from '../load/harness.js';
import { createSqlConnector } from '../../src/load/sql-runner.js';
import { statement } from '../../src/load/sql.js';

/** Rows from a synapse-sim other than the harness's own. */
function queryAt(sim: { readonly host: string; readonly port: number }): Harness['query'] {
  const quiet = new Logger('test-query', 'error', { write: () => undefined }, new Redactor());
  return async (text) => {
    const session = await createSqlConnector({ host: sim.host, port: sim.port, database: DATABASE, auth: { kind: 'password', user: USER, password: PASSWORD }, encrypt: false }, quiet).connect();
    try { return (await session.run(statement(text))).rows; } finally { await session.close(); }
  };
}

/** Milliseconds between retries: the knobs fail many statements. */
const FAST = { batch_size_rows: 2, load_retry_delay_ms: 5, max_parallelism: 2 } as const;

const ORDERS_SCHEMA = {
  type: 'SCHEMA', stream: 'orders', key_properties: ['id'],
  schema: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, items: { type: 'array', items: { type: 'string' } } } },
};
const order = (id: number, name: string, items: readonly string[]): object => ({ type: 'RECORD', stream: 'orders', record: { id, name, items } });
const state = (n: number): object => ({ type: 'STATE', value: { bookmarks: { orders: { replication_key_value: n } } } });

/** Four batches of two: upserts of ids 2 and 1 (with new children) in the later ones. */
const INPUT: readonly object[] = [
  ORDERS_SCHEMA,
  order(1, 'one', ['a', 'b']), order(2, 'two', ['c']), state(1),
  order(3, 'three', []), order(4, 'four', ['d', 'e', 'f']), state(2),
  order(2, 'two again', ['g']), order(5, 'five', ['h']), state(3),
  order(1, 'one again', []), order(6, 'six', ['i', 'j']), state(4),
];
const ORDERS = [[1, 'one again'], [2, 'two again'], [3, 'three'], [4, 'four'], [5, 'five'], [6, 'six']];
const ITEMS = [[2, 'g'], [4, 'd'], [4, 'e'], [4, 'f'], [5, 'h'], [6, 'i'], [6, 'j']];
const LAST_STATE = JSON.stringify({ bookmarks: { orders: { replication_key_value: 4 } } });

async function tablesOf(query: Harness['query']): Promise<{ orders: unknown[]; items: unknown[] }> {
  const orders = await query('SELECT [id], [name] FROM [tap].[orders] ORDER BY [id]');
  const items = await query('SELECT [_sdc_source_key_id] AS [id], [value] FROM [tap].[orders__items] ORDER BY [_sdc_source_key_id], [_sdc_level_0_id]');
  return { orders: orders.map((r) => [Number(r.id), r.name]), items: items.map((r) => [Number(r.id), r.value]) };
}

async function expectExactLoad(t: Test, h: Harness, run: TargetRun, query: Harness['query'] = h.query): Promise<void> {
  t.equal(run.code, 0, `exit code 0: ${run.stderr.split('\n').filter((l) => /CRITICAL|unexpected/.test(l)).join(' ')}`);
  t.equal(run.stateLines.at(-1), LAST_STATE, 'the last state is printed');
  t.same(await tablesOf(query), { orders: ORDERS, items: ITEMS }, 'exactly the rows of the input: no loss, no duplicate, no orphan child');
  t.notMatch(run.stderr, /unhandled|unexpected failure/i);
}

async function faultRun(t: Test, faults: FaultSettings): Promise<{ h: Harness; run: TargetRun }> {
  const h = await startHarness(faults);
  t.teardown(() => h.stop());
  return { h, run: await runTarget(h, INPUT, FAST) };
}

const retried = (run: TargetRun): number => run.stderr.split('\n').filter((l) => / failed \(attempt \d+ of \d+\), retrying in /.test(l)).length;

t.test('a connection dropped during a COPY INTO is retried on a new connection', async (t) => {
  const { h, run } = await faultRun(t, { dropConnectionDuringCopy: 3 });
  await expectExactLoad(t, h, run);
  t.ok(retried(run) >= 1, 'a retry was logged');
});

t.test('a connection dropped inside the upsert transaction, between parent and children: redone whole', async (t) => {
  const { h, run } = await faultRun(t, { dropConnectionAtStatement: 2, faultStatementPattern: /^\s*INSERT INTO \[tap\]\.\[orders__items\]/i });
  await expectExactLoad(t, h, run);
  t.ok(retried(run) >= 1);
});

t.test('connections dropped at COMMIT, once before it ran and once after it committed: each batch applied once', async (t) => {
  const { h, run } = await faultRun(t, { dropConnectionAtStatement: 1, dropConnectionAfterStatement: 3, faultStatementPattern: /^\s*COMMIT\b/i });
  await expectExactLoad(t, h, run);
  t.match(run.stderr, /was committed before its connection was lost; not applying it again/);
});

t.test('40501 on 10% of all statements: every batch retried until it commits', async (t) => {
  const { h, run } = await faultRun(t, { transientErrorRate: 0.1, seed: 11, faultStatementPattern: /^(?!\s*SET\b)/i });
  await expectExactLoad(t, h, run);
  t.match(run.stderr, /Synapse error 40501/);
});

/** A loopback proxy in front of Azurite that answers the first PUT of a staged part with 503. */
async function failingFirstUpload(target: URL): Promise<{ server: Server; endpoint: string; failed: () => number }> {
  let failures = 0;
  const server = createServer((req, res) => {
    if (req.method === 'PUT' && failures === 0 && (req.url ?? '').includes('.csv.gz')) {
      failures += 1;
      req.resume();
      res.writeHead(503, { 'content-type': 'application/xml' }).end('<?xml version="1.0"?><Error><Code>ServerBusy</Code><Message>injected</Message></Error>');
      return;
    }
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, endpoint: `http://127.0.0.1:${port}${target.pathname}`, failed: () => failures };
}

t.test('a Blob upload that fails once is retried', async (t) => {
  const h = await startHarness();
  t.teardown(() => h.stop());
  const proxy = await failingFirstUpload(new URL(h.azurite.blobEndpoint));
  t.teardown(() => new Promise<void>((resolve) => proxy.server.close(() => resolve())));
  const run = await runTarget(h, INPUT, { ...FAST, storage_endpoint: proxy.endpoint });
  t.equal(proxy.failed(), 1, 'the proxy failed one upload');
  await expectExactLoad(t, h, run);
  t.match(run.stderr, /uploading target-synapse\/[^ ]+\.csv\.gz failed \(attempt 1 of 9\), retrying in \d+ ms: could not upload .* HTTP 503/);
});

t.test('a terminal error ends the run with one line naming the stream, and no state past the last commit', async (t) => {
  // synapse-sim has no permission model: its error knob answers the refunds INSERT with 229 (permission
  // denied), a number the error table does not retry, as a pool where the login lost INSERT would.
  const h = await startHarness({ transientErrorRate: 1, transientErrorNumber: 229, faultStatementPattern: /^\s*INSERT INTO \[tap\]\.\[refunds\]/i });
  t.teardown(() => h.stop());
  const refunds = { type: 'SCHEMA', stream: 'refunds', key_properties: ['id'], schema: { type: 'object', properties: { id: { type: 'integer' }, amount: { type: 'integer' } } } };
  const run = await runTarget(h, [
    ORDERS_SCHEMA, order(1, 'one', ['a']), order(2, 'two', []), state(1),
    refunds, { type: 'RECORD', stream: 'refunds', record: { id: 1, amount: 5 } }, { type: 'RECORD', stream: 'refunds', record: { id: 2, amount: 7 } },
    { type: 'STATE', value: { bookmarks: { orders: { replication_key_value: 1 }, refunds: { replication_key_value: 2 } } } },
    order(3, 'three', []), order(4, 'four', []), state(2),
  ], { ...FAST, max_parallelism: 1 });
  t.equal(run.code, 1, 'exit code 1');
  const critical = run.stderr.split('\n').filter((l) => l.includes('CRITICAL'));
  t.equal(critical.length, 1, 'one CRITICAL line');
  t.match(critical[0], /CRITICAL target-synapse: stream refunds: batch 1 could not be loaded: Synapse error 229: .*\(in: INSERT INTO \[tap\]\.\[refunds\]/);
  t.notMatch(run.stderr, /unexpected failure|\n\s+at /, 'no stack trace');
  t.equal(retried(run), 0, 'a terminal error is not retried');
  t.same(run.stateLines, [JSON.stringify({ bookmarks: { orders: { replication_key_value: 1 } } })], 'only the state whose records committed');
  t.same(await h.query('SELECT COUNT(*) AS n FROM [tap].[refunds]'), [{ n: 0 }]);
  t.same(await h.query('SELECT COUNT(*) AS n FROM [tap].[orders]'), [{ n: 2 }], 'the batch before it stays committed');
});

t.test("a killed run's staged files are deleted by the next run once its lease lapses, and never loaded", async (t) => {
  const h = await startHarness({ transientErrorRate: 1, faultStatementPattern: /^\s*COPY\s+INTO\b/i });
  t.teardown(() => h.stop());
  // Every COPY is throttled and the first retry waits a minute: the run sits with its files uploaded.
  const child = await spawnTarget(h, { ...FAST, load_retry_delay_ms: 60_000 });
  const killed = collect(child);
  child.stdin.end(INPUT.map((line) => `${JSON.stringify(line)}\n`).join(''));
  const staged = (names: readonly string[]): readonly string[] => names.filter((n) => n.endsWith('.csv.gz'));
  for (let i = 0; i < 300 && staged(await h.blobNames()).length === 0; i += 1) await new Promise((r) => setTimeout(r, 100));
  child.kill('SIGKILL');
  await killed;
  const leftovers = staged(await h.blobNames());
  t.ok(leftovers.length > 0, 'the killed run left staged files');
  const clean = await startSynapseSim({ user: USER, password: PASSWORD, database: DATABASE, blobStore: { blobEndpoint: h.azurite.blobEndpoint } });
  t.teardown(() => clean.stop());
  await new Promise((r) => setTimeout(r, 16_000)); // the marker's 15 s lease lapses
  const run = await runTarget(h, INPUT, { ...FAST, port: clean.port });
  await expectExactLoad(t, h, run, queryAt(clean));
  t.same((await h.blobNames()).filter((n) => leftovers.includes(n)), [], "the killed run's files are gone");
  t.same(await h.blobNames(), [], 'nothing is left in the container');
  t.match(run.stderr, new RegExp(`deleted ${leftovers.length + 1} staged file\\(s\\) left by run [0-9TZ]+-[0-9a-f]{6}, which ended without cleaning up`));
});
