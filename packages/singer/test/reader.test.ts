import t from 'tap';
import { PassThrough } from 'node:stream';
import { InputError } from '../src/errors.js';
import type { Message, RecordMessage } from '../src/messages.js';
import { stringifyJson } from '../src/exact-json.js';
import { openInput, parseLine, readLines, readMessageBatches, readMessages, type ReadMessage } from '../src/reader.js';
import { LineWriter } from '../src/writer.js';
import { collectingSink, readableOf } from './fixtures/streams.js';

async function readAll(text: string): Promise<ReadMessage[]> {
  const out: ReadMessage[] = [];
  for await (const item of readMessages(readableOf(text))) out.push(item);
  return out;
}

const EVERY_TYPE: readonly Message[] = [
  { type: 'SCHEMA', stream: 'users', schema: { type: 'object', properties: { id: { type: 'integer' }, updated_at: { type: 'string', format: 'date-time' } } }, key_properties: ['id'], bookmark_properties: ['updated_at'] },
  { type: 'RECORD', stream: 'users', record: { id: 1, name: 'Zoë' }, time_extracted: '2017-11-20T16:45:33.000000Z', version: 1674486431563 },
  { type: 'STATE', value: { bookmarks: { users: { replication_key: 'updated_at', replication_key_value: '2024-01-01T00:00:00Z' } } } },
  { type: 'ACTIVATE_VERSION', stream: 'users', version: 1674486431563 },
  { type: 'BATCH', stream: 'users', encoding: { format: 'jsonl', compression: 'gzip' }, manifest: ['file:///tmp/batch-1.jsonl.gz'] },
];

t.test('every message type survives a write then a read unchanged', async (t) => {
  const { sink, text: written } = collectingSink();
  const writer = new LineWriter(sink);
  for (const message of EVERY_TYPE) await writer.writeMessage(message);
  await writer.flush();
  const read = await readAll(written());
  t.same(read.map((item) => item.message), EVERY_TYPE);
  t.same(read.map((item) => item.lineNumber), [1, 2, 3, 4, 5]);
});

t.test('blank lines are skipped but still counted in line numbers', async (t) => {
  const read = await readAll('\n{"type":"STATE","value":{}}\n   \n\n{"type":"STATE","value":1}');
  t.same(read.map((item) => item.lineNumber), [2, 5]);
});

t.test('the message type is matched case-insensitively', async (t) => {
  t.equal(parseLine('{"type":"state","value":{}}', 1).type, 'STATE');
});

t.test('a malformed line is reported with its line number', async (t) => {
  const text = '{"type":"STATE","value":{}}\n{"type":"STATE","value":{}}\n{"type": "RECORD", oops}\n';
  const error = await readAll(text).then(() => undefined, (caught: unknown) => caught);
  t.ok(error instanceof InputError, 'an InputError');
  t.equal((error as InputError).lineNumber, 3);
  t.match((error as Error).message, /^input line 3: not valid JSON \(.+\); each line must be one Singer message$/);
});

t.test('a RECORD without "stream" names the line and the missing key', async (t) => {
  t.throws(() => parseLine('{"type":"RECORD","record":{"id":1}}', 7), {
    message: 'input line 7: RECORD message is missing "stream"',
  });
});

t.test('an unknown message type is an error naming it', async (t) => {
  t.throws(() => parseLine('{"type":"HELLO"}', 2), {
    message: 'input line 2: unknown message type "HELLO" (expected one of SCHEMA, RECORD, STATE, ACTIVATE_VERSION, BATCH)',
  });
});

t.test('required keys of each type are checked', async (t) => {
  t.throws(() => parseLine('{"type":"SCHEMA","stream":"s","schema":{"type":"object"}}', 1), { message: /has no "properties"/ });
  t.throws(() => parseLine('{"stream":"s"}', 1), { message: 'input line 1: message has no "type"' });
  t.throws(() => parseLine('{"type":"STATE"}', 1), { message: 'input line 1: STATE message is missing "value"' });
  t.throws(() => parseLine('{"type":"RECORD","stream":"s","record":[1]}', 1), { message: 'input line 1: RECORD "record" must be a JSON object' });
  t.throws(() => parseLine('{"type":"ACTIVATE_VERSION","stream":"s"}', 1), { message: /missing "version"/ });
  t.throws(() => parseLine('{"type":"BATCH","stream":"s","encoding":{"format":"jsonl"}}', 1), { message: /missing "manifest"/ });
  t.throws(() => parseLine('[1,2]', 4), { message: 'input line 4: a Singer message must be a JSON object' });
});

