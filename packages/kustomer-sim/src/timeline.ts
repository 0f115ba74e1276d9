/**
 * The updatedAt order of one kind, kept compact: base records get a monotone updatedAt computed from their
 * index (so a million records cost no memory and search is a binary search), and only records changed or
 * created through the update API are stored, in one sorted array.
 */
import { Bursts } from './bursts.js';
import { DAY_MS } from './clock.js';
import { hash4 } from './random.js';

/**
 * A base record's createdAt lies up to 30 days before its first updatedAt, and at most a day before the
 * synthetic history starts. The research is silent on record ages; these are the simulator's choices: records
 * are edited within a month of creation, as a support org's are, and the oldest ids' timestamps (ids.ts) stay
 * next to the history rather than a month before it.
 */
const MAX_EDIT_AGE_MS = 30 * DAY_MS;
const CREATED_BEFORE_HISTORY_MS = DAY_MS;

const unit4 = (a: number, b: number, c: number, d: number): number => hash4(a, b, c, d) / 0x1_0000_0000;

export interface Entry {
  readonly time: number;
  readonly index: number;
}

/** An inclusive range of epoch milliseconds. */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

const compare = (a: Entry, b: Entry): number => a.time - b.time || a.index - b.index;

export class Timeline {
  readonly #seed: number;
  readonly #code: number;
  readonly #start: number;
  readonly #span: number;
  readonly #bursts: Bursts;
  readonly baseCount: number;
  /** index -> current updatedAt, for every changed or created record. */
  readonly #changed = new Map<number, number>();
  /** index -> createdAt, for created records only. */
  readonly #createdAt = new Map<number, number>();
  /** index -> revision count, for changed records. */
  readonly #revs = new Map<number, number>();
  /** The changed and created records, sorted by (time, index). */
  #extra: Entry[] = [];
  #total: number;

  /** `scale` (the org's conversation count) and `longTies` decide whether runs longer than a search page exist (bursts.ts). */
  constructor(seed: number, code: number, count: number, start: number, end: number, scale = count, longTies = true) {
    this.#seed = seed;
    this.#code = code;
    this.#bursts = new Bursts(seed, code, count, scale, longTies);
    this.baseCount = count;
    this.#total = count;
    this.#start = start;
    this.#span = Math.max(1, end - start);
  }

  get size(): number {
    return this.#total;
  }

  /** Non-decreasing in i: the natural time of the leader of i's run (bursts.ts), itself non-decreasing. */
  baseTime(i: number): number {
    return this.#natural(this.#bursts.leader(i));
  }

  /** The runs of this kind longer than a search page. */
  get longRuns(): readonly { readonly start: number; readonly length: number }[] {
    return this.#bursts.longRuns();
  }

  /** Strictly increasing at whole-ms resolution while records are over 1 ms apart: i + 0.9 u(i) < i + 1. */
  #natural(i: number): number {
    const jitter = 0.9 * unit4(this.#seed, this.#code, i, 0x7173);
    return this.#start + Math.floor(((i + jitter) * this.#span) / this.baseCount);
  }

  updatedAt(i: number): number {
    return this.#changed.get(i) ?? this.baseTime(i);
  }

  createdAt(i: number): number {
    const created = this.#createdAt.get(i);
    if (created !== undefined) return created;
    const base = this.baseTime(i);
    const age = Math.floor(unit4(this.#seed, this.#code, i, 0xc4ea) * MAX_EDIT_AGE_MS);
    return Math.max(this.#start - CREATED_BEFORE_HISTORY_MS, base - age);
  }

  rev(i: number): number {
    return this.#revs.get(i) ?? 0;
  }

  exists(i: number): boolean {
    return Number.isInteger(i) && i >= 0 && i < this.#total;
  }

  /** Moves record `i` to updatedAt `time` (a change through the update API). */
  touch(i: number, time: number): void {
    const previous = this.#changed.get(i);
    if (previous !== undefined) this.#remove({ time: previous, index: i });
    this.#changed.set(i, time);
    this.#revs.set(i, this.rev(i) + 1);
    this.#insert({ time, index: i });
  }

  /** Appends a new record created at `time`; returns its index. */
  create(time: number): number {
    const i = this.#total++;
    this.#createdAt.set(i, time);
    this.#changed.set(i, time);
    this.#insert({ time, index: i });
    return i;
  }

  /** Number of records with updatedAt in the interval. */
  count(range: Interval): number {
    let n = this.#firstBase(range.hi + 1) - this.#firstBase(range.lo);
    for (const [i] of this.#changed) {
      if (i < this.baseCount) {
        const t = this.baseTime(i);
        if (t >= range.lo && t <= range.hi) n--;
      }
    }
    return n + this.#firstExtra(range.hi + 1) - this.#firstExtra(range.lo);
  }

  /** Whether no record was changed or created: base records alone then make the order, and skips are O(1). */
  get pristine(): boolean {
    return this.#changed.size === 0;
  }

  /**
   * Records with updatedAt in the interval, in (time, index) order, ascending or descending. `skip` leading
   * records are passed over, in O(1) while the timeline is pristine.
   */
  *entries(range: Interval, descending: boolean, skip = 0): Generator<Entry> {
    const baseLo = this.#firstBase(range.lo);
    const baseHi = this.#firstBase(range.hi + 1);
    const extraLo = this.#firstExtra(range.lo);
    const extraHi = this.#firstExtra(range.hi + 1);
    const step = descending ? -1 : 1;
    const jump = this.pristine ? skip : 0;
    let b = descending ? baseHi - 1 - jump : baseLo + jump;
    let skipping = skip - jump;
    let x = descending ? extraHi - 1 : extraLo;
    const baseLeft = () => (descending ? b >= baseLo : b < baseHi);
    const extraLeft = () => (descending ? x >= extraLo : x < extraHi);
    while (baseLeft() || extraLeft()) {
      if (baseLeft() && this.#changed.has(b)) {
        b += step;
        continue;
      }
      const base: Entry | undefined = baseLeft() ? { time: this.baseTime(b), index: b } : undefined;
      const extra = extraLeft() ? this.#extra[x] : undefined;
      const takeBase =
        base !== undefined && (extra === undefined || (descending ? compare(base, extra) > 0 : compare(base, extra) < 0));
      const next = takeBase ? base : extra;
      if (takeBase) b += step;
      else x += step;
      if (next === undefined) break;
      if (skipping > 0) skipping--;
      else yield next;
    }
  }

  /** The smallest base index whose base time is >= t. */
  #firstBase(t: number): number {
    let lo = 0;
    let hi = this.baseCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.baseTime(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #firstExtra(t: number): number {
    let lo = 0;
    let hi = this.#extra.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#extra[mid]?.time ?? Infinity) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #position(entry: Entry): number {
    let lo = 0;
    let hi = this.#extra.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.#extra[mid];
      if (at !== undefined && compare(at, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #insert(entry: Entry): void {
    this.#extra.splice(this.#position(entry), 0, entry);
  }

  #remove(entry: Entry): void {
    const at = this.#position(entry);
    if (this.#extra[at]?.index === entry.index) this.#extra.splice(at, 1);
  }
}
