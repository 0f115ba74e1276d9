// Reading waits while a sink's text waits for gzip (src/flow/sink.ts PENDING_BYTES_LIMIT), so memory has a ceiling
// whatever the batch size; and while the load queue is full, so it has one whatever the warehouse's speed.
import t from 'tap';
import { PENDING_BYTES_LIMIT } from '../../src/flow/sink.js';
import { fakeDependencies, record, schema, send, startRun, state, until } from './fakes.js';

const users = (count: number, from = 1): object[] => Array.from({ length: count }, (_, index) => record('users', { id: from + index, name: `user ${from + index}` }));
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 60));

t.test('reading stops while the open batch has more than PENDING_BYTES_LIMIT waiting for gzip, and resumes once it drained', async (t) => {
  const harness = fakeDependencies();
  const run = startRun(harness);
  send(run, schema('users'), ...users(1));
  await until(() => harness.writers[0]?.records === 1, 'the first record');
  const writer = harness.writers[0]!;
  writer.pendingBytes = PENDING_BYTES_LIMIT + 1;
  send(run, ...users(199, 2), state({ n: 200 }));
  await until(() => writer.drainWaits > 0, 'the sink waiting for gzip');
  await settle();
  t.equal(writer.records, 64, 'no record read past the check while gzip is behind');
  writer.catchUp();
  await until(() => writer.records === 200, 'the rest of the input');
  run.input.end();
  await run.done;
  t.equal(run.error(), undefined);
  t.equal(harness.loader.committed[0]?.records, 200, 'every record loaded');
  t.same(run.stdout.lines, ['{"n":200}']);
});

t.test('below the limit, records are buffered without waiting', async (t) => {
  const harness = fakeDependencies();
  const run = startRun(harness);
  send(run, schema('users'), ...users(1));
  await until(() => harness.writers[0]?.records === 1, 'the first record');
  harness.writers[0]!.pendingBytes = PENDING_BYTES_LIMIT - 1;
  send(run, ...users(199, 2));
  await until(() => harness.writers[0]!.records === 200, 'every record');
  t.equal(harness.writers[0]!.drainWaits, 0);
  run.input.end();
  await run.done;
});

t.test('reading stops while the load queue is full (a slow warehouse) and resumes as loads commit', async (t) => {
  const harness = fakeDependencies('manual');
  // max_parallelism 1: one load runs, two closed batches wait (target.ts queueCapacity), the reader waits on the next.
  const run = startRun(harness, { batch_size_rows: 10, max_parallelism: 1 });
  send(run, schema('users'), ...users(100));
  await until(() => harness.loader.loads.length === 1, 'the first load');
  await settle();
  const read = (): number => harness.writers.reduce((n, w) => n + w.records, 0);
  t.equal(read(), 40, 'one batch loading, two queued, one full and waiting for room: nothing more read');
  harness.loader.loads[0]!.commit();
  await until(() => read() === 50, 'one more batch read once a load committed');
  harness.loader.mode = 'auto';
  for (const load of harness.loader.loads) load.commit();
  run.input.end();
  await run.done;
  t.equal(run.error(), undefined);
});
