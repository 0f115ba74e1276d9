// What to do with one Kustomer response: a pure function of (status, headers, body) and the request it answered.
// The only place that maps HTTP statuses to outcomes (STYLE 4, 5). Sources: research/kustomer.md 2.7 (rate limits:
// 429 until the window resets, x-ratelimit-reset), 2.8 (the two error body shapes), 2.1-2.2 (roles; keys work only in
// their issuing region). Retry-After is honoured whether it is seconds or an HTTP date (RFC 9110 10.2.3).

export interface ResponseFacts {
  readonly status: number;
  readonly header: (name: string) => string | null;
  readonly bodyText: string;
}

/** What the request was for, so that an error names it. Never holds a credential. */
export interface RequestContext {
  readonly stream: string;
  /** Host the tap talks to, for the 401 hint (keys work only in their region). */
  readonly host: string;
  /** The role the stream needs, for the 403 hint. */
  readonly role: string;
}

export type Verdict =
  | { readonly kind: 'ok' }
  | { readonly kind: 'retry'; readonly waitMs: number; readonly reason: string }
  | { readonly kind: 'fatal'; readonly category: 'configuration' | 'permission' | 'api'; readonly message: string };

/** One minute: Kustomer's rate-limit window (research 2.7). A wait longer than two windows is not believed. */
const RATE_WINDOW_MS = 60_000;
const MAX_RATE_WAIT_MS = 2 * RATE_WINDOW_MS;
/** Wake a little after the reset instant, so the first request lands in the new window. */
const RESET_MARGIN_MS = 250;
/** x-ratelimit-reset above this is an epoch time in seconds; below, seconds from now (research 10 leaves it open). */
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;
/** Backoff for 5xx and network failures: 1 s doubling to 32 s, full jitter (AWS architecture blog, "Exponential Backoff And Jitter"). */
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_CAP_MS = 32_000;

export function backoffMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** How long a 429 asks to wait: Retry-After, else x-ratelimit-reset, else one window. */
export function rateLimitWaitMs(header: (name: string) => string | null, nowMs: number): number {
  const retryAfter = header('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    const wait = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - nowMs;
    if (Number.isFinite(wait)) return clampWait(wait);
  }
  const reset = Number(header('x-ratelimit-reset'));
  if (header('x-ratelimit-reset') !== null && Number.isFinite(reset)) {
    return clampWait(reset > EPOCH_SECONDS_THRESHOLD ? reset * 1000 - nowMs + RESET_MARGIN_MS : reset * 1000 + RESET_MARGIN_MS);
  }
  return RATE_WINDOW_MS;
}

const clampWait = (ms: number): number => Math.min(MAX_RATE_WAIT_MS, Math.max(0, Math.round(ms)));

interface KustomerError {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly title?: unknown;
  readonly detail?: unknown;
  readonly source?: { readonly pointer?: unknown; readonly parameter?: unknown };
}

/** One line from either error body shape: `{errors:[{code,message}]}` or JSON:API `{errors:[{status,code,title,detail,source}]}`. */
export function describeErrorBody(bodyText: string): string {
  let first: KustomerError | undefined;
  try {
    const parsed = JSON.parse(bodyText) as { errors?: readonly KustomerError[] };
    first = Array.isArray(parsed.errors) ? parsed.errors[0] : undefined;
  } catch {
    first = undefined;
  }
  if (first === undefined) return bodyText.trim() === '' ? 'no error body' : 'a body that is not a Kustomer error';
  const text = [first.detail, first.message, first.title].find((v): v is string => typeof v === 'string' && v !== '') ?? 'no message';
  const code = typeof first.code === 'string' ? `${first.code}: ` : '';
  const where = typeof first.source?.pointer === 'string' ? ` (at ${first.source.pointer})`
    : typeof first.source?.parameter === 'string' ? ` (query parameter ${first.source.parameter})` : '';
  return `${code}${text}${where}`.replace(/\s+/g, ' ');
}

export function classify(response: ResponseFacts, request: RequestContext, attempt: number, nowMs: number, random: () => number): Verdict {
  const { status } = response;
  if (status >= 200 && status < 300) return { kind: 'ok' };
  if (status === 429) return { kind: 'retry', waitMs: rateLimitWaitMs(response.header, nowMs), reason: 'rate limited (429)' };
  if (status >= 500) return { kind: 'retry', waitMs: backoffMs(attempt, random), reason: `server error ${status}` };
  const detail = describeErrorBody(response.bodyText);
  if (status === 401) {
    return {
      kind: 'fatal', category: 'configuration',
      message: `Kustomer refused the API key at ${request.host} (401 ${detail}); check api_token, and that the key was issued in this region (region, base_url or org_name): keys work only where they were issued`,
    };
  }
  if (status === 403) {
    return {
      kind: 'fatal', category: 'permission',
      message: `stream ${request.stream} needs the role ${request.role}, which the API key lacks (403 ${detail}); create a key with that role, or deselect the stream`,
    };
  }
  return { kind: 'fatal', category: 'api', message: `Kustomer answered ${status} for stream ${request.stream} (${detail})` };
}
