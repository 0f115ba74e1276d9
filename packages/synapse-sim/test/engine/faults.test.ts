// The fault knobs: statement counting across sessions, connection drops, seeded transient errors, drop during COPY.
import t from 'tap';
import { ConnectionDropFault, type CopyIntoHost } from '../../src/contract.js';
import { assertNoErrors, batch, errorMessage, errorNumber, harness, rowsOf } from './helpers.js';

t.test('dropConnectionAtStatement throws ConnectionDropFault before the Nth statement, counted across sessions', async (t) => {
  const h = await harness({ faults: { dropConnectionAtStatement: 4 } });
  t.teardown(() => h.close());
  const other = await h.open();
  assertNoErrors(await batch(h.session, 'CREATE TABLE [t] ([id] INT) WITH (HEAP)')); // 1
  assertNoErrors(await batch(other, 'BEGIN TRAN; INSERT INTO [t] ([id]) VALUES (1)')); // 2, 3
  const dropped = await batch(other, 'INSERT INTO [t] ([id]) VALUES (2)').then(() => undefined, (e: unknown) => e); // 4
  t.ok(dropped instanceof ConnectionDropFault);
  t.match(dropped, { where: 'at statement 4' });
  await other.close();
  t.same(rowsOf(await batch(h.session, 'SELECT COUNT(*) AS n FROM [t]')), [{ n: 0 }], 'the dropped session rolled back');
});

t.test('transientErrorRate fails statements with 40501 and the service-busy text, reproducibly by seed', async (t) => {
  const run = async (): Promise<readonly (number | undefined)[]> => {
    const h = await harness({ faults: { transientErrorRate: 0.5, seed: 7 } });
    const numbers: (number | undefined)[] = [];
    for (let i = 0; i < 20; i++) numbers.push(errorNumber(await batch(h.session, 'SELECT 1 AS one')));
    await h.close();
    return numbers;
  };
  const first = await run();
  t.same(await run(), first, 'same seed, same failures');
  t.ok(first.includes(40501) && first.includes(undefined), 'some fail, some succeed');
  const h = await harness({ faults: { transientErrorRate: 1, transientErrorNumber: 40613 } });
  t.teardown(() => h.close());
  const out = await batch(h.session, 'SELECT 1 AS one');
  t.equal(errorNumber(out), 40613);
  t.match(errorMessage(out), /^The service is currently busy\. Retry the request after 10 seconds\. Incident ID: .*\. Code: 40613\.$/);
});

t.test('COPY INTO goes to the injected copy engine with a working host; dropConnectionDuringCopy fires in beforeCopyCommit', async (t) => {
  const seen: string[] = [];
  const copyInto = async (text: string, host: CopyIntoHost): Promise<number> => {
    seen.push(text);
    const table = host.resolveTable('[#stg]');
    t.same(table.columns.map((c) => c.name), ['id', 'name']);
    const n = await host.runDuckdb(`INSERT INTO ${table.duckdbName} VALUES (1, 'a'), (2, 'b')`);
    host.beforeCopyCommit();
    return n;
  };
  const h = await harness({ copyInto, faults: { dropConnectionDuringCopy: 2 } });
  t.teardown(() => h.close());
  assertNoErrors(await batch(h.session, 'CREATE TABLE [#stg] ([id] INT, [name] NVARCHAR(10)) WITH (HEAP)'));
  const copy = "COPY INTO [#stg] FROM 'https://a.blob.core.windows.net/c/x.csv' WITH (FILE_TYPE = 'CSV')";
  t.same(await batch(h.session, copy), [{ kind: 'done', rowCount: 2 }]);
  t.same(seen, [copy]);
  const dropped = await batch(h.session, copy).then(() => undefined, (e: unknown) => e);
  t.match(dropped, { name: 'ConnectionDropFault', where: 'during COPY INTO 2' });
  const h2 = await harness({ copyInto: async (_text, host) => { host.resolveTable('[dbo].[missing]'); return 0; } });
  t.teardown(() => h2.close());
  t.equal(errorNumber(await batch(h2.session, copy)), 208);
});

t.test('faultStatementPattern: only matching statements are counted and faulted; TM requests count as their text', async (t) => {
  const h = await harness({ faults: { dropConnectionAtStatement: 2, faultStatementPattern: /^\s*COMMIT\b/i } });
  t.teardown(() => h.close());
  assertNoErrors(await batch(h.session, 'CREATE TABLE [t] ([id] INT) WITH (HEAP)'));
  for (let i = 0; i < 5; i++) assertNoErrors(await batch(h.session, 'SELECT 1 AS one'));
  await h.session.beginTransaction();
  assertNoErrors(await batch(h.session, 'INSERT INTO [t] ([id]) VALUES (1)'));
  await h.session.commit(); // COMMIT TRANSACTION: matching statement 1
  assertNoErrors(await batch(h.session, 'BEGIN TRAN; INSERT INTO [t] ([id]) VALUES (2)'));
  const dropped = await batch(h.session, 'COMMIT').then(() => undefined, (e: unknown) => e); // matching statement 2
  t.match(dropped, { name: 'ConnectionDropFault', where: 'at statement 2' });
  const other = await h.open();
  await h.session.close();
  t.same(rowsOf(await batch(other, 'SELECT [id] FROM [t]')), [{ id: 1 }], 'only the first transaction committed');
  const h2 = await harness({ faults: { transientErrorRate: 1, faultStatementPattern: /^INSERT/ } });
  t.teardown(() => h2.close());
  assertNoErrors(await batch(h2.session, 'CREATE TABLE [t] ([id] INT) WITH (HEAP)'));
  t.equal(errorNumber(await batch(h2.session, 'INSERT INTO [t] ([id]) VALUES (1)')), 40501);
  t.same(rowsOf(await batch(h2.session, 'SELECT COUNT(*) AS n FROM [t]')), [{ n: 0 }]);
});

t.test('slowStatementMs delays only the statements matching slowStatementPattern, TM requests by their text', async (t) => {
  const h = await harness({ faults: { slowStatementMs: 150, slowStatementPattern: /^\s*(INSERT|COMMIT)\b/i } });
  t.teardown(() => h.close());
  const timed = async (work: () => Promise<unknown>): Promise<number> => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  t.ok(await timed(() => batch(h.session, 'CREATE TABLE [t] ([id] INT) WITH (HEAP)')) < 100, 'DDL is not slowed');
  t.ok(await timed(() => batch(h.session, 'INSERT INTO [t] ([id]) VALUES (1)')) >= 140, 'INSERT waits');
  await h.session.beginTransaction();
  t.ok(await timed(() => h.session.commit()) >= 140, 'a COMMIT TRANSACTION request waits');
  t.same(rowsOf(await batch(h.session, 'SELECT [id] FROM [t]')), [{ id: 1 }], 'and then runs');
});
