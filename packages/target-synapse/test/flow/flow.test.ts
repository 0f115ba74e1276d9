import t from 'tap';
import { EventEmitter } from 'node:events';
import { SECRET_PASSWORD, SECRET_SAS, fakeDependencies, record, runLines, schema, send, startRun, state, until } from './fakes.js';

const users = (count: number, from = 1): object[] => Array.from({ length: count }, (_, index) => record('users', { id: from + index, name: `user ${from + index}` }));

t.test('a batch closes at batch_size_rows and the loads carry sequences 1, 2, 3', async (t) => {
  const harness = fakeDependencies();
  const run = await runLines(harness, [schema('users'), ...users(5)], { batch_size_rows: 2 });
  t.equal(run.error(), undefined);
  t.same(harness.loader.committed.map((batch) => [batch.sequence, batch.records]), [[1, 2], [2, 2], [3, 1]]);
  t.same(harness.loader.loads.flatMap((load) => load.records.map((written) => written.record.id)), [1, 2, 3, 4, 5], 'every record, in order');
});

t.test('a batch closes when its files reach batch_max_bytes', async (t) => {
  const harness = fakeDependencies();
  // The fake writer counts each record's JSON length, 24 bytes here: 72 bytes close a batch at its 3rd record.
  const run = await runLines(harness, [schema('users'), ...users(7)], { batch_max_bytes: 72 });
  t.equal(run.error(), undefined);
  t.same(harness.loader.committed.map((batch) => batch.records), [3, 3, 1]);
});

t.test('a batch older than max_batch_age_seconds is loaded and its state printed while the input stays open', async (t) => {
  const harness = fakeDependencies();
  let now = 1_000_000;
  const run = startRun(harness, { max_batch_age_seconds: 60 }, { now: () => now });
  send(run, schema('users'), ...users(2), state({ position: 2 }));
  await until(() => harness.writers[0]?.records === 2, 'two records buffered');
  now += 59_000;
  await new Promise((resolve) => setTimeout(resolve, 30));
  t.equal(harness.loader.loads.length, 0, 'not loaded before its age');
  now += 1_000;
  await until(() => run.stdout.lines.length === 1, 'the state after the aged batch');
  t.same(run.stdout.lines, ['{"position":2}']);
  t.equal(harness.loader.committed[0]?.records, 2);
  run.input.end();
  await run.done;
  t.equal(run.error(), undefined);
});

t.test('a state is printed only once the batch before it has committed, and the last line is the last state', async (t) => {
  const harness = fakeDependencies('manual');
  const run = startRun(harness, { batch_size_rows: 2 });
  send(run, schema('users'), state({ n: 0 }), ...users(2), state({ n: 2 }), ...users(1, 3), state({ n: 3 }));
  await until(() => harness.loader.loads.length === 1, 'the first load');
  t.same(run.stdout.lines, ['{"n":0}'], 'n=2 waits on the load of records 1-2');
  harness.loader.loads[0]!.commit();
  await until(() => run.stdout.lines.length === 2, 'n=2 printed');
  t.same(run.stdout.lines, ['{"n":0}', '{"n":2}'], 'n=3 waits on record 3, still buffered');
  run.input.end();
  await until(() => harness.loader.loads.length === 2, 'the last batch loads at end of input');
  t.equal(run.stdout.lines.length, 2, 'not before it commits');
  harness.loader.loads[1]!.commit();
  await run.done;
  t.equal(run.error(), undefined);
  t.same(run.stdout.lines, ['{"n":0}', '{"n":2}', '{"n":3}']);
});

t.test("a changed schema loads the old sink's records before the new table plan is made", async (t) => {
  const harness = fakeDependencies('manual');
  const run = startRun(harness);
  send(run, schema('users'), ...users(2), schema('users', ['id', 'name', 'email']));
  await until(() => harness.loader.loads.length === 1, 'the old batch loading');
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.same(harness.loader.calls, ['describe users', 'apply create-table', 'load users#1'], 'no describe for the new schema yet');
  harness.loader.loads[0]!.commit();
  send(run, record('users', { id: 3, name: 'c', email: 'c@example.com' }));
  run.input.end();
  await until(() => harness.loader.loads.length === 2, 'the new batch');
  harness.loader.loads[1]!.commit();
  await run.done;
  t.equal(run.error(), undefined);
  t.same(harness.loader.calls, ['describe users', 'apply create-table', 'load users#1', 'commit users#1', 'describe users', 'apply create-table', 'load users#2', 'commit users#2']);
  t.same(harness.loader.loads[1]!.batch.plan.root.columns.map((column) => column.name), ['id', 'name', 'email'], 'the new batch uses the new plan');
  t.match(run.stderr(), /stream users: new schema at input line 4; loading the records received under the previous one first/);
});

