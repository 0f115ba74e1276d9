import t from 'tap';
import { isSafeNumber, parse as parseLossless } from 'lossless-json';
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

t.test('a duplicate key means the last value on both paths, as JSON.parse and Python json read it', async (t) => {
  t.same(parseJson('{"a":1,"a":2}'), { a: 2 });
  const slow = parseJson('{"a":1,"a":2,"b":99999999999999999}') as Record<string, unknown>;
  t.equal(slow.a, 2);
  t.equal(String(slow.b), '99999999999999999');
});

t.test('numbers inside strings, escapes and nesting are never rewritten', async (t) => {
  const text = '{"s":"a\\"b:99999999999999999","t":"\\\\","n":[{"x":-99999999999999999.5e-3}],"u":"\\u0000x"}';
  const value = parseJson(text) as { s: string; t: string; n: { x: unknown }[]; u: string };
  t.equal(value.s, 'a"b:99999999999999999');
  t.equal(value.t, '\\');
  t.ok(value.n[0]?.x instanceof ExactNumber);
  t.equal(value.u, '\u0000x');
  t.equal(stringifyJson(value), text);
});

t.test('a malformed line on the slow path fails with JSON.parse\'s message for the original text', async (t) => {
  const text = '{"a":99999999999999999,}';
  let expected = '';
  try {
    JSON.parse(text);
  } catch (error) {
    expected = (error as Error).message;
  }
  t.match(expected, /position 23/);
  t.throws(() => parseJson(text), { name: 'SyntaxError', message: expected });
});

/** Deterministic pseudo-random numbers in [0, 1) (a linear congruential generator), so a failure replays. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const VALID_NUMBERS = ['0', '-0.5', '1e-7', '99999999999999999', '-12345678901234567890.123', '1.0000000000000000001', '3.141592653589793', '1e400', '123456789012345', '9007199254740993', '-1E+308'];
const VALID_STRINGS = ['"x"', '"9999999999999999999"', '"a:,[1234567890123456789"', '"\\"q\\""', '"{12345678901234567890:1}"'];
// Number-like text where JSON allows no such number; each long enough to send the line to the slow path.
const INVALID_VALUES = [
  '0012345678901234567890', '-01234567890123456789', '-', '1.', '.5', '1e', '12345678901234567890.', '.12345678901234567890',
  '12345678901234567890e', '12345678901234567890e+', '+12345678901234567890', 'NaN', '-NaN', 'Infinity', '-Infinity',
  '0x1234567890abcdef12', '12345678901234567890 5', '1_234_567_890_123_456_789', '12345678901234567890-1', '--12345678901234567890',
];
// Keys that are not strings, next to keys that hold a colon and digits inside the string.
const INVALID_KEYS = ['12345678901234567890', '-12345678901234567890.5', '1e400', '5', 'k', "'k'"];
const VALID_KEYS = ['"k:12345678901234567890"', '"12345678901234567890"', '"a\\":1"'];

function randomDocument(random: () => number, invalidRate: number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const value = (depth: number): string => {
    const roll = random();
    if (roll < invalidRate) return pick(INVALID_VALUES);
    if (depth > 2 || roll < 0.4) return pick(VALID_NUMBERS);
    if (roll < 0.55) return pick(VALID_STRINGS);
    if (roll < 0.75) return `[ ${Array.from({ length: 3 }, () => value(depth + 1)).join(' ,\n')} ]`;
    return `{${Array.from({ length: 3 }, (_, i) => `${key(i)} :${value(depth + 1)}`).join(',')}}`;
  };
  const key = (i: number): string => {
    const roll = random();
    if (roll < invalidRate) return pick(INVALID_KEYS);
    return roll < invalidRate + 0.1 ? pick(VALID_KEYS).replace('"', `"${i}`) : `"k${i}"`;
  };
  return value(0);
}

function outcome(parse: () => unknown): string {
  try {
    return `accepted ${stringifyJson(parse())}`;
  } catch (error) {
    return error instanceof SyntaxError ? 'refused' : `threw ${String(error)}`;
  }
}

const lossless = (text: string): unknown => parseLossless(text, null, (n: string) => (isSafeNumber(n) ? Number(n) : new ExactNumber(n)));

t.test('random valid documents read the same as a lossless reference parser', async (t) => {
  const random = seeded(7);
  for (let i = 0; i < 500; i += 1) {
    const text = randomDocument(random, 0);
    if (outcome(() => parseJson(text)) !== outcome(() => lossless(text))) t.fail(text);
  }
  t.pass('500 documents agree');
});

t.test('random documents with numbers in key position and malformed numbers are refused as JSON.parse and lossless-json refuse them', async (t) => {
  const random = seeded(11);
  let refused = 0;
  for (let i = 0; i < 2000; i += 1) {
    const text = randomDocument(random, 0.06);
    const ours = outcome(() => parseJson(text));
    const plain = outcome(() => JSON.parse(text));
    if ((ours === 'refused') !== (plain === 'refused')) t.fail(`JSON.parse ${plain === 'refused' ? 'refuses' : 'accepts'} but parseJson ${ours}: ${text}`);
    else if (ours !== outcome(() => lossless(text))) t.fail(`lossless-json disagrees: ${text}`);
    if (ours === 'refused') refused += 1;
  }
  t.ok(refused > 500 && refused < 1900, `both valid and invalid documents were drawn (${refused} of 2000 refused)`);
});

t.test('a number as an object key is refused on the lossless path, as JSON.parse refuses it', async (t) => {
  for (const text of ['{"a":1,12345678901234567890:2}', '{12345678901234567890:2}', '{"a":{"b":1},-12345678901234567890.5:2}', '[{"a":99999999999999999,12345678901234567890:1}]']) {
    t.throws(() => JSON.parse(text), SyntaxError, `JSON.parse refuses ${text}`);
    t.throws(() => parseJson(text), SyntaxError, `parseJson refuses ${text}`);
  }
  const value = parseJson('{"12345678901234567890":12345678901234567890,"k:99999999999999999":[99999999999999999]}') as Record<string, unknown>;
  t.same(Object.keys(value), ['12345678901234567890', 'k:99999999999999999'], 'quoted keys with digits stay the keys they were');
  t.equal(stringifyJson(value), '{"12345678901234567890":12345678901234567890,"k:99999999999999999":[99999999999999999]}');
});
