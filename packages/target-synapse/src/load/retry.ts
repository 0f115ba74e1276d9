// Retries of a load step that failed with a transient error (sql-errors.ts decides which are): exponential
// backoff with full jitter, so loads that failed together (a failover, throttling) do not come back together.
// Anything terminal, or the last failure, is thrown as it is.
import type { Logger } from '@kustomer-synapse/singer';
import { isTransient } from './sql-errors.js';

export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. */
  readonly retries: number;
  /** The ceiling of the first wait; each retry doubles it, up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Azure SQL's guidance for 40501 ("The service is currently busy") is to retry after 10 seconds, and for
 * transient connection errors to wait at least 5 seconds before the first retry
 * (learn.microsoft.com/azure/azure-sql/database/troubleshoot-common-connectivity-issues#retry-logic-for-transient-errors).
 * With full jitter the mean of the first waits is half the ceiling, hence 10 s, growing to a minute.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 8, initialDelayMs: 10_000, maxDelayMs: 60_000 };

/** Pure: the wait before retry `retry` (1-based), drawn from [0, ceiling) with `random` in [0, 1). */
export function backoffDelay(policy: RetryPolicy, retry: number, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(ceiling * random);
}

export interface RetryContext {
  readonly policy: RetryPolicy;
  readonly log: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryHooks {
  /** Which failures to retry; default every transient one. Others are thrown at once. */
  readonly retryable?: (error: unknown) => boolean;
  /** Runs after each retried failure, before the wait (to drop a dead connection, say). */
  readonly beforeRetry?: (error: unknown) => Promise<void> | void;
}

/** Runs `work` until it succeeds, fails with an error it may not retry, or has failed `retries + 1` times. */
export async function withRetries<T>(ctx: RetryContext, what: string, work: (attempt: number) => Promise<T>, hooks: RetryHooks = {}): Promise<T> {
  const sleep = ctx.sleep ?? sleepFor;
  const random = ctx.random ?? Math.random;
  const retryable = hooks.retryable ?? isTransient;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (error) {
      if (!retryable(error) || attempt > ctx.policy.retries) throw error;
      await hooks.beforeRetry?.(error);
      const delay = backoffDelay(ctx.policy, attempt, random());
      ctx.log.warning(`${what} failed (attempt ${attempt} of ${ctx.policy.retries + 1}), retrying in ${delay} ms: ${error instanceof Error ? error.message : String(error)}`);
      await sleep(delay);
    }
  }
}