t.test('a repeated identical schema keeps the open batch', async (t) => {
  const harness = fakeDependencies();
  const run = await runLines(harness, [schema('users'), ...users(1), schema('users'), ...users(1, 2)]);
  t.equal(run.error(), undefined);
  t.same(harness.loader.committed.map((batch) => batch.records), [2]);
  t.equal(harness.loader.calls.filter((call) => call.startsWith('describe')).length, 1);
});

t.test('a changed key set retires the sink, and records must then carry the new keys', async (t) => {
  const harness = fakeDependencies();
  const run = await runLines(harness, [
    schema('users', ['id', 'name']),
    ...users(1),
    schema('users', ['id', 'name'], ['id', 'name']),
    record('users', { id: 2, name: 'b' }),
    record('users', { id: 3 }),
  ]);
  t.equal(String((run.error() as Error).message), 'input line 5: RECORD of stream "users" is missing key property "name" (key_properties ["id","name"]); every record must carry its keys');
  t.same(harness.loader.committed.map((batch) => batch.plan.keyProperties), [['id']], 'the batch under the old keys was loaded first');
  t.match(run.stderr(), /with key properties \["id","name"\] instead of \["id"\]/);
});

t.test('ACTIVATE_VERSION runs after the stream has drained, and the state after it waits for it', async (t) => {
  const harness = fakeDependencies('manual');
  const run = startRun(harness);
  send(run, schema('users'), record('users', { id: 1 }), { type: 'ACTIVATE_VERSION', stream: 'users', version: 7 }, state({ v: 7 }));
  await until(() => harness.loader.loads.length === 1, 'the batch before the activation');
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.same(harness.loader.activations, [], 'not while the batch loads');
  t.same(run.stdout.lines, []);
  harness.loader.loads[0]!.commit();
  run.input.end();
  await run.done;
  t.equal(run.error(), undefined);
  t.same(harness.loader.calls.slice(-3), ['load users#1', 'commit users#1', 'activate users 7']);
  t.same(run.stdout.lines, ['{"v":7}']);
});

