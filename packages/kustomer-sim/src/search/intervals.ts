/**
 * Sets of epoch-millisecond instants as sorted, disjoint, inclusive integer intervals: the algebra behind
 * `and` / `or` / `not` criteria on `<ctx>_updated_at`. Timestamps are whole milliseconds, so `gt x` is `>= x + 1`.
 */
import { MAX_TIME_MS } from '../clock.js';
import type { Interval } from '../timeline.js';

export type IntervalSet = readonly Interval[];

const MIN = -MAX_TIME_MS;
const MAX = MAX_TIME_MS;

export const ALL: IntervalSet = [{ lo: MIN, hi: MAX }];
export const NONE: IntervalSet = [];

export function fromOperator(operator: 'gte' | 'gt' | 'lte' | 'lt', at: number): IntervalSet {
  switch (operator) {
    case 'gte':
      return [{ lo: at, hi: MAX }];
    case 'gt':
      return [{ lo: at + 1, hi: MAX }];
    case 'lte':
      return [{ lo: MIN, hi: at }];
    case 'lt':
      return [{ lo: MIN, hi: at - 1 }];
  }
}

export function intersect(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === undefined || y === undefined) break;
    const lo = Math.max(x.lo, y.lo);
    const hi = Math.min(x.hi, y.hi);
    if (lo <= hi) out.push({ lo, hi });
    if (x.hi < y.hi) i++;
    else j++;
  }
  return out;
}

export function union(a: IntervalSet, b: IntervalSet): IntervalSet {
  const all = [...a, ...b].sort((x, y) => x.lo - y.lo);
  const out: Interval[] = [];
  for (const next of all) {
    const last = out[out.length - 1];
    if (last !== undefined && next.lo <= last.hi + 1) out[out.length - 1] = { lo: last.lo, hi: Math.max(last.hi, next.hi) };
    else out.push(next);
  }
  return out;
}

export function complement(a: IntervalSet): IntervalSet {
  const out: Interval[] = [];
  let lo = MIN;
  for (const x of a) {
    if (x.lo > lo) out.push({ lo, hi: x.lo - 1 });
    lo = x.hi + 1;
  }
  if (lo <= MAX) out.push({ lo, hi: MAX });
  return out;
}
