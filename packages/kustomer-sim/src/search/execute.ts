/**
 * Runs a parsed search over the timelines: the matching records in (updatedAt, kind, index) order, one page of
 * them, and the total. Several kinds (the `kobject` context) are merged; ties keep a stable order, so a client
 * restarting with `gte` the last updatedAt sees the tied records again in the same order.
 */
import { MAX_TIME_MS } from '../clock.js';
import type { Dataset } from '../dataset.js';
import type { KindName } from '../kinds.js';
import type { Entry } from '../timeline.js';
import { ALL, intersect, type IntervalSet } from './intervals.js';
import type { SearchQuery } from './query.js';

export interface Hit {
  readonly kind: KindName;
  readonly index: number;
}

export interface SearchPage {
  readonly hits: readonly Hit[];
  readonly total: number;
}

const within = (set: IntervalSet, time: number): boolean => set.some((range) => time >= range.lo && time <= range.hi);

/** Only the entries whose createdAt the query's created_at criteria match (a walk: no index by createdAt). */
function* createdIn(dataset: Dataset, kind: KindName, created: IntervalSet, entries: Generator<Entry>): Generator<Entry> {
  const timeline = dataset.timeline(kind);
  for (const entry of entries) if (within(created, timeline.createdAt(entry.index))) yield entry;
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
  const byCreated = query.created !== ALL;
  let total = 0;
  for (const kind of query.kinds) {
    if (byCreated) for (const _entry of createdIn(dataset, kind, query.created, stream(dataset, kind, ranges, false, 0))) total++;
    else for (const range of ranges) total += dataset.timeline(kind).count(range);
  }
  const heads: Head[] = [];
  // With one kind the offset is skipped inside its stream (O(1) on a pristine timeline); merged kinds, and a
  // created_at filter, must walk it.
  const inner = query.kinds.length === 1 && !byCreated ? offset : 0;
  query.kinds.forEach((kind, rank) => {
    const entries = stream(dataset, kind, ranges, query.descending, inner);
    const source = byCreated ? createdIn(dataset, kind, query.created, entries) : entries;
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
