import t from 'tap';
import { ExactNumber, parseJson, stringifyJson } from '../src/exact-json.js';
import { readMessages } from '../src/reader.js';
import { LineWriter } from '../src/writer.js';
import { collectingSink, readableOf } from './fixtures/streams.js';

async function readThenWrite(input: string): Promise<string> {
  const { sink, text } = collectingSink();
  const writer = new LineWriter(sink);
  for await (const { message } of readMessages(readableOf(input))) await writer.writeMessage(message);
  await writer.flush();
  return text();
}

t.test('an integer above 2^53 survives read then write byte for byte', async (t) => {
  const line = '{"type":"RECORD","stream":"big","record":{"id":99999999999999999}}\n';
  t.equal(await readThenWrite(line), line);
});

t.test('a decimal with more digits than a double holds survives read then write byte for byte', async (t) => {
  const line = '{"type":"RECORD","stream":"d","record":{"amount":1.0000000000000000001,"neg":-12345678.123456789012}}\n';
  t.equal(await readThenWrite(line), line);
});

t.test('huge exponents stay exact instead of becoming Infinity or 0', async (t) => {
  const text = '{"a":1e400,"b":-2.5E-400}';
  t.equal(stringifyJson(parseJson(text)), text);
});

t.test('ordinary numbers are plain numbers, unsafe ones ExactNumber', async (t) => {
  const value = parseJson('{"small":42,"pi":3.14159,"big":12345678901234567890,"note":"1234567890123456"}') as Record<string, unknown>;
  t.equal(value.small, 42);
  t.equal(value.pi, 3.14159);
  t.ok(value.big instanceof ExactNumber);
  t.equal(String(value.big), '12345678901234567890');
  t.equal(value.note, '1234567890123456', 'digits inside a string stay a string');
});

t.test('a string that looks like the internal marker is not mistaken for a number', async (t) => {
  const value = { s: '\u0000abc123\u0000', n: new ExactNumber('99999999999999999') };
  t.equal(stringifyJson(value), '{"s":"\\u0000abc123\\u0000","n":99999999999999999}');
});

t.test('malformed JSON on the lossless path throws like JSON.parse', async (t) => {
  t.throws(() => parseJson('{"a":12345678901234567890'), SyntaxError);
});

t.test('an unsafe number as the whole JSON text stays exact (a state or config file may be just a number)', async (t) => {
  t.equal(stringifyJson(parseJson('99999999999999999')), '99999999999999999');
  t.equal(stringifyJson(parseJson(' -1.0000000000000000001 ')), '-1.0000000000000000001');
});

t.test('unsafe numbers are found after any JSON separator and whitespace', async (t) => {
  const samples = [
    '{"a":[\n-99999999999999999]}',
    '{"a":[ 1,\t-99999999999999999 ]}',
    '{"a" :\r\n 123456789012345678}',
    '[[99999999999999999]]',
    '{"a":1.23456789012345678e5}',
    '{"a":-4.9e-324,"b":1e-400,"c":1E+400}',
    '{"a":9007199254740993}',
  ];
  for (const text of samples) t.equal(stringifyJson(parseJson(text)), text.replace(/\s+/g, ''), text);
});

t.test('numbers a double holds exactly keep their value on the fast path', async (t) => {
  const value = parseJson('{"a":-1e-7,"b":123456789012345,"c":0.1,"d":-0.000001}') as Record<string, unknown>;
  t.same(value, { a: -1e-7, b: 123456789012345, c: 0.1, d: -0.000001 });
  t.equal(typeof value.b, 'number');
});

t.test('an ExactNumber only holds JSON number text, so it can never write invalid JSON', async (t) => {
  t.throws(() => new ExactNumber('12abc'), TypeError);
  t.throws(() => new ExactNumber('NaN'), TypeError);
  t.throws(() => new ExactNumber('01'), TypeError);
  t.equal(stringifyJson({ n: new ExactNumber('-1.5E+400') }), '{"n":-1.5E+400}');
});
