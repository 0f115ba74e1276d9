import t from 'tap';
import { ExactNumber, parseJson } from '../src/exact-json.js';
import { advanceBookmark, compareBookmarks, EMPTY_STATE, parseState, replicationValue, withBookmark } from '../src/state.js';

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
