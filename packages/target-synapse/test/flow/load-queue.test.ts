import t from 'tap';
import { LoadQueue } from '../../src/flow/load-queue.js';

interface Gate {
  readonly promise: Promise<void>;
  readonly open: () => void;
  readonly fail: (error: Error) => void;
}

function gate(): Gate {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A queue whose jobs log start and end and wait for the test to let them finish. */
function tracked(options: { maxParallelism: number; capacity: number }) {
  const queue = new LoadQueue(options);
  const log: string[] = [];
  const gates = new Map<string, Gate>();
  let running = 0;
  let peak = 0;
  const add = (stream: string, name: string): Promise<void> => {
    const g = gate();
    gates.set(name, g);
    return queue.enqueue(stream, async () => {
      running += 1;
      peak = Math.max(peak, running);
      log.push(`start ${name}`);
      try {
        await g.promise;
      } finally {
        running -= 1;
        log.push(`end ${name}`);
      }
    });
  };
  return { queue, log, add, finish: (name: string) => gates.get(name)!.open(), fail: (name: string, error: Error) => gates.get(name)!.fail(error), peak: () => peak };
}

t.test("one stream's batches run one at a time, in the order they were queued", async (t) => {
  const q = tracked({ maxParallelism: 4, capacity: 10 });
  await q.add('users', 'u1');
  await q.add('users', 'u2');
  await q.add('users', 'u3');
  await tick();
  t.same(q.log, ['start u1'], 'u2 waits for u1 although slots are free');
  q.finish('u1');
  await tick();
  q.finish('u2');
  await tick();
  q.finish('u3');
  await q.queue.drain();
  t.same(q.log, ['start u1', 'end u1', 'start u2', 'end u2', 'start u3', 'end u3']);
});

t.test('different streams load in parallel up to max_parallelism, never more', async (t) => {
  const q = tracked({ maxParallelism: 2, capacity: 10 });
  for (const stream of ['a', 'b', 'c', 'd']) await q.add(stream, stream);
  await tick();
  t.same(q.log, ['start a', 'start b']);
  q.finish('b');
  await tick();
  t.same(q.log, ['start a', 'start b', 'end b', 'start c'], 'a freed slot goes to the next waiting stream');
  q.finish('a');
  q.finish('c');
  await tick();
  q.finish('d');
  await q.queue.drain();
  t.equal(q.peak(), 2);
  t.equal(q.queue.peakParallelism, 2);
});

t.test('a stream busy loading does not block other streams queued behind it', async (t) => {
  const q = tracked({ maxParallelism: 2, capacity: 10 });
  await q.add('a', 'a1');
  await q.add('a', 'a2');
  await q.add('b', 'b1');
  await tick();
  t.same(q.log, ['start a1', 'start b1']);
  q.finish('a1');
  q.finish('b1');
  await tick();
  q.finish('a2');
  await q.queue.drain();
});

t.test('enqueue waits while capacity jobs are waiting, so the reader stops', async (t) => {
  const q = tracked({ maxParallelism: 1, capacity: 2 });
  await q.add('a', 'a1'); // runs
  await q.add('a', 'a2'); // waits
  await q.add('a', 'a3'); // waits: the queue is now full
  let accepted = false;
  const fourth = q.add('a', 'a4').then(() => (accepted = true));
  await tick();
  await tick();
  t.equal(accepted, false, 'the fourth job is not accepted while two wait');
  t.equal(q.queue.waitingJobs, 2);
  q.finish('a1');
  await fourth;
  t.equal(accepted, true, 'accepted once a1 finished and a2 started');
  t.equal(q.queue.waitingJobs, 2);
  q.finish('a2');
  await tick();
  q.finish('a3');
  await tick();
  q.finish('a4');
  await q.queue.drain();
});

t.test("drain of one stream waits for that stream's jobs only", async (t) => {
  const q = tracked({ maxParallelism: 2, capacity: 10 });
  await q.add('a', 'a1');
  await q.add('b', 'b1');
  let drained = false;
  const drain = q.queue.drain('a').then(() => (drained = true));
  q.finish('a1');
  await drain;
  t.equal(drained, true);
  t.same(q.log, ['start a1', 'start b1', 'end a1'], 'b1 still running');
  q.finish('b1');
  await q.queue.drain();
});

t.test('after a failed job nothing more starts, and enqueue and drain report the error', async (t) => {
  const failures: unknown[] = [];
  const queue = new LoadQueue({ maxParallelism: 1, capacity: 5, onFailure: (error) => failures.push(error) });
  const started: string[] = [];
  await queue.enqueue('a', async () => {
    started.push('a1');
    throw new Error('COPY INTO failed');
  });
  await queue.enqueue('a', async () => {
    started.push('a2');
  });
  await t.rejects(queue.drain(), /COPY INTO failed/);
  await t.rejects(queue.enqueue('b', async () => undefined), /COPY INTO failed/);
  t.same(started, ['a1']);
  t.equal(failures.length, 1);
  await queue.cancel();
});

t.test('cancel drops the jobs not started and resolves once the running ones finish', async (t) => {
  const q = tracked({ maxParallelism: 1, capacity: 5 });
  await q.add('a', 'a1');
  await q.add('b', 'b1');
  await tick();
  let cancelled = false;
  const cancel = q.queue.cancel().then(() => (cancelled = true));
  await tick();
  t.equal(cancelled, false, 'a1 still runs');
  q.finish('a1');
  await cancel;
  t.same(q.log, ['start a1', 'end a1'], 'b1 never starts');
});
