// Endpoint kind -> the reader that syncs it (STYLE 6: an exhaustive map, so a new kind does not compile until it
// has a reader). Each reader yields pages of shaped records, with the bookmark to store after writing them.
import type { KustomerClient } from '../http/client.js';
import type { JsonObject } from '../record-shape.js';
import type { ChildEndpoint, Endpoint, ListEndpoint, SearchEndpoint, StreamSpec } from '../streams.js';
import { readAttachmentsByParent, type ParentRef } from './attachments.js';
import { readListStream } from './list-stream.js';
import { readSearchStream, type SearchWindow, type StreamPage } from './search-stream.js';

export interface ReadContext<E extends Endpoint = Endpoint> {
  readonly client: KustomerClient;
  readonly spec: StreamSpec & { readonly endpoint: E };
  /** Where a search stream starts and ends (start_date, bookmark, lookback, end_date). */
  readonly window: SearchWindow;
  readonly pageSize: number;
  /** The parent stream's records written in this run (id and bookmark), arriving while the parent runs. */
  readonly parents: AsyncIterable<ParentRef> | Iterable<ParentRef>;
}

type Reader<E extends Endpoint> = (context: ReadContext<E>) => AsyncIterable<StreamPage>;

const READERS: { readonly [K in Endpoint['kind']]: Reader<Extract<Endpoint, { kind: K }>> } = {
  search: (c: ReadContext<SearchEndpoint>) => readSearchStream(c.client, c.spec, c.window, c.pageSize),
  list: (c: ReadContext<ListEndpoint>) => pagesOf(readListStream(c.client, c.spec)),
  child: (c: ReadContext<ChildEndpoint>) => childPages(readAttachmentsByParent(c.client, c.parents)),
};

export function readStream(context: ReadContext): AsyncIterable<StreamPage> {
  return (READERS[context.spec.endpoint.kind] as Reader<Endpoint>)(context);
}

async function* pagesOf(pages: AsyncIterable<readonly JsonObject[]>): AsyncGenerator<StreamPage> {
  for await (const records of pages) yield { records };
}

/** Conversations per child page: each page ends in a STATE, and one per conversation would be one per request. */
export const PARENTS_PER_CHILD_PAGE = 25;

/**
 * A child stream's pages, each holding the records of up to PARENTS_PER_CHILD_PAGE parents and, as its bookmark, the
 * last parent's: every parent up to it has had its children written (parents arrive in the parent stream's order).
 */
async function* childPages(parents: AsyncIterable<{ readonly parent: ParentRef; readonly records: readonly JsonObject[] }>): AsyncGenerator<StreamPage> {
  let records: JsonObject[] = [];
  let count = 0;
  let bookmark: string | undefined;
  for await (const done of parents) {
    records.push(...done.records);
    bookmark = done.parent.bookmark ?? bookmark;
    count += 1;
    if (count === PARENTS_PER_CHILD_PAGE) {
      yield bookmark === undefined ? { records } : { records, bookmark };
      records = [];
      count = 0;
    }
  }
  if (count > 0) yield bookmark === undefined ? { records } : { records, bookmark };
}
