/**
 * The simulator's clock. It drives the 2-year search horizon, token expiry and the updatedAt of records
 * changed through the update API (the rate-limit windows follow the wall clock instead, like the real server's). It runs with real time unless frozen, and tests move it by hand.
 */
/**
 * The largest magnitude of a JavaScript time value, in epoch ms: ECMA-262 "Time Values and Time Range" spans
 * exactly 100,000,000 days either side of 1970-01-01 (100,000,000 x 86,400,000 ms). Used as "no bound".
 */
export const MAX_TIME_MS = 8.64e15;
export const DAY_MS = 86_400_000;

export interface SimClock {
  /** The current simulated time in epoch milliseconds (integer). */
  now(): number;
  /** Moves the clock forward (or back, with a negative value) by `ms`. */
  advance(ms: number): void;
  /** Sets the clock to an instant. */
  set(at: number): void;
  readonly frozen: boolean;
}

export function createClock(start: number, frozen: boolean): SimClock {
  let base = start;
  let realStart = performance.now();
  const elapsed = (): number => (frozen ? 0 : Math.floor(performance.now() - realStart));
  return {
    frozen,
    now: () => base + elapsed(),
    advance: (ms: number) => {
      base += Math.trunc(ms);
    },
    set: (at: number) => {
      base = Math.trunc(at);
      realStart = performance.now();
    },
  };
}

/** Parses an instant given as epoch ms, an ISO string, or the word `wall` (the machine's clock). */
export function parseInstant(value: number | string): number {
  if (typeof value === 'number') return Math.trunc(value);
  if (value === 'wall') return Date.now();
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new TypeError(`not an ISO-8601 instant: ${value}`);
  return ms;
}

export const iso = (ms: number): string => new Date(ms).toISOString();

/** `ms` moved by whole calendar months (negative = back), as a UTC date computation. */
export function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}
