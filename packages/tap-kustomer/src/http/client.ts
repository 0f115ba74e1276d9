// The one module that calls fetch (STYLE 3): auth, the org and search budgets, the status map (classify.ts) and
// retries. A response body that does not arrive whole (a reset, a timeout, a truncated body) is retried like a 5xx;
// nothing that classify calls fatal is retried. Time and randomness are injected so tests can run without waiting.
import { ConfigError, PermissionError } from '@kustomer-synapse/singer';
import { backoffMs, classify, rateLimitWaitMs, type RequestContext } from './classify.js';
import { RateBudget, type ServerWindow } from './rate-budget.js';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface ClientOptions {
  /** e.g. https://api.kustomerapp.com, or kustomer-sim's URL; requests go to this origin only. */
  readonly baseUrl: string;
  readonly apiToken: string;
  readonly userAgent: string;
  readonly timeoutMs: number;
  readonly orgPerMinute: number;
  readonly searchPerMinute: number;
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
  /** Called after every attempt, for metrics and progress; never sees the token. */
  readonly onAttempt?: (attempt: AttemptReport) => void;
}

export interface KustomerRequest {
  readonly method: 'GET' | 'POST';
  /** A path with its query (`/v1/users?page=2&pageSize=500`), or a `links.next` value as Kustomer sends it. */
  readonly path: string;
  readonly body?: unknown;
  /** Spends the search budget as well as the org budget. */
  readonly search: boolean;
  readonly context: Omit<RequestContext, 'host'>;
}

export interface AttemptReport {
  readonly stream: string;
  readonly method: string;
  readonly path: string;
  readonly status: number | 'network';
  readonly durationMs: number;
  readonly attempt: number;
}

/** Kustomer stayed unreachable or failing past the retry limit; the run cannot go on, but nothing is wrong with the config. */
export class KustomerUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'KustomerUnavailableError';
  }
}

/** Kustomer answered in a way the tap does not expect (a 400 or 404): a bug here or a change there. */
export class KustomerApiError extends Error {
  /** The HTTP status Kustomer answered with, when the error is an answer (a 404 a caller may expect, for one). */
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'KustomerApiError';
  }
}

/** A request's numbers in the budgets it was counted in (RateBudget.take). */
interface Tickets {
  readonly org: number;
  readonly search?: number;
}

/** Attempts for one request that fails transiently (5xx, reset, timeout, truncated body); 429s do not count. */
const MAX_TRANSIENT_ATTEMPTS = 8;

export class KustomerClient {
  private readonly origin: URL;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly fetch: typeof fetch;
  private readonly org: RateBudget;
  private readonly searchBudget: RateBudget;
  /** Searches that have their search token and wait only for the org budget (see waitForBudget). */
  private searchesWaitingForOrg = 0;
  /** One org request's share of a minute: how long a request that yields to a search waits before it looks again. */
  private readonly orgIntervalMs: number;

  constructor(private readonly options: ClientOptions) {
    this.origin = new URL(options.baseUrl);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.fetch = options.fetch ?? fetch;
    this.org = new RateBudget(options.orgPerMinute, this.clock.now());
    this.searchBudget = new RateBudget(options.searchPerMinute, this.clock.now());
    this.orgIntervalMs = Math.ceil(60_000 / options.orgPerMinute);
  }

