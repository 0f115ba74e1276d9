import t from 'tap';
import { advanceBookmark, EMPTY_STATE, parseState, replicationValue, withBookmark } from '../src/state.js';

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
