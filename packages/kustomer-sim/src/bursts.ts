/**
 * Runs of records sharing one updatedAt, as real orgs have them: bulk actions, workflows and imports stamp
 * hundreds of records at once (singer-io's tap: the API "often returns 200+ which have the same date time",
 * research 4.6). A burst is a run of consecutive indices that all take the time of the run's first index, so
 * the base updatedAt stays a non-decreasing function of the index, computed in O(1) with nothing stored.
 */
import { hash4 } from './random.js';

/** Short bursts live inside cells of this many indices, at most one per cell, so they never merge. */
const CELL = 64;
/** The share of cells holding a short burst: about 7% of records then share their updatedAt with another. */
const SHORT_BURST_SHARE = 0.25;
/** Short bursts are 2 to 50 records long, shorter ones more often. */
const SHORT_MIN = 2;
const SHORT_MAX = 50;
/**
 * From this scale on (conversations), some kinds get runs longer than a search page (500, research 2.5), the
 * case that loops singer-io's tap forever (research 4.6). Below it no run exceeds a page: decided by scale,
 * not by a kind's count, so a 5,000-conversation org (15,000 messages) has none.
 */
export const LONG_BURST_MIN_SCALE = 10_000;
/** A kind needs this many records for a long run: at most a quarter of the kind, that is still over 500. */
export const LONG_BURST_MIN_COUNT = 2_500;
/** Long runs are 501 to 1,500 records long: one page of 500 can never hold one. */
const LONG_MIN = 501;
const LONG_SPREAD = 1_000;
/** One long run per this many records of a kind (at least one). */
const LONG_EVERY = 200_000;
/**
 * Long runs start between these fractions of the index range: inside the 2-year search horizon (the history
 * spans 30 months, so the first fifth is past it) and clear of the newest records.
 */
const LONG_FROM = 0.3;
const LONG_TO = 0.9;

const SALT_CELL = 0xb0a5;
const SALT_LONG = 0x1096;

const unit = (seed: number, code: number, i: number, salt: number): number => hash4(seed, code, i, salt) / 0x1_0000_0000;

export interface Run {
  readonly start: number;
  readonly length: number;
}

export class Bursts {
  readonly #seed: number;
  readonly #code: number;
  readonly #count: number;
  readonly #longRuns: number;
  readonly #slotStart: number;
  readonly #slotSize: number;

  /** `longTies` false: no run longer than a search page at any scale (SimOptions.longTies). */
  constructor(seed: number, code: number, count: number, scale: number, longTies = true) {
    this.#seed = seed;
    this.#code = code;
    this.#count = count;
    const long = longTies && scale >= LONG_BURST_MIN_SCALE && count >= LONG_BURST_MIN_COUNT;
    this.#longRuns = long ? Math.max(1, Math.floor(count / LONG_EVERY)) : 0;
    this.#slotStart = Math.floor(count * LONG_FROM);
    this.#slotSize = Math.floor((count * (LONG_TO - LONG_FROM)) / Math.max(1, this.#longRuns));
  }

  /** The long runs, in index order (a handful at most: one per 200,000 records). */
  longRuns(): Run[] {
    return Array.from({ length: this.#longRuns }, (_, slot) => this.#long(slot));
  }

  /** Long run `slot`: somewhere in its slot, short enough to fit it and a quarter of the kind. */
  #long(slot: number): Run {
    const length = Math.min(LONG_MIN + Math.floor(unit(this.#seed, this.#code, slot, SALT_LONG) * LONG_SPREAD), Math.floor(this.#count / 4), this.#slotSize);
    const room = this.#slotSize - length;
    const start = this.#slotStart + slot * this.#slotSize + Math.floor(unit(this.#seed, this.#code, slot, SALT_LONG + 1) * (room + 1));
    return { start, length };
  }

  /** The short burst of cell `cell`, if it has one. */
  #short(cell: number): Run | undefined {
    if (unit(this.#seed, this.#code, cell, SALT_CELL) >= SHORT_BURST_SHARE) return undefined;
    const u = unit(this.#seed, this.#code, cell, SALT_CELL + 1);
    const length = SHORT_MIN + Math.floor(u * u * (SHORT_MAX - SHORT_MIN + 1));
    const offset = Math.floor(unit(this.#seed, this.#code, cell, SALT_CELL + 2) * (CELL - length + 1));
    return { start: cell * CELL + offset, length };
  }

  /**
   * The index whose natural time record `i` takes: the first of its run, or `i` itself. Non-decreasing in `i`:
   * runs are disjoint intervals, since a long run wins over the short ones it meets (a short run starting
   * inside a long one ends with it; one starting before it stops where the long one starts).
   */
  leader(i: number): number {
    const long = this.#longAt(i);
    if (long !== undefined) return long.start;
    const short = this.#short(Math.floor(i / CELL));
    if (short === undefined || i < short.start || i >= short.start + short.length) return i;
    return this.#longAt(short.start) === undefined ? short.start : i;
  }

  /** The long run holding `i`, if any. */
  #longAt(i: number): Run | undefined {
    if (this.#longRuns === 0 || i < this.#slotStart) return undefined;
    const slot = Math.min(this.#longRuns - 1, Math.floor((i - this.#slotStart) / this.#slotSize));
    const run = this.#long(slot);
    return i >= run.start && i < run.start + run.length ? run : undefined;
  }
}
