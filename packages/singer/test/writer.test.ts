import t from 'tap';
import { Writable } from 'node:stream';
import { OutputClosedError } from '../src/errors.js';
import { LineWriter } from '../src/writer.js';
import { collectingSink } from './fixtures/streams.js';

t.test('a slow consumer makes the writer wait instead of buffering without bound', async (t) => {
  let received = 0;
  let stalled = true;
  const held: (() => void)[] = [];
  const slow = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk, _encoding, done) {
      received += chunk.length;
      if (stalled) held.push(done); // the consumer does not read until the test lets it
      else done();
    },
  });
  const writer = new LineWriter(slow);
  const record = `{"type":"RECORD","stream":"s","record":{"pad":"${'x'.repeat(1000)}"}}`;
  let waitedAt: number | undefined;
  for (let i = 0; i < 10_000; i += 1) {
    const wait = writer.writeLine(record);
    if (wait) {
      waitedAt = i;
      break;
    }
  }
  t.ok(waitedAt !== undefined, 'the writer asked its producer to wait');
  t.ok(waitedAt! < 200, `it asked within the first chunks (after ${waitedAt} lines), not after buffering everything`);
  t.ok(slow.writableLength < 256 * 1024, 'at most a few chunks are in flight');
  stalled = false;
  for (const done of held.splice(0)) done();
  await writer.flush();
  t.equal(received, (waitedAt! + 1) * (record.length + 1), 'every line arrives once the consumer catches up');
});

t.test('the promise to wait stays pending while the consumer is stalled and settles only once it drains', async (t) => {
  const held: (() => void)[] = [];
  const stalled = new Writable({
    highWaterMark: 16 * 1024,
    write(_chunk, _encoding, done) {
      held.push(done);
    },
  });
  const writer = new LineWriter(stalled);
  let wait: Promise<void> | undefined;
  for (let i = 0; i < 10_000 && !wait; i += 1) wait = writer.writeLine('x'.repeat(1000));
  t.ok(wait, 'the writer asked its producer to wait');
  const events: string[] = [];
  void wait!.then(() => events.push('settled'), () => events.push('rejected'));
  for (let turn = 0; turn < 5; turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setTimeout(resolve, 50));
  t.same(events, [], 'still pending after several turns of the event loop and 50 ms with the consumer stalled');
  stalled.on('drain', () => events.push('drain'));
  while (held.length > 0) held.shift()!();
  await wait;
  t.same(events, ['drain', 'settled'], 'it settles after the stream drains, not before');
});

t.test('flush hands every queued line to the stream', async (t) => {
  const { sink, text } = collectingSink();
  const writer = new LineWriter(sink);
  writer.writeLine('{"a":1}');
  writer.writeLine('{"b":2}');
  t.equal(text(), '', 'small lines wait for a chunk');
  await writer.flush();
  t.equal(text(), '{"a":1}\n{"b":2}\n');
});

t.test('flush rejects instead of hanging when the stream failed or was closed', async (t) => {
  const failing = new Writable({
    highWaterMark: 8,
    write(_chunk, _encoding, done) {
      done(new Error('EPIPE: the consumer went away'));
    },
  });
  failing.on('error', () => {});
  const writer = new LineWriter(failing);
  writer.writeLine('{"a":1}');
  await t.rejects(writer.flush(), { message: 'EPIPE: the consumer went away' });
  writer.writeLine('{"b":2}');
  await t.rejects(withTimeout(writer.flush()), { message: /EPIPE: the consumer went away|destroyed|closed/ }, 'a second flush fails too');

  const { sink } = collectingSink();
  sink.destroy();
  const closed = new LineWriter(sink);
  closed.writeLine('{"c":3}');
  await t.rejects(withTimeout(closed.flush()), { message: /destroyed|closed/ });
});

t.test('a write that must wait rejects when the stream closes before draining', async (t) => {
  const stuck = new Writable({ highWaterMark: 8, write() {} }); // never calls back, so never drains
  const writer = new LineWriter(stuck);
  let wait: Promise<void> | undefined;
  for (let i = 0; i < 10_000 && !wait; i += 1) wait = writer.writeLine('x'.repeat(1000));
  t.ok(wait, 'the writer asked to wait');
  stuck.destroy();
  await t.rejects(withTimeout(wait!), { message: /closed/ });
});

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out: hung')), 2000).unref())]);
}

t.test('a reader that closes the pipe (EPIPE) ends in one OutputClosedError, not an uncaught stream error', async (t) => {
  const epipe = (): NodeJS.ErrnoException => Object.assign(new Error('write EPIPE'), { code: 'EPIPE', errno: -32, syscall: 'write' });
  const gone = new Writable({ write: (_chunk, _encoding, done) => done(epipe()) });
  const writer = new LineWriter(gone);
  writer.writeLine('{"type":"STATE","value":{}}');
  const error = await writer.flush().then(() => undefined, (e: unknown) => e);
  t.ok(error instanceof OutputClosedError, 'the write rejects with the one-line user error');
  t.equal((error as Error).message, "stdout was closed by the program reading it (EPIPE); stopping. Check that program's own errors");
  t.equal(gone.listenerCount('error') > 0, true, 'the stream error has a listener, so it cannot crash the process');
});
