// A tie longer than one search reaches: more than 100 pages of records share one updatedAt `at` (the cursor's
// `tie-too-long`). Kustomer documents `<ctx>_created_at` as a search criterion (developer.kustomer.com
// docs/concepts/search; the `conversation_created_at` examples of api/core-resources/create-customer-search), so the
// records at `at` are read in windows of createdAt, each small enough for one query's 100 pages: a window whose
// `meta.total` is too large is halved, until a window of one millisecond is still too large, which stops the stream.
// Inside a window the query is paged by offset, as the cursor pages a tie; ids already emitted are skipped.
import type { JsonObject, RawResource } from '../record-shape.js';
import { shapeRecord } from '../record-shape.js';
import { SEARCH_MAX_PAGES } from './search-cursor.js';

/** A window of createdAt (epoch ms): `gte lo`, `lt hi`; unbounded where absent. */
/** The bounds a window is halved within when one side is open: the epoch, and the last instant ISO 8601 writes with four digits. */
const EARLIEST_MS = 0;
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export interface CreatedWindow {
  readonly lo?: number;
  readonly hi?: number;
}

export interface TiePage {
  readonly records: readonly RawResource[];
  readonly total: number;
}

/** One search page of the records at `at` created in `window`. */
export type TieSearch = (window: CreatedWindow, page: number) => Promise<TiePage>;

export class TieTooLongError extends Error {
  constructor(readonly at: string, readonly createdAt: string, readonly count: number) {
    super(`more than ${count.toLocaleString('en-US')} records share updatedAt ${at} and createdAt ${createdAt}`);
    this.name = 'TieTooLongError';
  }
}

/** Shaped pages of every record at `at` whose id is not in `seen` (which it extends); throws TieTooLongError. */
export async function* readTie(search: TieSearch, at: string, pageSize: number, seen: Set<string>): AsyncGenerator<readonly JsonObject[]> {
  const capacity = pageSize * SEARCH_MAX_PAGES;
  const atMs = Date.parse(at);
  // Lowest window first; a record created after it was updated would be odd, but the last window still reads it.
  const stack: CreatedWindow[] = [{ lo: atMs + 1 }, { hi: atMs + 1 }];
  while (stack.length > 0) {
    const window = stack.pop() as CreatedWindow;
    const first = await search(window, 1);
    if (first.total > capacity) {
      const lo = window.lo ?? EARLIEST_MS;
      const hi = window.hi ?? LATEST_MS;
      if (hi - lo <= 1) throw new TieTooLongError(at, new Date(lo).toISOString(), capacity);
      const mid = lo + Math.floor((hi - lo) / 2);
      stack.push({ lo: mid, hi }, { lo, hi: mid });
      continue;
    }
    const pages = Math.ceil(first.total / pageSize);
    let pending: Promise<TiePage> | undefined = pages > 1 ? search(window, 2) : undefined;
    pending?.catch(() => undefined);
    yield fresh(first.records, seen);
    for (let page = 2; page <= pages && pending !== undefined; page++) {
      const current: TiePage = await pending;
      pending = page < pages ? search(window, page + 1) : undefined;
      pending?.catch(() => undefined);
      yield fresh(current.records, seen);
    }
  }
}

function fresh(records: readonly RawResource[], seen: Set<string>): readonly JsonObject[] {
  const out: JsonObject[] = [];
  for (const record of records) {
    if (seen.has(record.id)) continue;
    seen.add(record.id);
    out.push(shapeRecord(record));
  }
  return out;
}
