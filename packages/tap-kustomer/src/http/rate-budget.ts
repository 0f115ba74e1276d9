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

export class RateBudget {
  private tokens: number;
  private refilledAtMs: number;
  private server: ServerWindow | undefined;
  /** Requests sent since the server last told us what was left, not yet counted in `server.remaining`. */
  private unreported = 0;
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
    this.refill(nowMs);
    const server = this.server;
    if (server !== undefined && nowMs < server.resetAtMs && server.remaining - this.unreported <= 0) return server.resetAtMs - nowMs;
    if (this.tokens < 1) return Math.ceil(((1 - this.tokens) * WINDOW_MS) / this.perMinute);
    this.tokens -= 1;
    this.unreported += 1;
    return 0;
  }

  /** What a response's headers said; a response to an older request may arrive after a newer one's. */
  observe(window: ServerWindow | undefined, nowMs: number): void {
    this.unreported = Math.max(0, this.unreported - 1);
    if (window === undefined) return;
    if (this.server === undefined || window.resetAtMs > this.server.resetAtMs || window.remaining < this.server.remaining) this.server = window;
    if (nowMs >= this.server.resetAtMs) this.server = undefined;
  }

  /** After a 429: nothing is left until the window the server named ends. */
  exhausted(resetAtMs: number): void {
    this.server = { remaining: 0, resetAtMs };
    this.unreported = 0;
  }

  private refill(nowMs: number): void {
    const elapsed = Math.max(0, nowMs - this.refilledAtMs);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.perMinute) / WINDOW_MS);
    this.refilledAtMs = nowMs;
  }
}
