/**
 * Every Kustomer limit the simulator reproduces, with its source in ../../../../shared/research/kustomer.md
 * (section numbers below refer to that file).
 */

/** Search returns at most 500 records per page; a larger pageSize is clamped, not refused (2.5: SIO PR #15). */
export const SEARCH_MAX_PAGE_SIZE = 500;
/** Search is hard-capped at 100 pages (2.5: OAS CustomerSearch description). */
export const SEARCH_MAX_PAGES = 100;
/** Search covers only objects whose updatedAt is within the last 2 years (2.5: OAS CustomerSearch). */
export const SEARCH_HORIZON_YEARS = 2;
/** The `and` / `or` / `not` arrays hold at most 20 criteria; `sort` at most 5 (2.5: OAS requestBody). */
export const SEARCH_MAX_CRITERIA = 20;
export const SEARCH_MAX_SORTS = 5;

/** Max pageSize of most lists is 100; users and teams allow 500 (2.6: KD-pagination). */
export const LIST_MAX_PAGE_SIZE = 100;
export const USERS_TEAMS_MAX_PAGE_SIZE = 500;
/**
 * pageSize when the request sends none. Kustomer's docs do not state it; every captured example link uses
 * pageSize=100 (2.3: OAS examples), so the simulator uses 100, capped at the endpoint's maximum.
 */
export const DEFAULT_PAGE_SIZE = 100;

/** The org-wide budget is counted per 60 s window (2.7: KD-rate-limits). */
export const RATE_LIMIT_WINDOW_MS = 60_000;
/** Enterprise plan: 1,000 requests per minute (2.7: KD-rate-limits). */
export const DEFAULT_ORG_REQUESTS_PER_MINUTE = 1_000;
/** Search by machine users (API keys): 100 requests per minute, separate from the org budget (2.7). */
export const DEFAULT_SEARCH_REQUESTS_PER_MINUTE = 100;

/**
 * The simulator's initial clock when none is given. A fixed instant keeps the data deterministic: the same seed
 * and scale give byte-identical records whatever day the simulator runs.
 */
export const DEFAULT_NOW = '2026-01-01T00:00:00.000Z';
/** The synthetic history spans 30 months before the initial clock, so a fifth of it lies past the 2-year horizon. */
export const HISTORY_MONTHS = 30;
/**
 * Largest request body read, 1 MiB (1,048,576 bytes); larger ones get a 413. Kustomer's own limit is
 * undocumented (README, inferences): the simulator's choice, far above the largest valid search body (20
 * criteria per list, 5 sorts).
 */
export const MAX_BODY_BYTES = 1_048_576;
/** The default API token accepted by the simulator (it holds every role). */
export const DEFAULT_API_TOKEN = 'kustomer-sim-token';
/** The delay of a `slow` fault: longer than any sensible client timeout. */
export const DEFAULT_SLOW_MS = 30_000;
