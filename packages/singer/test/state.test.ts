import t from 'tap';
import { ExactNumber, parseJson } from '../src/exact-json.js';
import { advanceBookmark, bookmarkOf, compareBookmarks, EMPTY_STATE, parseState, replicationValue, withBookmark, withCurrentlySyncing, type BookmarkValue } from '../src/state.js';

t.test('the Meltano SDK state form is read as is', async (t) => {
  const value = { bookmarks: { customers: { replication_key: 'updated_at', replication_key_value: '2024-03-01T10:00:00.000Z' } } };
  const state = parseState(value, 'state.json');
  t.same(state, value);
  t.equal(replicationValue(state, 'customers'), '2024-03-01T10:00:00.000Z');
});

t.test('the flat singer-io state form becomes the SDK form', async (t) => {
  const state = parseState({ currently_syncing: 'customers', bookmarks: { customers: '2019-06-11T13:37:51Z', notes: '2020-01-01T00:00:00Z' } }, 'state.json');
  t.same(state.bookmarks.customers, { replication_key_value: '2019-06-11T13:37:51Z' });
  t.equal(replicationValue(state, 'notes'), '2020-01-01T00:00:00Z');
  t.equal(state.currently_syncing, 'customers');
});

t.test('a state written back is in the SDK form', async (t) => {
  const flat = parseState({ bookmarks: { customers: '2019-06-11T13:37:51Z' } }, 's');
  const next = withBookmark(flat, 'customers', 'updated_at', '2019-07-01T00:00:00Z');
  t.same(next, { bookmarks: { customers: { replication_key: 'updated_at', replication_key_value: '2019-07-01T00:00:00Z' } } });
  t.same(flat.bookmarks.customers, { replication_key_value: '2019-06-11T13:37:51Z' }, 'the input state is not mutated');
});

t.test('empty or missing state means start from the beginning', async (t) => {
  t.same(parseState(null, 's'), EMPTY_STATE);
  t.same(parseState({}, 's'), EMPTY_STATE);
});

t.test('a bookmark never moves backwards', async (t) => {
  const state = withBookmark(EMPTY_STATE, 'notes', 'updated_at', '2024-05-01T00:00:00.000Z');
  t.equal(advanceBookmark(state, 'notes', 'updated_at', '2024-04-01T00:00:00Z'), state);
  t.equal(replicationValue(advanceBookmark(state, 'notes', 'updated_at', '2024-05-01T00:00:01Z'), 'notes'), '2024-05-01T00:00:01Z');
  t.equal(replicationValue(advanceBookmark(state, 'notes', 'updated_at', '2024-05-01T02:00:00+02:00'), 'notes'), '2024-05-01T00:00:00.000Z',
    'an equal instant in another offset is not an advance');
});

t.test('a malformed state names the file', async (t) => {
  t.throws(() => parseState([1], 'state.json'), { message: 'state.json is not a Singer state: expected a JSON object' });
  t.throws(() => parseState({ bookmarks: { s: [1] } }, 'state.json'), { message: 'state.json: the bookmark of stream "s" must be an object or a timestamp string' });
});

t.test('a flat bookmark that is a number above 2^53 is kept exactly as a scalar bookmark', async (t) => {
  const state = parseState(parseJson('{"bookmarks":{"events":12345678901234567890}}'), 'state.json');
  const value = replicationValue(state, 'events');
  t.ok(value instanceof ExactNumber, 'not mistaken for an SDK bookmark object');
  t.equal(String(value), '12345678901234567890');
});

t.test('odd but harmless state inputs read as empty or pass through', async (t) => {
  t.same(parseState(undefined, 's'), EMPTY_STATE);
  t.same(parseState({ bookmarks: null }, 's'), { bookmarks: {} });
  t.same(parseState({ currently_syncing: null }, 's'), { currently_syncing: null, bookmarks: {} });
  const partitioned = { bookmarks: { orders: { partitions: [{ context: { id: 1 }, replication_key: 'u', replication_key_value: 'x' }] } } };
  t.same(parseState(partitioned, 's'), partitioned);
  t.throws(() => parseState({ bookmarks: [] }, 'state.json'), { message: 'state.json: "bookmarks" must be an object of stream names' });
  t.throws(() => parseState('{}', 'state.json'), { message: 'state.json is not a Singer state: expected a JSON object' });
});

