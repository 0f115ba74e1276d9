// The search stream and the pure sync decisions without a server: the queries sent, the prefetch of the next page
// while the current one is handed on, the start from max(start_date, bookmark - lookback), the resume order, and
// field deselection.
import t from 'tap';
import { EMPTY_STATE, parseState, type CatalogEntry } from '@kustomer-synapse/singer';
import type { KustomerClient, KustomerRequest } from '../src/http/client.js';
import { STREAMS, type StreamSpec } from '../src/streams.js';
import { fieldFilter } from '../src/sync/field-filter.js';
import { readSearchStream, SearchStoppedError, type StreamPage } from '../src/sync/search-stream.js';
import { streamOrder, syncFrom } from '../src/sync/sync-state.js';

const conversations = STREAMS.conversations as StreamSpec & { endpoint: { kind: 'search'; path: '/v1/customers/search'; queryContext: string; maxPageSize: number } };
const raw = (id: string, updatedAt: string) => ({ type: 'conversation', id, attributes: { updatedAt, status: 'open' }, relationships: {}, links: { self: `/v1/conversations/${id}` } });

/** A client answering from a list of pages, recording every request. */
function fakeClient(pages: readonly { data: unknown[]; next: boolean }[]): { client: KustomerClient; requests: KustomerRequest[] } {
  const requests: KustomerRequest[] = [];
  const client = {
    json: async (request: KustomerRequest) => {
      const page = pages[requests.length];
      requests.push(request);
      if (page === undefined) throw new Error('no more pages');
      return { data: page.data, links: { next: page.next ? 'next' : null } };
    },
  } as unknown as KustomerClient;
  return { client, requests };
}

t.test('the next search is sent before the current page is handed on, with gte the last updatedAt, lte end_date and ascending sort', async (t) => {
  const { client, requests } = fakeClient([
    { data: [raw('a', '2025-01-01T00:00:00.000Z'), raw('b', '2025-01-02T00:00:00.000Z')], next: true },
    { data: [raw('b', '2025-01-02T00:00:00.000Z'), raw('c', '2025-01-03T00:00:00.000Z')], next: false },
  ]);
  const pages = readSearchStream(client, conversations, { from: '2024-06-01T00:00:00.000Z', to: '2025-12-31T00:00:00.000Z' }, 2);
  const first = (await pages.next()) as IteratorResult<StreamPage, undefined>;
  t.same(first.value?.records.map((r) => r['id']), ['a', 'b'], 'the first page, shaped');
  t.equal(first.value?.bookmark, '2025-01-02T00:00:00.000Z', 'with its bookmark');
  t.equal(requests.length, 2, 'the second search is already in flight when the first page is handed on');
  t.same(requests.map((r) => r.body), [
    { queryContext: 'conversation', and: [{ conversation_updated_at: { gte: '2024-06-01T00:00:00.000Z' } }, { conversation_updated_at: { lte: '2025-12-31T00:00:00.000Z' } }], sort: [{ conversation_updated_at: 'asc' }] },
    { queryContext: 'conversation', and: [{ conversation_updated_at: { gte: '2025-01-02T00:00:00.000Z' } }, { conversation_updated_at: { lte: '2025-12-31T00:00:00.000Z' } }], sort: [{ conversation_updated_at: 'asc' }] },
  ], 'the bodies');
  t.same(requests.map((r) => r.path), ['/v1/customers/search?page=1&pageSize=2', '/v1/customers/search?page=1&pageSize=2'], 'page 1 of each query');
  const second = (await pages.next()) as IteratorResult<StreamPage, undefined>;
  t.same(second.value?.records.map((r) => r['id']), ['c'], 'the record seen at the boundary is not repeated');
  t.equal((await pages.next()).done, true, 'then done');
  t.equal(requests.length, 2, 'no request after the last page');
});

t.test('a record out of ascending order stops the stream with one line naming the stream and the record', async (t) => {
  const { client } = fakeClient([{ data: [raw('a', '2025-01-02T00:00:00.000Z'), raw('b', '2025-01-01T00:00:00.000Z')], next: false }]);
  const pages = readSearchStream(client, conversations, { from: '2024-06-01T00:00:00.000Z' }, 500);
  await t.rejects(pages.next(), new SearchStoppedError('stream conversations: Kustomer search returned record b (updatedAt 2025-01-01T00:00:00.000Z) after 2025-01-02T00:00:00.000Z, out of the ascending order the sync relies on; stopping rather than skip records. Run again; if it repeats, report it'));
});

t.test('a stream starts at max(start_date, bookmark - lookback_seconds), from the SDK or the flat state form', async (t) => {
  const sdk = parseState({ bookmarks: { notes: { replication_key: 'updated_at', replication_key_value: '2025-03-01T00:10:00Z' } } }, 'state');
  const flat = parseState({ bookmarks: { notes: '2025-03-01T00:10:00Z' } }, 'state');
  t.equal(syncFrom(EMPTY_STATE, 'notes', '2024-01-01T00:00:00Z', 600), '2024-01-01T00:00:00.000Z', 'no bookmark: start_date');
  t.equal(syncFrom(sdk, 'notes', '2024-01-01T00:00:00Z', 600), '2025-03-01T00:00:00.000Z', 'SDK bookmark minus 10 minutes');
  t.equal(syncFrom(flat, 'notes', '2024-01-01T00:00:00Z', 0), '2025-03-01T00:10:00.000Z', 'flat bookmark');
  t.equal(syncFrom(sdk, 'notes', '2025-06-01T00:00:00Z', 600), '2025-06-01T00:00:00.000Z', 'a later start_date wins');
  t.throws(() => syncFrom(parseState({ bookmarks: { notes: 'yesterday' } }, 'state'), 'notes', '2024-01-01T00:00:00Z', 0), /bookmark of stream notes \(yesterday\) is not a timestamp/);
});

t.test('an interrupted run resumes with the stream it was on, then the others in table order; a child stream is not moved', async (t) => {
  const specs = [STREAMS.customers, STREAMS.conversations, STREAMS.messages, STREAMS.conversation_attachments];
  t.same(streamOrder(specs, 'messages').map((s) => s.name), ['messages', 'customers', 'conversations', 'conversation_attachments']);
  t.same(streamOrder(specs, null).map((s) => s.name), ['customers', 'conversations', 'messages', 'conversation_attachments']);
  t.same(streamOrder(specs, 'conversation_attachments').map((s) => s.name), ['customers', 'conversations', 'messages', 'conversation_attachments']);
  t.same(streamOrder(specs, 'not-selected').map((s) => s.name), ['customers', 'conversations', 'messages', 'conversation_attachments']);
});

t.test('deselected fields are removed at any depth and nothing else is', async (t) => {
  const entry: CatalogEntry = {
    tap_stream_id: 'conversations', stream: 'conversations',
    schema: { type: 'object', properties: { id: {}, status: {}, custom: { type: 'object' }, sla: { type: 'object', properties: { status: {}, breached: {} } } } },
    metadata: [
      { breadcrumb: [], metadata: { selected: true } },
      { breadcrumb: ['properties', 'status'], metadata: { selected: false } },
      { breadcrumb: ['properties', 'sla', 'properties', 'breached'], metadata: { selected: false } },
    ],
  };
  const record = { id: '1', status: 'open', custom: { tierStr: 'gold' }, sla: { status: 'active', breached: true }, extra: 1 };
  t.same(fieldFilter(entry)(record), { id: '1', custom: { tierStr: 'gold' }, sla: { status: 'active' }, extra: 1 });
  t.equal(fieldFilter(undefined)(record), record, 'no catalog: the record as it is');
});