  /** The parsed JSON body of a successful response. */
  async json(request: KustomerRequest): Promise<unknown> {
    const url = this.resolve(request.path, request.context.stream);
    const context: RequestContext = { ...request.context, host: this.origin.host };
    let transientFailures = 0;
    for (let attempt = 1; ; attempt++) {
      const tickets = await this.waitForBudget(request.search);
      const started = this.clock.now();
      let outcome: Awaited<ReturnType<KustomerClient['attempt']>>;
      try {
        outcome = await this.attempt(url, request);
      } catch (error) {
        this.report(request, 'network', started, attempt);
        this.settle(tickets, undefined);
        transientFailures++;
        if (transientFailures >= MAX_TRANSIENT_ATTEMPTS) {
          throw new KustomerUnavailableError(`stream ${context.stream}: ${request.method} ${url.pathname} failed ${transientFailures} times (${describeNetworkError(error)}); Kustomer may be down, run again later`, { cause: error });
        }
        await this.clock.sleep(backoffMs(transientFailures, this.random));
        continue;
      }
      this.report(request, outcome.status, started, attempt);
      this.settle(tickets, windowOf(outcome.header, this.clock.now()));
      const verdict = classify(outcome, context, transientFailures + 1, this.clock.now(), this.random);
      if (verdict.kind === 'ok') {
        if (outcome.json !== undefined) return outcome.json;
        transientFailures++; // a 2xx whose body did not arrive whole
        if (transientFailures >= MAX_TRANSIENT_ATTEMPTS) throw new KustomerUnavailableError(`stream ${context.stream}: ${request.method} ${url.pathname} returned an incomplete body ${transientFailures} times; run again later`);
        await this.clock.sleep(backoffMs(transientFailures, this.random));
      } else if (verdict.kind === 'retry') {
        if (outcome.status === 429) {
          const resetAt = this.clock.now() + rateLimitWaitMs(outcome.header, this.clock.now());
          (request.search ? this.searchBudget : this.org).exhausted(resetAt);
          continue; // the budget now waits for the reset
        }
        transientFailures++;
        if (transientFailures >= MAX_TRANSIENT_ATTEMPTS) throw new KustomerUnavailableError(`stream ${context.stream}: ${request.method} ${url.pathname} failed ${transientFailures} times (${verdict.reason}); Kustomer may be down, run again later`);
        await this.clock.sleep(verdict.waitMs);
      } else if (verdict.category === 'configuration') {
        throw new ConfigError(verdict.message);
      } else if (verdict.category === 'permission') {
        throw new PermissionError(verdict.message);
      } else {
        throw new KustomerApiError(verdict.message, outcome.status);
      }
    }
  }

  /** A path or a `links.next` value on the configured origin; a link to any other origin is never sent the key. */
  private resolve(path: string, stream: string): URL {
    const url = new URL(path, this.origin);
    if (url.origin !== this.origin.origin) {
      throw new KustomerApiError(`stream ${stream}: Kustomer sent a link to ${url.origin}, not ${this.origin.origin}; the tap does not send the API key there`);
    }
    return url;
  }

  /**
   * Waits until the request may go, then counts it in its budgets (both, or neither). A search needs an org token
   * as well as a search token, and takes the org token first: while a search waits only for the org budget, other
   * requests hold back, or the attachments in flight beside a search stream would take every org token as it
   * refills and leave search well under its own budget.
   */
  private async waitForBudget(search: boolean): Promise<Tickets> {
    for (;;) {
      const now = this.clock.now();
      const orgWait = this.org.waitMs(now);
      const searchWait = search ? this.searchBudget.waitMs(now) : 0;
      const yieldToSearch = !search && this.searchesWaitingForOrg > 0;
      if (orgWait === 0 && searchWait === 0 && !yieldToSearch) {
        return { org: this.org.take(now), ...(search ? { search: this.searchBudget.take(now) } : {}) };
      }
      const waitsForOrg = search && searchWait === 0;
      if (waitsForOrg) this.searchesWaitingForOrg++;
      try {
        await this.clock.sleep(Math.max(orgWait, searchWait, yieldToSearch ? this.orgIntervalMs : 0));
      } finally {
        if (waitsForOrg) this.searchesWaitingForOrg--;
      }
    }
  }

  private settle(tickets: Tickets, window: ServerWindow | undefined): void {
    // The headers describe whichever budget has less left (research 2.7); a search is bound by both.
    const now = this.clock.now();
    this.org.observe(tickets.search === undefined ? window : undefined, now, tickets.org);
    if (tickets.search !== undefined) this.searchBudget.observe(window, now, tickets.search);
  }

  private async attempt(url: URL, request: KustomerRequest) {
    const response = await this.fetch(url, {
      method: request.method,
      headers: {
        authorization: `Bearer ${this.options.apiToken}`,
        accept: 'application/json',
        'user-agent': this.options.userAgent,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: AbortSignal.timeout(this.options.timeoutMs),
      redirect: 'error',
    });
    const bodyText = await response.text();
    let json: unknown;
    if (response.ok) {
      try {
        json = JSON.parse(bodyText);
      } catch {
        json = undefined; // truncated or not JSON: retried
      }
    }
    return { status: response.status, header: (name: string) => response.headers.get(name), bodyText, json };
  }

  private report(request: KustomerRequest, status: number | 'network', started: number, attempt: number): void {
    this.options.onAttempt?.({ stream: request.context.stream, method: request.method, path: request.path, status, durationMs: this.clock.now() - started, attempt });
  }
}

function windowOf(header: (name: string) => string | null, nowMs: number): ServerWindow | undefined {
  const remaining = Number(header('x-ratelimit-remaining'));
  if (header('x-ratelimit-remaining') === null || !Number.isFinite(remaining)) return undefined;
  return { remaining, resetAtMs: nowMs + rateLimitWaitMs(header, nowMs) };
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? (error instanceof Error ? error.message : 'network error');
}
