// Endpoint kind -> the reader that syncs it (STYLE 6: an exhaustive map, so a new kind does not compile until it
// has a reader). Each reader yields pages of shaped records, with the bookmark to store after writing them.
import type { KustomerClient } from '../http/client.js';
import type { JsonObject } from '../record-shape.js';
import type { ChildEndpoint, Endpoint, ListEndpoint, SearchEndpoint, StreamSpec } from '../streams.js';
import { readConversationAttachments } from './attachments.js';
import { readListStream } from './list-stream.js';
import { readSearchStream, type SearchWindow, type StreamPage } from './search-stream.js';

export interface ReadContext<E extends Endpoint = Endpoint> {
  readonly client: KustomerClient;
  readonly spec: StreamSpec & { readonly endpoint: E };
  /** Where a search stream starts and ends (start_date, bookmark, lookback, end_date). */
  readonly window: SearchWindow;
  readonly pageSize: number;
  /** Ids of the parent stream's records written in this run, arriving while the parent runs. */
  readonly parentIds: AsyncIterable<string> | Iterable<string>;
}

type Reader<E extends Endpoint> = (context: ReadContext<E>) => AsyncIterable<StreamPage>;

const READERS: { readonly [K in Endpoint['kind']]: Reader<Extract<Endpoint, { kind: K }>> } = {
  search: (c: ReadContext<SearchEndpoint>) => readSearchStream(c.client, c.spec, c.window, c.pageSize),
  list: (c: ReadContext<ListEndpoint>) => pagesOf(readListStream(c.client, c.spec)),
  child: (c: ReadContext<ChildEndpoint>) => pagesOf(readConversationAttachments(c.client, c.parentIds)),
};

export function readStream(context: ReadContext): AsyncIterable<StreamPage> {
  return (READERS[context.spec.endpoint.kind] as Reader<Endpoint>)(context);
}

async function* pagesOf(pages: AsyncIterable<readonly JsonObject[]>): AsyncGenerator<StreamPage> {
  for await (const records of pages) yield { records };
}
