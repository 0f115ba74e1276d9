// Keyset pagination of Kustomer search (POST /v1/customers/search sorted by <ctx>_updated_at ascending), as a pure
// function from (cursor, page) to the next step. research/kustomer.md 2.5 and 4.2:
// - one query reaches at most 100 pages ("page" above 100 is a 400), so a long sync must restart the query;
// - records share one updatedAt in runs of hundreds (bulk actions), so a restart with `gt` skips records and a
//   restart with `gte` repeats them; the singer-io tap loops forever when a run is longer than a page.
//
// The cursor restarts the query at `gte <last updatedAt of the page>` after every page whose last record moved past
// the query's lower bound, skipping the records already emitted at that instant. Only inside a run that fills whole
// pages does it page by offset (page 2, 3, ... of the same query); a run of 100 full pages cannot be paged through
// and is reported. Restarting after every page keeps offset paging, which shifts when records change during a
// sync, confined to such runs, at no extra request: the next query is known as soon as a page's last record is.

/** The search query to send next: `<ctx>_updated_at gte from`, this page of it. */
export interface SearchCursor {
  readonly from: string;
  readonly page: number;
  /** Ids already emitted whose updatedAt is `from`: the query returns them again first. */
  readonly seenAtFrom: ReadonlySet<string>;
}

export interface PageRecord {
  readonly id: string;
  readonly updatedAt: string;
}

export interface SearchPage<R extends PageRecord> {
  readonly records: readonly R[];
  /** The response's `links.next` was not null. */
  readonly hasNext: boolean;
}

export type SearchStep<R extends PageRecord> =
  /** Emit `emit`, then set the bookmark to `bookmark` (when given) once they are written, then fetch `next`. */
  | { readonly kind: 'next'; readonly emit: readonly R[]; readonly bookmark?: string; readonly next: SearchCursor }
  | { readonly kind: 'done'; readonly emit: readonly R[]; readonly bookmark?: string }
  /** More records share `at` than `maxPages` pages hold; paging on would only repeat them. */
  | { readonly kind: 'tie-too-long'; readonly at: string; readonly emit: readonly R[] }
  /** The API broke its sort order or returned a record below the bound: syncing on could skip records. */
  | { readonly kind: 'out-of-order'; readonly record: R; readonly after: string };

/** Kustomer's search page cap (research/kustomer.md 2.5: "hard cap of 100 pages"). */
export const SEARCH_MAX_PAGES = 100;

/**
 * The first query of a sync from `from` (start_date or the bookmark). Records at the bookmark's own instant are
 * emitted again: a run interrupted inside a tie resumes with the whole tie (at least once, never a gap).
 */
export function firstCursor(from: string): SearchCursor {
  return { from, page: 1, seenAtFrom: new Set() };
}

const instant = (iso: string): number => Date.parse(iso);

/** The step after `page`, the response to the query `cursor` names. */
export function nextSearchStep<R extends PageRecord>(
  cursor: SearchCursor,
  page: SearchPage<R>,
  maxPages: number = SEARCH_MAX_PAGES,
): SearchStep<R> {
  let previous = cursor.from;
  for (const record of page.records) {
    if (!(instant(record.updatedAt) >= instant(previous))) return { kind: 'out-of-order', record, after: previous };
    previous = record.updatedAt;
  }
  const atFrom = (record: R): boolean => instant(record.updatedAt) === instant(cursor.from);
  const emit = page.records.filter((record) => !(atFrom(record) && cursor.seenAtFrom.has(record.id)));
  const bookmark = emit.at(-1)?.updatedAt;
  const withBookmark = bookmark === undefined ? {} : { bookmark };
  const last = page.records.at(-1);
  if (last === undefined || !page.hasNext) return { kind: 'done', emit, ...withBookmark };
  if (instant(last.updatedAt) > instant(cursor.from)) {
    const seenAtLast = new Set(page.records.filter((record) => instant(record.updatedAt) === instant(last.updatedAt)).map((record) => record.id));
    return { kind: 'next', emit, ...withBookmark, next: { from: last.updatedAt, page: 1, seenAtFrom: seenAtLast } };
  }
  // The whole page shares the bound: a run longer than a page. Page through it by offset.
  if (cursor.page >= maxPages) return { kind: 'tie-too-long', at: cursor.from, emit };
  const seenAtFrom = new Set(cursor.seenAtFrom);
  for (const record of page.records) seenAtFrom.add(record.id);
  return { kind: 'next', emit, ...withBookmark, next: { from: cursor.from, page: cursor.page + 1, seenAtFrom } };
}