t.test('records carry an increasing arrival ordinal, receive time, extraction time and table version to the writer', async (t) => {
  const harness = fakeDependencies();
  await runLines(harness, [
    schema('users'),
    { type: 'RECORD', stream: 'users', record: { id: 1 }, time_extracted: '2024-01-01T00:00:00Z', version: 5 },
    record('users', { id: 2 }),
  ]);
  const metas = harness.writers[0]!.written.map((written) => written.meta);
  t.same(metas.map((meta) => meta.ordinal), [1, 2]);
  t.equal(metas[0]!.extractedAt, '2024-01-01T00:00:00Z');
  t.equal(metas[0]!.tableVersion, 5);
  t.notOk('extractedAt' in metas[1]!);
  t.match(metas[1]!.receivedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

t.test('overwrite replaces the table contents with the first batch of the run only', async (t) => {
  const harness = fakeDependencies();
  await runLines(harness, [schema('users'), ...users(3)], { load_method: 'overwrite', batch_size_rows: 2 });
  t.same(harness.loader.committed.map((batch) => batch.replaceContents), [true, false]);
  const upsert = fakeDependencies();
  await runLines(upsert, [schema('users'), ...users(1)]);
  t.same(upsert.loader.committed.map((batch) => batch.replaceContents), [false]);
});

t.test('streams load in parallel up to max_parallelism while each stream commits in order', async (t) => {
  const harness = fakeDependencies('manual');
  const run = startRun(harness, { batch_size_rows: 1, max_parallelism: 2 });
  send(run, schema('a', ['id']), schema('b', ['id']), schema('c', ['id']));
  send(run, record('a', { id: 1 }), record('a', { id: 2 }), record('b', { id: 1 }), record('c', { id: 1 }));
  await until(() => harness.loader.loads.length === 2, 'two loads');
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.same(harness.loader.loads.map((load) => `${load.batch.plan.stream}#${load.batch.sequence}`), ['a#1', 'b#1'], 'a#2 waits for a#1; c waits for a slot');
  harness.loader.loads[0]!.commit();
  await until(() => harness.loader.loads.length === 3, 'a third load');
  t.equal(`${harness.loader.loads[2]!.batch.plan.stream}#${harness.loader.loads[2]!.batch.sequence}`, 'a#2');
  run.input.end();
  for (let index = 1; index < 4; index += 1) {
    await until(() => harness.loader.loads.length > index, `load ${index + 1}`);
    harness.loader.loads[index]!.commit();
  }
  await run.done;
  t.equal(run.error(), undefined);
  t.equal(harness.loader.peakRunning, 2);
});

t.test('reading stops while the load queue is full, so part files do not pile up', async (t) => {
  const harness = fakeDependencies('manual');
  // max_parallelism 1: one load runs and two closed batches wait; the reader then waits on the queue.
  const run = startRun(harness, { batch_size_rows: 1, max_parallelism: 1 });
  send(run, schema('users'), ...users(20));
  await until(() => harness.loader.loads.length === 1, 'the first load');
  await new Promise((resolve) => setTimeout(resolve, 30));
  t.equal(harness.writers.length, 4, 'one batch loading, two queued, one being handed over; 16 records unread');
  for (let index = 0; index < 20; index += 1) {
    await until(() => harness.loader.loads.length > index, `load ${index + 1}`);
    harness.loader.loads[index]!.commit();
    if (index === 0) run.input.end();
  }
  await run.done;
  t.equal(run.error(), undefined);
  t.equal(harness.loader.committed.length, 20);
});

t.test('SIGTERM loads what was received, prints the final state and ends the run normally', async (t) => {
  const harness = fakeDependencies();
  const signals = new EventEmitter();
  const run = startRun(harness, {}, { signals });
  send(run, schema('users'), ...users(3), state({ n: 3 }));
  await until(() => harness.writers[0]?.records === 3, 'three records buffered');
  t.same(run.stdout.lines, [], 'nothing printed before the records commit');
  signals.emit('SIGTERM');
  await run.done;
  t.equal(run.error(), undefined, 'a signal is not a failure');
  t.equal(harness.loader.committed[0]?.records, 3);
  t.same(run.stdout.lines, ['{"n":3}']);
  t.match(run.stderr(), /SIGTERM received: loading what was received/);
  t.equal(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT'), 0, 'signal handlers removed');
});

t.test('SIGINT drains the same way', async (t) => {
  const harness = fakeDependencies();
  const signals = new EventEmitter();
  const run = startRun(harness, {}, { signals });
  send(run, schema('users'), ...users(1), state({ n: 1 }));
  await until(() => harness.writers[0]?.records === 1, 'a record buffered');
  signals.emit('SIGINT');
  await run.done;
  t.equal(run.error(), undefined);
  t.same(run.stdout.lines, ['{"n":1}']);
});

t.test('a failed load ends the run with its error, even while the tap sends nothing, and prints no later state', async (t) => {
  const harness = fakeDependencies('manual');
  const run = startRun(harness, { batch_size_rows: 1 });
  send(run, schema('users'), state({ n: 0 }), ...users(1), state({ n: 1 }));
  await until(() => harness.loader.loads.length === 1, 'the load');
  harness.loader.loads[0]!.fail(new Error('COPY INTO failed: permission denied'));
  await run.done;
  t.match(String(run.error()), /COPY INTO failed: permission denied/);
  t.same(run.stdout.lines, ['{"n":0}']);
  t.ok(harness.loader.closed);
});

t.test('progress and a summary per stream go to stderr, stdout holds state lines only', async (t) => {
  const harness = fakeDependencies();
  const run = await runLines(harness, [schema('users'), ...users(3), state({ n: 3 }), schema('teams', ['id']), record('teams', { id: 1 })], { batch_size_rows: 2 }, { progressIntervalMs: 0 });
  t.match(run.stderr(), /summary: stream users: 3 records received \(\d+\/s\), 2 batch\(es\) loaded with 3 rows/);
  t.match(run.stderr(), /summary: stream teams: 1 records received/);
  t.match(run.stderr(), /METRIC: \{"type":"counter","metric":"record_count","value":3,"tags":\{"stream":"users"\}\}/);
  t.same(run.stdout.lines, ['{"n":3}']);
  t.match(run.stderr(), /INFO target-synapse: loading into 127\.0\.0\.1:1433\/warehouse, schema dbo, staged in devstoreaccount1\/staging \(blob, sas\); upsert; batches of 2 records/);
  for (const secret of [SECRET_PASSWORD, SECRET_SAS]) t.notOk(run.stderr().includes(secret) || run.stdout.text.includes(secret), 'no secret in any output');
});

t.test("a stream's bookmark advances once its batch commits while another stream still buffers", async (t) => {
  const harness = fakeDependencies('manual');
  const run = startRun(harness, { batch_size_rows: 2 });
  const bookmarks = (users: number, teams: number): object => ({ bookmarks: { users: { replication_key_value: users }, teams: { replication_key_value: teams } } });
  send(run, schema('users'), schema('teams', ['id']), state(bookmarks(0, 0)));
  send(run, record('teams', { id: 1 }), ...users(2), state(bookmarks(2, 1)));
  await until(() => harness.loader.loads.length === 1, 'the users batch, full at 2 records');
  harness.loader.loads[0]!.commit();
  await until(() => run.stdout.lines.length === 2, 'the users bookmark');
  t.same(run.stdout.lines.map((line) => JSON.parse(line)), [bookmarks(0, 0), bookmarks(2, 0)], 'teams keeps its committed bookmark');
  run.input.end();
  await until(() => harness.loader.loads.length === 2, 'the teams batch at end of input');
  harness.loader.loads[1]!.commit();
  await run.done;
  t.same(JSON.parse(run.stdout.lines.at(-1)!), bookmarks(2, 1), 'the last line is the last state sent');
});

t.test('a batch whose strings outgrew their columns grows them before it loads, on the grown plan', async (t) => {
  const harness = fakeDependencies();
  const dependencies = {
    ...harness.dependencies,
    growForLengths: (plan: Parameters<typeof harness.dependencies.growForLengths>[0]) => {
      const grown = { ...plan, root: { ...plan.root, index: 'heap' as const, columns: plan.root.columns.map((column) => ({ ...column, type: { kind: 'nvarchar' as const, length: 'max' as const } })) } };
      return { plan: grown, changes: [{ kind: 'alter-column' as const, schema: 'dbo', table: 'users', column: grown.root.columns[1]!, from: plan.root.columns[1]!.type }] };
    },
  };
  const run = await runLines({ ...harness, dependencies }, [schema('users'), ...users(1)]);
  t.equal(run.error(), undefined);
  t.same(harness.loader.calls.slice(2), ['apply alter-column', 'load users#1', 'commit users#1']);
  t.same(harness.loader.committed[0]!.plan.root.columns[1]!.type, { kind: 'nvarchar', length: 'max' });
});

t.test("the next batch's columns grow from the plan the previous batch grew to", async (t) => {
  const harness = fakeDependencies();
  const seen: number[] = [];
  const dependencies = {
    ...harness.dependencies,
    growForLengths: (plan: Parameters<typeof harness.dependencies.growForLengths>[0]) => {
      const length = plan.root.columns[1]!.type.kind === 'nvarchar' ? plan.root.columns[1]!.type.length : 0;
      seen.push(length === 'max' ? -1 : length);
      const columns = plan.root.columns.map((column, index) => (index === 1 ? { ...column, type: { kind: 'nvarchar' as const, length: Number(length) * 2 } } : column));
      return { plan: { ...plan, root: { ...plan.root, columns } }, changes: [] };
    },
  };
  await runLines({ ...harness, dependencies }, [schema('users'), ...users(3)], { batch_size_rows: 1 });
  t.same(seen, [4000, 8000, 16000]);
});

t.test('a bad input line lets running loads finish, starts no queued one, then closes the loader', async (t) => {
  const harness = fakeDependencies('manual');
  const run = startRun(harness, { batch_size_rows: 1, max_parallelism: 1 });
  send(run, schema('users'), ...users(2), record('users', { name: 'no key' }));
  await until(() => harness.loader.loads.length === 1, 'the first load');
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.notOk(harness.loader.closed, 'not closed while a load runs');
  harness.loader.loads[0]!.commit();
  await run.done;
  t.match(String(run.error()), /input line 4: RECORD of stream "users" is missing key property "id"/);
  t.equal(harness.loader.loads.length, 1, 'the queued batch never loads');
  t.ok(harness.loader.closed);
});

t.test('a state is printed with its numbers exactly as the tap sent them', async (t) => {
  const harness = fakeDependencies();
  const run = startRun(harness);
  const value = '{"bookmarks":{"users":{"replication_key_value":12345678901234567890,"ratio":0.10000000000000000001}}}';
  run.input.end(`${JSON.stringify(schema('users'))}\n{"type":"RECORD","stream":"users","record":{"id":1}}\n{"type":"STATE","value":${value}}\n`);
  await run.done;
  t.same(run.stdout.lines, [value]);
});