t.test('integer bookmarks above 2^53 compare by their exact digits', async (t) => {
  const state = parseState(parseJson('{"bookmarks":{"events":{"replication_key":"seq","replication_key_value":12345678901234567890}}}'), 's');
  const next = parseJson('12345678901234567891') as ExactNumber;
  t.equal(compareBookmarks(next, replicationValue(state, 'events')!), 1);
  t.equal(String(replicationValue(advanceBookmark(state, 'events', 'seq', next), 'events')), '12345678901234567891');
  t.equal(advanceBookmark(state, 'events', 'seq', 99), state, 'a smaller plain number does not move it');
  t.equal(compareBookmarks(parseJson('9007199254740993') as ExactNumber, 9007199254740992), 1, 'one past 2^53 is greater than 2^53');
});

t.test('a state that is only a number is refused, however many digits it has', async (t) => {
  for (const text of ['5', '99999999999999999', '1e400']) {
    t.throws(() => parseState(parseJson(text), 'state.json'), { message: 'state.json is not a Singer state: expected a JSON object' }, text);
  }
  t.throws(() => parseState(parseJson('{"bookmarks":99999999999999999}'), 'state.json'), { message: 'state.json: "bookmarks" must be an object of stream names' });
});

/** Deterministic pseudo-random numbers in [0, 1), so a failing case replays. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function randomBookmark(random: () => number): BookmarkValue {
  const int = (n: number): number => Math.floor(random() * n);
  const two = (n: number): string => String(n).padStart(2, '0');
  const roll = random();
  if (roll < 0.35) {
    const offset = [`Z`, `z`, `+${two(int(15))}:${two(int(4) * 15)}`, `-${two(int(13))}:30`, '+00:00'][int(5)]!;
    const fraction = ['', `.${int(1000)}`, `.${String(int(1_000_000)).padStart(6, '0')}`, '.5'][int(4)]!;
    return `${2023 + int(2)}-${two(1 + int(12))}-${two(1 + int(28))}${['T', 't', ' '][int(3)]}${two(int(24))}:${two(int(60))}:${two(int(60))}${fraction}${offset}`;
  }
  if (roll < 0.5) return ['9', '10', '13', '-1', '0', '1e3', '1000', '2.50', '007', '12345678901234567890'][int(10)]!;
  if (roll < 0.65) return ['foo 1', 'March 7', '2024-01-01', '2024-13-01T00:00:00Z', 'Tue, 01 Jan 2030 00:00:00 GMT', '', 'a', 'B', '2024-02-30T00:00:00Z', '9 10'][int(10)]!;
  if (roll < 0.85) return [9, 10, 13, -1, 0, 1000, 2.5, 0.1, 1e21, 9007199254740992, -0][int(11)]!;
  return parseJson(['9007199254740993', '12345678901234567890', '-99999999999999999', '2.50000000000000000001', '9007199254740992.5', '1e400'][int(6)]!) as ExactNumber;
}

t.test('compareBookmarks is a total order over mixed date-times, strings, numbers and exact numbers', async (t) => {
  const random = seeded(3);
  const values = Array.from({ length: 90 }, () => randomBookmark(random));
  const sign = (a: BookmarkValue, b: BookmarkValue): number => Math.sign(compareBookmarks(a, b));
  const show = (value: BookmarkValue): string => (value instanceof ExactNumber ? `ExactNumber(${value.text})` : JSON.stringify(value));
  let problems = 0;
  const fail = (message: string): void => {
    if ((problems += 1) <= 5) t.fail(message);
  };
  for (const a of values) {
    if (sign(a, a) !== 0) fail(`${show(a)} is not equal to itself`);
    for (const b of values) {
      const ab = compareBookmarks(a, b);
      if (!Number.isFinite(ab)) fail(`${show(a)} and ${show(b)} do not compare (${ab})`);
      if (sign(a, b) !== -sign(b, a)) fail(`not antisymmetric: ${show(a)} vs ${show(b)}`);
      for (const c of values) {
        if (sign(a, b) <= 0 && sign(b, c) <= 0 && sign(a, c) > 0) fail(`not transitive: ${show(a)} <= ${show(b)} <= ${show(c)} but ${show(a)} > ${show(c)}`);
      }
    }
  }
  t.equal(problems, 0, `${values.length ** 3} triples of ${values.length} seeded values`);
});

t.test('numeric strings compare by value, so "9" < "10" < "13" and never "13" < "9"', async (t) => {
  t.ok(compareBookmarks('9', '10') < 0);
  t.ok(compareBookmarks('10', '13') < 0);
  t.ok(compareBookmarks('9', '13') < 0);
  t.ok(compareBookmarks('9', 10) < 0, 'a numeric string and a number compare by value');
  t.equal(compareBookmarks(parseJson('9007199254740992.5') as ExactNumber, 9007199254740992), 1, 'exact decimals are not rounded to a double');
  t.equal(compareBookmarks('2.50', 2.5), 0);
});

t.test('only RFC 3339 date-times compare as instants; other strings as text', async (t) => {
  t.equal(compareBookmarks('2024-05-01T02:00:00+02:00', '2024-05-01T00:00:00.000Z'), 0, 'the same instant in another offset');
  t.equal(compareBookmarks('2024-05-01 00:00:00.123456z', '2024-05-01T00:00:00.123Z'), 0, 'to the millisecond; space separator and lower-case z');
  t.ok(compareBookmarks('2024-05-01T00:30:00+01:00', '2024-04-30T23:45:00Z') < 0, 'by instant, not by text');
  t.ok(compareBookmarks('March 7', 'April 1') > 0, 'strings V8 reads as dates compare as text');
  t.ok(compareBookmarks('0099-01-01T00:00:00Z', '1999-01-01T00:00:00Z') < 0, 'a year below 100 is not read as 19xx');
  t.ok(compareBookmarks('2024-01-01', '2023-06-01T00:00:00Z') < 0, 'a date without a time is text, which sorts before any date-time');
});

t.test('a bookmark advances from a numeric string to a larger number and from a plain string to a date-time', async (t) => {
  const numeric = parseState({ bookmarks: { events: '9' } }, 's');
  t.equal(replicationValue(advanceBookmark(numeric, 'events', 'seq', 10), 'events'), 10);
  const dated = parseState({ bookmarks: { notes: '2024-01-01' } }, 's');
  t.equal(replicationValue(advanceBookmark(dated, 'notes', 'updated_at', '2023-01-01T00:00:00Z'), 'notes'), '2023-01-01T00:00:00Z');
});

t.test('bookmarkOf returns the whole bookmark of a stream, in the SDK form even when the state was flat', async (t) => {
  const state = parseState({ bookmarks: { customers: '2019-06-11T13:37:51Z', notes: { replication_key: 'updated_at', replication_key_value: 'x', progress_markers: { n: 1 } } } }, 's');
  t.same(bookmarkOf(state, 'customers'), { replication_key_value: '2019-06-11T13:37:51Z' });
  t.same(bookmarkOf(state, 'notes'), { replication_key: 'updated_at', replication_key_value: 'x', progress_markers: { n: 1 } });
  t.equal(bookmarkOf(state, 'teams'), undefined, 'a stream without a bookmark has none');
});

t.test('currently_syncing names the stream in progress and null clears it, leaving bookmarks alone', async (t) => {
  const state = withBookmark(EMPTY_STATE, 'customers', 'updated_at', '2024-01-01T00:00:00Z');
  const syncing = withCurrentlySyncing(state, 'teams');
  t.same(syncing, { bookmarks: state.bookmarks, currently_syncing: 'teams' });
  t.equal(state.currently_syncing, undefined, 'the input state is not mutated');
  t.same(withCurrentlySyncing(syncing, null), { bookmarks: state.bookmarks, currently_syncing: null });
  t.equal(parseState(JSON.parse(JSON.stringify(syncing)), 's').currently_syncing, 'teams', 'it survives a write and a read');
});
