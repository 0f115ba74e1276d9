/**
 * Runs a parsed search over the timelines: the matching records in (updatedAt, kind, index) order, one page of
 * them, and the total. Several kinds (the `kobject` context) are merged; ties keep a stable order, so a client
 * restarting with `gte` the last updatedAt sees the tied records again in the same order.
 */
import { MAX_TIME_MS } from '../clock.js';
import type { Dataset } from '../dataset.js';
import type { KindName } from '../kinds.js';
import type { Entry } from '../timeline.js';
import { intersect, type IntervalSet } from './intervals.js';
import type { SearchQuery } from './query.js';

export interface Hit {
  readonly kind: KindName;
  readonly index: number;
}

export interface SearchPage {
  readonly hits: readonly Hit[];
  readonly total: number;
}

/** One kind's matches across the intervals, in order, with `skip` leading ones passed over. */
function* stream(dataset: Dataset, kind: KindName, ranges: IntervalSet, descending: boolean, skip: number): Generator<Entry> {
  const ordered = descending ? [...ranges].reverse() : ranges;
  const timeline = dataset.timeline(kind);
  let left = skip;
  for (const range of ordered) {
    if (left > 0) {
      const inRange = timeline.count(range);
      if (left >= inRange) {
        left -= inRange;
        continue;
      }
    }
    yield* timeline.entries(range, descending, left);
    left = 0;
  }
}

interface Head {
  readonly rank: number;
  readonly kind: KindName;
  readonly source: Generator<Entry>;
  entry: Entry;
}

export function runSearch(dataset: Dataset, query: SearchQuery, horizon: number, offset: number, limit: number): SearchPage {
  const ranges = intersect(query.ranges, [{ lo: horizon, hi: MAX_TIME_MS }]);
  let total = 0;
  for (const kind of query.kinds) for (const range of ranges) total += dataset.timeline(kind).count(range);
  const heads: Head[] = [];
  // With one kind the offset is skipped inside its stream (O(1) on a pristine timeline); merged kinds must walk it.
  const inner = query.kinds.length === 1 ? offset : 0;
  query.kinds.forEach((kind, rank) => {
    const source = stream(dataset, kind, ranges, query.descending, inner);
    const first = source.next();
    if (!first.done) heads.push({ rank, kind, source, entry: first.value });
  });
  const sign = query.descending ? -1 : 1;
  const before = (a: Head, b: Head): boolean =>
    sign * (a.entry.time - b.entry.time || a.rank - b.rank || a.entry.index - b.entry.index) < 0;
  const hits: Hit[] = [];
  let position = inner;
  while (heads.length > 0 && hits.length < limit) {
    let best = 0;
    for (let h = 1; h < heads.length; h++) {
      const head = heads[h];
      const current = heads[best];
      if (head !== undefined && current !== undefined && before(head, current)) best = h;
    }
    const head = heads[best];
    if (head === undefined) break;
    if (position >= offset) hits.push({ kind: head.kind, index: head.entry.index });
    position++;
    const next = head.source.next();
    if (next.done) heads.splice(best, 1);
    else head.entry = next.value;
  }
  return { hits, total };
}
