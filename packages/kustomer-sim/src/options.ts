/** The simulator's knobs and their defaults (documented in README.md). */
import { DEFAULT_API_TOKEN, DEFAULT_NOW, DEFAULT_ORG_REQUESTS_PER_MINUTE, DEFAULT_SEARCH_REQUESTS_PER_MINUTE, DEFAULT_SLOW_MS } from './constants.js';
import type { TokenSpec } from './http/auth.js';
import type { FaultOptions } from './http/faults.js';
import type { ResetFormat } from './http/rate-limit.js';
import { ALL_ROLES } from './http/roles.js';

export interface RateLimitOptions {
  /** Org-wide requests per 60 s window; default 1,000 (Enterprise, research 2.7). */
  readonly orgPerMinute?: number;
  /** Search requests per 60 s window, on top of the org budget; default 100 (research 2.7). */
  readonly searchPerMinute?: number;
  /** Unit of `x-ratelimit-reset`; default epoch seconds. */
  readonly resetFormat?: ResetFormat;
  /** Whether a 429 also carries `Retry-After` (seconds); default false (research 10 leaves it open). */
  readonly retryAfter?: boolean;
  /**
   * The wall clock the windows follow, in epoch ms; default `Date.now`. Kustomer's windows and their reset are
   * real time, so they never follow the sim clock; a test that must cross a window boundary without waiting
   * a minute passes its own.
   */
  readonly wallClock?: () => number;
}

export interface LatencyRange {
  readonly min: number;
  readonly max: number;
}

export interface SimOptions {
  /** Data seed; the same seed and scale give the same data. Default 1. */
  readonly seed?: number | string;
  /** Number of conversations; other kinds are proportional (see kinds.ts). Default 100. */
  readonly scale?: number;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** The token holding every role; default `kustomer-sim-token`. */
  readonly apiToken?: string;
  /** More tokens with chosen roles, e.g. one lacking `org.permission.customer.read`. */
  readonly tokens?: Readonly<Record<string, TokenSpec>>;
  readonly rateLimits?: RateLimitOptions;
  readonly faults?: FaultOptions;
  /** Delay added to every API response, fixed or drawn (seeded) from a range. Default 0. */
  readonly latencyMs?: number | LatencyRange;
  /** Initial sim-clock time (ISO, epoch ms, or `wall`); the data's history ends here. Default 2026-01-01T00:00:00Z. */
  readonly now?: string | number;
  /** Stop the clock from following real time; it then moves only through the clock API. Default false. */
  readonly frozenClock?: boolean;
  /** Keep the request log (default true; the benchmark turns it off). */
  readonly requestLog?: boolean;
  /**
   * Whether the org has custom attributes (default true). An org defines its own (developer.kustomer.com
   * docs/concepts/custom-attributes: "Custom attributes are your own fields"), so a new org has none: with false,
   * every record's `custom` is `{}` and `GET /v1/metadata/{resource}` lists no properties.
   */
  readonly customAttributes?: boolean;
  /**
   * Whether some kinds have runs of more than a search page sharing one updatedAt from scale 10,000 on (default
   * true; bursts.ts). With false every run stays within 2 to 50 records: an org without bulk actions, workflows
   * or imports that stamp hundreds of records at once (research 4.6). The benchmarks use it to time taps that
   * loop on a longer tie (singer-io's).
   */
  readonly longTies?: boolean;
}

export interface ResolvedOptions {
  readonly seed: number | string;
  readonly scale: number;
  readonly port: number;
  readonly tokens: ReadonlyMap<string, TokenSpec>;
  readonly orgPerMinute: number;
  readonly searchPerMinute: number;
  readonly resetFormat: ResetFormat;
  readonly retryAfter: boolean;
  readonly wallClock: () => number;
  readonly faults: FaultOptions;
  readonly slowMs: number;
  readonly latency: LatencyRange;
  readonly now: string | number;
  readonly frozenClock: boolean;
  readonly requestLog: boolean;
  readonly customAttributes: boolean;
  readonly longTies: boolean;
}

export function resolveOptions(options: SimOptions): ResolvedOptions {
  const scale = options.scale ?? 100;
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`scale must be a positive integer, got ${scale}`);
  const tokens = new Map<string, TokenSpec>([[options.apiToken ?? DEFAULT_API_TOKEN, { roles: ALL_ROLES }]]);
  for (const [token, spec] of Object.entries(options.tokens ?? {})) tokens.set(token, spec);
  const latency = options.latencyMs ?? 0;
  return {
    seed: options.seed ?? 1,
    scale,
    port: options.port ?? 0,
    tokens,
    orgPerMinute: options.rateLimits?.orgPerMinute ?? DEFAULT_ORG_REQUESTS_PER_MINUTE,
    searchPerMinute: options.rateLimits?.searchPerMinute ?? DEFAULT_SEARCH_REQUESTS_PER_MINUTE,
    resetFormat: options.rateLimits?.resetFormat ?? 'epoch-seconds',
    retryAfter: options.rateLimits?.retryAfter ?? false,
    wallClock: options.rateLimits?.wallClock ?? Date.now,
    faults: options.faults ?? {},
    slowMs: options.faults?.slowMs ?? DEFAULT_SLOW_MS,
    latency: typeof latency === 'number' ? { min: latency, max: latency } : latency,
    now: options.now ?? DEFAULT_NOW,
    frozenClock: options.frozenClock ?? false,
    requestLog: options.requestLog ?? true,
    customAttributes: options.customAttributes ?? true,
    longTies: options.longTies ?? true,
  };
}