t.test('a SCHEMA without key_properties means no key, as the Meltano SDK reads it', async (t) => {
  const message = parseLine('{"type":"SCHEMA","stream":"s","schema":{"properties":{}}}', 1);
  t.same(message, { type: 'SCHEMA', stream: 's', schema: { properties: {} }, key_properties: [] });
});

t.test('CRLF line ends and a last line without a newline are read with the right line numbers', async (t) => {
  const read = await readAll('{"type":"STATE","value":1}\r\n\r\n{"type":"STATE","value":2}\r\n{"type":"STATE","value":3}');
  t.same(read.map((item) => [item.lineNumber, item.message]), [
    [1, { type: 'STATE', value: 1 }],
    [3, { type: 'STATE', value: 2 }],
    [4, { type: 'STATE', value: 3 }],
  ]);
});

t.test('a UTF-8 byte order mark before the first line is ignored', async (t) => {
  const read = await readAll('\uFEFF{"type":"STATE","value":1}\n{"type":"STATE","value":2}\n');
  t.same(read.map((item) => item.message), [{ type: 'STATE', value: 1 }, { type: 'STATE', value: 2 }]);
});

t.test('a byte order mark on a later line is still an error naming the line', async (t) => {
  const error = await readAll('{"type":"STATE","value":1}\n\uFEFF{"type":"STATE","value":2}\n').then(() => undefined, (caught: unknown) => caught);
  t.ok(error instanceof InputError);
  t.equal((error as InputError).lineNumber, 2);
});

t.test('a line longer than a stream chunk and multi-byte characters split across chunks are read whole', async (t) => {
  const name = 'Zoë🙂'.repeat(40_000);
  const line = JSON.stringify({ type: 'RECORD', stream: 's', record: { name } });
  const bytes = Buffer.from(`${line}\n`, 'utf8');
  const source = new PassThrough();
  for (let at = 0; at < bytes.length; at += 1001) source.write(bytes.subarray(at, at + 1001)); // 1001 splits characters
  source.end();
  const read: ReadMessage[] = [];
  for await (const item of readMessages(source)) read.push(item);
  t.equal(read.length, 1);
  t.equal((read[0]?.message as RecordMessage | undefined)?.record.name, name);
});

t.test('an error of the input stream ends the reading with that error', async (t) => {
  const source = new PassThrough();
  source.write('{"type":"STATE","value":1}\n');
  setImmediate(() => source.destroy(new Error('EIO: disk went away')));
  const seen: number[] = [];
  const error = await (async () => {
    for await (const item of readMessages(source)) seen.push(item.lineNumber);
  })().then(() => undefined, (caught: unknown) => caught);
  t.same(seen, [1]);
  t.match((error as Error)?.message, 'EIO: disk went away');
});

