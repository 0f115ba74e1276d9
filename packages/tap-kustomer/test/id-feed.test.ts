// (no server) The ids a parent stream hands its child while it runs: every id once, in order, whether pushed
// before or while the child reads; the child ends when the parent does, and fails when the parent fails.
import t from 'tap';
import { IdFeed } from '../src/sync/id-feed.js';

async function readAll(feed: IdFeed): Promise<string[]> {
  const out: string[] = [];
  for await (const id of feed) out.push(id);
  return out;
}

t.test('ids pushed before and while the child reads arrive in order, and the child ends when the parent does', async (t) => {
  const feed = new IdFeed();
  feed.push('a');
  const read = readAll(feed);
  await new Promise((resolve) => setImmediate(resolve));
  feed.push('b');
  feed.push('c');
  await new Promise((resolve) => setImmediate(resolve));
  feed.push('d');
  feed.end();
  t.same(await read, ['a', 'b', 'c', 'd']);
});

t.test('a parent that fails ends the child with its error', async (t) => {
  const feed = new IdFeed();
  feed.push('a');
  const read = readAll(feed);
  await new Promise((resolve) => setImmediate(resolve));
  feed.fail(new Error('search failed'));
  await t.rejects(read, { message: 'search failed' });
});
