// One request budget (the org's, or the search budget on top of it): a token bucket at the configured rate, held
// back further by what the server says is left in its window (x-ratelimit-remaining / x-ratelimit-reset,
// research/kustomer.md 2.7). Time is passed in, so the budget is tested without waiting.

/** Kustomer counts requests per 60 s window (research 2.7). */
const WINDOW_MS = 60_000;
/** The bucket holds this share of a minute's requests, so a fresh run starts at once without bursting a whole window. */
const BURST_SHARE = 1 / 6;

export interface ServerWindow {
  /** x-ratelimit-remaining: requests left in the server's current window. */
  readonly remaining: number;
  /** When that window ends (epoch ms). */
  readonly resetAtMs: number;
}

/**
 * What the server last said, and which requests it cannot have counted yet: those sent after the one it answered
 * (`ticket`), and those sent before it that were still unanswered then (`backlog`; they may have reached the server
 * after it did). Counting a later answer again instead would hold the budget back for nothing.
 */
interface Report {
  readonly window: ServerWindow;
  readonly ticket: number;
  readonly backlog: number;
}

export class RateBudget {
  private tokens: number;
  private refilledAtMs: number;
  private report: Report | undefined;
  /** Requests counted so far; the last one's number is its ticket. */
  private taken = 0;
  /** Tickets of the requests not answered yet. */
  private readonly outstanding = new Set<number>();
  private readonly capacity: number;

  constructor(
    readonly perMinute: number,
    nowMs: number,
  ) {
    this.capacity = Math.max(1, Math.floor(perMinute * BURST_SHARE));
    this.tokens = this.capacity;
    this.refilledAtMs = nowMs;
  }

  /** Milliseconds to wait before the next request may go; 0 means it may go now, and it has been counted. */
  reserve(nowMs: number): number {
    const wait = this.waitMs(nowMs);
    if (wait === 0) this.take(nowMs);
    return wait;
  }

  /** Milliseconds until a request may go (0: now), spending nothing. */
  waitMs(nowMs: number): number {
    this.refill(nowMs);
    const report = this.report;
    if (report !== undefined && nowMs < report.window.resetAtMs && report.window.remaining - report.backlog - (this.taken - report.ticket) <= 0) {
      return report.window.resetAtMs - nowMs;
    }
    if (this.tokens < 1) return Math.ceil(((1 - this.tokens) * WINDOW_MS) / this.perMinute);
    return 0;
  }

  /** Counts a request that goes now (after `waitMs` said 0); returns its ticket, for `observe`. */
  take(nowMs: number): number {
    this.refill(nowMs);
    this.tokens -= 1;
    this.taken++;
    this.outstanding.add(this.taken);
    return this.taken;
  }

  /**
   * The answer to request `ticket` (default: the latest), with what its headers said of this budget; without a
   * window (the headers spoke of the other budget, or no answer came) it only ends the request. Answers may come
   * out of order: an older request's report never replaces a newer one's in the same window.
   */
  observe(window: ServerWindow | undefined, nowMs: number, ticket = this.taken): void {
    this.outstanding.delete(ticket);
    if (window === undefined) return;
    const report = this.report;
    if (report === undefined || nowMs >= report.window.resetAtMs || window.resetAtMs > report.window.resetAtMs || ticket > report.ticket) {
      let backlog = 0;
      for (const older of this.outstanding) if (older < ticket) backlog++;
      this.report = { window, ticket, backlog };
    }
  }

  /** After a 429: nothing is left until the window the server named ends. */
  exhausted(resetAtMs: number): void {
    this.report = { window: { remaining: 0, resetAtMs }, ticket: this.taken, backlog: 0 };
  }

  private refill(nowMs: number): void {
    const elapsed = Math.max(0, nowMs - this.refilledAtMs);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.perMinute) / WINDOW_MS);
    this.refilledAtMs = nowMs;
  }
}
