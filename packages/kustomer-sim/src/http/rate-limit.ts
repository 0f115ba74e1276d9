/**
 * Fixed-window request budgets on the wall clock (research 2.7; the real server's windows are real time, so
 * they never follow the simulated data clock): a window opens at the first request after the previous one
 * closed (at the start of that second) and lasts 60 s; past the budget every request is a 429 until the
 * window resets.
 */
import { RATE_LIMIT_WINDOW_MS } from '../constants.js';

export interface Budget {
  readonly limit: number;
  readonly remaining: number;
  /** Epoch ms at which the current window closes. */
  readonly resetAt: number;
  readonly allowed: boolean;
}

export class RateLimiter {
  readonly limit: number;
  #windowEnd = -Infinity;
  #used = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  #roll(now: number): void {
    if (now >= this.#windowEnd) {
      // The window opens at the start of the current second, so its end is a whole epoch second (the header
      // is exact, never more than 60 s ahead, and a client that sleeps until it is never early).
      this.#windowEnd = Math.floor(now / 1000) * 1000 + RATE_LIMIT_WINDOW_MS;
      this.#used = 0;
    }
  }

  /** The budget without spending any of it. */
  peek(now: number): Budget {
    this.#roll(now);
    return { limit: this.limit, remaining: Math.max(0, this.limit - this.#used), resetAt: this.#windowEnd, allowed: this.#used < this.limit };
  }

  /** Spends one request if the budget allows it. */
  take(now: number): Budget {
    const before = this.peek(now);
    if (!before.allowed) return before;
    this.#used++;
    return { ...before, remaining: before.remaining - 1 };
  }
}

/**
 * `x-ratelimit-reset` format. Research 2.7 leaves its unit open: SIO reads it as epoch seconds, a Fivetran
 * example as seconds to wait. The simulator sends epoch seconds by default (of the wall clock).
 */
export type ResetFormat = 'epoch-seconds' | 'delta-seconds';

export function rateLimitHeaders(budget: Budget, now: number, format: ResetFormat): Record<string, string> {
  const reset = format === 'epoch-seconds' ? Math.ceil(budget.resetAt / 1000) : Math.max(0, Math.ceil((budget.resetAt - now) / 1000));
  return {
    'x-ratelimit-limit': String(budget.limit),
    'x-ratelimit-remaining': String(budget.remaining),
    'x-ratelimit-reset': String(reset),
  };
}
