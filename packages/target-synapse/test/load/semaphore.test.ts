// max_parallelism: at most that many loads run at once; close() waits for the running ones.
import t from 'tap';
import { Semaphore } from '../../src/load/semaphore.js';

t.test('at most `limit` tasks run at once, all of them run, and drain waits for the last', async (t) => {
  const slots = new Semaphore(2);
  let running = 0;
  let peak = 0;
  const done: number[] = [];
  const task = (i: number) => slots.run(async () => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, 5 + (i % 3) * 5));
    running -= 1;
    done.push(i);
    return i;
  });
  const all = Promise.all([0, 1, 2, 3, 4, 5, 6].map(task));
  await slots.drain();
  t.equal(done.length, 7, 'drain resolved after every task');
  t.same(await all, [0, 1, 2, 3, 4, 5, 6]);
  t.equal(peak, 2);
  await t.rejects(slots.run(async () => { throw new Error('boom'); }), { message: 'boom' });
  t.equal(await slots.run(async () => 'next'), 'next', 'a failed task frees its slot');
});
