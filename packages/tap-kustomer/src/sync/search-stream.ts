// One search stream read through POST /v1/customers/search, driven by the pure keyset cursor (search-cursor.ts).
// The next query is known from a page's last record, so it is sent before the page is handed on: the request is
// in flight while the caller shapes and writes the page (issue 8 "Speed"). A page's bookmark is handed on with it;
// the caller moves the bookmark only after writing the page.
import { shapeRecord, type JsonObject, type RawResource } from '../record-shape.js';
import type { KustomerClient } from '../http/client.js';
import type { SearchEndpoint, StreamSpec } from '../streams.js';
import { SEARCH_MAX_PAGES, firstCursor, nextSearchStep, type PageRecord, type SearchCursor, type SearchPage } from './search-cursor.js';
import { readTie, TieTooLongError, type CreatedWindow, type TieSearch } from './tie-split.js';

/** Records handed to the writer, and the bookmark to store once they are written. */
export interface StreamPage {
  readonly records: readonly JsonObject[];
  readonly bookmark?: string;
}

export interface SearchWindow {
  /** `gte` of the first query: max(start_date, bookmark - lookback). */
  readonly from: string;
  /** `lte` of every query: end_date. */
  readonly to?: string;
}

/** The sync of a search stream cannot go on without skipping or repeating records; the message is one line. */
export class SearchStoppedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchStoppedError';
  }
}

interface Hit extends PageRecord {
  readonly raw: RawResource;
}

interface SearchBody {
  readonly data?: readonly RawResource[];
  readonly links?: { readonly next?: string | null };
  readonly meta?: { readonly total?: number };
}

export async function* readSearchStream(client: KustomerClient, spec: StreamSpec & { readonly endpoint: SearchEndpoint }, window: SearchWindow, pageSize: number): AsyncGenerator<StreamPage> {
  const size = Math.min(pageSize, spec.endpoint.maxPageSize);
  const fetchPage = (cursor: SearchCursor): Promise<SearchPage<Hit>> => searchPage(client, spec, window, cursor, size);
  let cursor = firstCursor(window.from);
  let pending = fetchPage(cursor);
  for (;;) {
    const page = await pending;
    const step = nextSearchStep(cursor, page);
    if (step.kind === 'out-of-order') {
      throw new SearchStoppedError(`stream ${spec.name}: Kustomer search returned record ${step.record.id} (updatedAt ${step.record.updatedAt}) after ${step.after}, out of the ascending order the sync relies on; stopping rather than skip records. Run again; if it repeats, report it`);
    }
    if (step.kind === 'tie-too-long') {
      // research 2.5: one query reaches 100 pages. The rest of the tie is read by createdAt (tie-split.ts), then
      // the keyset goes on just past it: every record at `at` has been emitted.
      yield { records: step.emit.map((hit) => shapeRecord(hit.raw)), bookmark: step.at };
      const seen = new Set([...cursor.seenAtFrom, ...step.emit.map((hit) => hit.id)]);
      try {
        for await (const records of readTie(tieSearch(client, spec, step.at, size), step.at, size, seen)) yield { records, bookmark: step.at };
      } catch (error) {
        if (!(error instanceof TieTooLongError)) throw error;
        throw new SearchStoppedError(`stream ${spec.name}: ${error.message}, more than one Kustomer search reaches (${SEARCH_MAX_PAGES} pages of ${size}) even split by createdAt; stopped without skipping any. To go on without the rest of them, set start_date after ${step.at}`);
      }
      cursor = firstCursor(new Date(Date.parse(step.at) + 1).toISOString());
      pending = fetchPage(cursor);
      continue;
    }
    const records = step.emit.map((hit) => shapeRecord(hit.raw));
    const out: StreamPage = step.bookmark === undefined ? { records } : { records, bookmark: step.bookmark };
    if (step.kind === 'done') {
      yield out;
      return;
    }
    cursor = step.next;
    pending = fetchPage(cursor);
    // A failure of the prefetch surfaces at the await above; until then it must not count as unhandled.
    pending.catch(() => undefined);
    yield out;
  }
}

async function searchPage(client: KustomerClient, spec: StreamSpec & { readonly endpoint: SearchEndpoint }, window: SearchWindow, cursor: SearchCursor, pageSize: number): Promise<SearchPage<Hit>> {
  const attribute = `${spec.endpoint.queryContext}_updated_at`;
  const criteria: JsonObject[] = [{ [attribute]: { gte: cursor.from } }];
  if (window.to !== undefined) criteria.push({ [attribute]: { lte: window.to } });
  const body = (await client.json({
    method: 'POST',
    path: `${spec.endpoint.path}?page=${cursor.page}&pageSize=${pageSize}`,
    body: { queryContext: spec.endpoint.queryContext, and: criteria, sort: [{ [attribute]: 'asc' }] },
    search: true,
    context: { stream: spec.name, role: spec.roles.join(' and ') },
  })) as SearchBody;
  const records = (body.data ?? []).map((raw): Hit => ({ id: raw.id, updatedAt: updatedAtOf(raw, spec.name), raw }));
  return { records, hasNext: body.links?.next != null };
}

/** The search of one instant `at`, narrowed to a window of createdAt, for tie-split.ts. */
function tieSearch(client: KustomerClient, spec: StreamSpec & { readonly endpoint: SearchEndpoint }, at: string, pageSize: number): TieSearch {
  const updated = `${spec.endpoint.queryContext}_updated_at`;
  const created = `${spec.endpoint.queryContext}_created_at`;
  return async (window: CreatedWindow, page: number) => {
    const criteria: JsonObject[] = [{ [updated]: { gte: at } }, { [updated]: { lte: at } }];
    if (window.lo !== undefined) criteria.push({ [created]: { gte: new Date(window.lo).toISOString() } });
    if (window.hi !== undefined) criteria.push({ [created]: { lt: new Date(window.hi).toISOString() } });
    const body = (await client.json({
      method: 'POST',
      path: `${spec.endpoint.path}?page=${page}&pageSize=${pageSize}`,
      body: { queryContext: spec.endpoint.queryContext, and: criteria, sort: [{ [updated]: 'asc' }] },
      search: true,
      context: { stream: spec.name, role: spec.roles.join(' and ') },
    })) as SearchBody;
    const total = body.meta?.total;
    if (typeof total !== 'number') throw new SearchStoppedError(`stream ${spec.name}: Kustomer search sent no meta.total while splitting the records at ${at} by createdAt; stopped without skipping any`);
    return { records: body.data ?? [], total };
  };
}

function updatedAtOf(raw: RawResource, stream: string): string {
  const value = raw.attributes?.['updatedAt'];
  if (typeof value !== 'string') throw new SearchStoppedError(`stream ${stream}: Kustomer search returned record ${raw.id} without attributes.updatedAt; cannot keep a bookmark`);
  return value;
}