t.test('reading a line is linear in its length, not quadratic (split2 alone re-split the whole line per chunk)', async (t) => {
  const seconds = async (megabytes: number): Promise<number> => {
    const line = Buffer.from(`${JSON.stringify({ type: 'RECORD', stream: 's', record: { pad: 'x'.repeat(megabytes * 1e6) } })}\n`);
    const source = new PassThrough({ highWaterMark: 64 * 1024 });
    const started = process.hrtime.bigint();
    const reading = (async () => {
      for await (const item of readMessages(source)) t.equal(item.lineNumber, 1);
    })();
    for (let at = 0; at < line.length; at += 64 * 1024) {
      if (!source.write(line.subarray(at, at + 64 * 1024))) await new Promise((resolve) => source.once('drain', resolve));
    }
    source.end();
    await reading;
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  const small = await seconds(4);
  const large = await seconds(32);
  // Linear means about 8x; quadratic was about 60x (1.2 s for 8 MB, 14 s for 32 MB).
  t.ok(large < Math.max(small * 24, 1.5), `32 MB took ${large.toFixed(2)} s, 4 MB took ${small.toFixed(2)} s`);
});

t.test('readLines gives the finished lines of each chunk, holding an unfinished one until its newline', async (t) => {
  const source = new PassThrough();
  const chunks: string[][] = [];
  const reading = (async () => {
    for await (const lines of readLines(source)) chunks.push(lines);
  })();
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  for (const chunk of ['ab', 'c', 'd\r\nef', '\n', '\n\ng\nh', 'tail']) {
    source.write(chunk);
    await settle();
  }
  source.end();
  await reading;
  t.same(chunks, [['abcd'], ['ef'], ['', '', 'g'], ['htail']]);
});

t.test('a bad line ends the reading after the messages before it in its chunk', async (t) => {
  const seen: number[] = [];
  const error = await (async () => {
    for await (const batch of readMessageBatches(readableOf('{"type":"STATE","value":1}\n{"type":"STATE","value":2}\nnot json\n{"type":"STATE","value":4}\n'))) {
      for (const item of batch) seen.push(item.lineNumber);
    }
  })().then(() => undefined, (caught: unknown) => caught);
  t.same(seen, [1, 2]);
  t.match((error as InputError | undefined)?.message, /^input line 3: not valid JSON/);
});

t.test('openInput reads the --input file, or stdin when none is given', async (t) => {
  const dir = t.testdir({ 'in.singer': '{"type":"STATE","value":{"n":99999999999999999}}\n' });
  const read: ReadMessage[] = [];
  for await (const item of readMessages(openInput(`${dir}/in.singer`))) read.push(item);
  t.equal(read.length, 1);
  t.equal(stringifyJson(read[0]?.message), '{"type":"STATE","value":{"n":99999999999999999}}');
  t.equal(openInput(), process.stdin);
  const missing = await (async () => {
    for await (const _ of readMessages(openInput(`${dir}/missing.singer`))) t.fail('no line expected');
  })().then(() => undefined, (caught: unknown) => caught);
  t.match((missing as NodeJS.ErrnoException)?.code, 'ENOENT');
});

t.test('stopping early closes the input instead of leaving it open', async (t) => {
  const source = new PassThrough();
  source.write('{"type":"STATE","value":1}\n{"type":"STATE","value":2}\n');
  for await (const item of readMessages(source)) {
    t.equal(item.lineNumber, 1);
    break;
  }
  await new Promise((resolve) => setImmediate(resolve));
  t.equal(source.destroyed, true);
});

t.test('a number where an object is required is refused, however many digits it has', async (t) => {
  for (const record of ['5', '99999999999999999', '-1.0000000000000000001', '1e400']) {
    t.throws(() => parseLine(`{"type":"RECORD","stream":"s","record":${record}}`, 1), { message: 'input line 1: RECORD "record" must be a JSON object' }, record);
  }
  t.throws(() => parseLine('{"type":"SCHEMA","stream":"s","schema":99999999999999999}', 1), { message: 'input line 1: SCHEMA "schema" must be a JSON object' });
  t.throws(() => parseLine('{"type":"SCHEMA","stream":"s","schema":{"properties":99999999999999999}}', 1), { message: /has no "properties"/ });
  t.throws(() => parseLine('{"type":"BATCH","stream":"s","encoding":99999999999999999,"manifest":[]}', 1), { message: 'input line 1: BATCH "encoding" must be a JSON object' });
  t.throws(() => parseLine('99999999999999999', 2), { message: 'input line 2: a Singer message must be a JSON object' });
});

t.test('a version must be a number: a list is not read as its first element', async (t) => {
  t.throws(() => parseLine('{"type":"ACTIVATE_VERSION","stream":"s","version":[5]}', 1), { message: 'input line 1: ACTIVATE_VERSION "version" must be a number' });
  t.throws(() => parseLine('{"type":"ACTIVATE_VERSION","stream":"s","version":[]}', 1), { message: 'input line 1: ACTIVATE_VERSION "version" must be a number' });
  t.throws(() => parseLine('{"type":"RECORD","stream":"s","record":{},"version":{}}', 1), { message: 'input line 1: RECORD "version" must be a number' });
  const big = parseLine('{"type":"ACTIVATE_VERSION","stream":"s","version":16744864315630000001}', 1);
  t.equal(big.type === 'ACTIVATE_VERSION' ? big.version : undefined, 16744864315630000001, 'a version above 2^53 is read as its nearest double');
});
