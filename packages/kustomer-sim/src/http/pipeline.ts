/**
 * One API request, top to bottom: read the body, wait the latency, maybe inject a fault, authenticate, spend
 * the rate-limit budget, route, check roles, answer, log. Every response carries the x-ratelimit-* headers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { iso } from '../clock.js';
import { MAX_BODY_BYTES } from '../constants.js';
import type { RequestLog } from '../request-log.js';
import { ADMIN_PREFIX, handleAdmin, type AdminState } from './admin.js';
import { authenticate, authorize, type TokenTable } from './auth.js';
import { ApiError, notFound, shapeA } from './errors.js';
import type { FaultInjector, FaultKind } from './faults.js';
import { rateLimitHeaders, type Budget, type RateLimiter, type ResetFormat } from './rate-limit.js';
import { sendJson } from './respond.js';
import type { Reply, SimState } from './route.js';
import { matchRoute } from './routes.js';

export interface PipelineDeps {
  readonly state: SimState;
  readonly admin: AdminState;
  readonly tokens: TokenTable;
  readonly orgLimiter: RateLimiter;
  readonly searchLimiter: RateLimiter;
  readonly resetFormat: ResetFormat;
  readonly retryAfter: boolean;
  /** Epoch ms of real time: rate-limit windows and their headers follow it, not the sim clock. */
  readonly wallClock: () => number;
  readonly faults: FaultInjector;
  readonly slowMs: number;
  readonly latency: () => number;
  readonly log: RequestLog;
  /** Waits `ms`, cancelled (never resolving) when the simulator stops. */
  readonly sleep: (ms: number) => Promise<void>;
}


const INJECTED: Readonly<Record<'500' | '502' | '503', readonly [string, string]>> = {
  '500': ['internal_error', 'An unexpected error occurred.'],
  '502': ['bad_gateway', 'Bad gateway.'],
  '503': ['service_unavailable', 'The service is temporarily unavailable.'],
};

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  // An oversized body is read to its end but not kept, so the client can read the 413 instead of a broken pipe.
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) throw new ApiError(413, 'payload_too_large', 'Request body too large.');
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

interface Outcome {
  readonly status: number;
  readonly body: unknown;
  readonly budget: Budget;
}

function tooMany(): ApiError {
  return new ApiError(429, 'too_many_requests', 'Rate limit exceeded; retry after the time in x-ratelimit-reset.');
}

/** The moment a request is served: `now` on the sim clock (tokens, data), `wall` for the rate limits. */
interface Moment {
  readonly now: number;
  readonly wall: number;
}

function serve(deps: PipelineDeps, method: string, path: string, query: URLSearchParams, body: unknown, header: string | undefined, { now, wall }: Moment, fault: FaultKind | undefined): Outcome {
  let budget = deps.orgLimiter.peek(wall);
  try {
    if (fault === '429') {
      budget = { ...budget, remaining: 0 };
      throw tooMany();
    }
    if (fault === '500' || fault === '502' || fault === '503') {
      const [code, message] = INJECTED[fault];
      throw new ApiError(Number(fault), code, message);
    }
    if (typeof body === 'string') throw new ApiError(400, 'bad_request', 'Invalid request body or parameters.');
    const principal = authenticate(header, deps.tokens, now);
    const match = matchRoute(method, path);
    // A request refused by either budget spends neither.
    const isSearch = match?.route.search === true;
    if (!budget.allowed) throw tooMany();
    if (isSearch && !deps.searchLimiter.peek(wall).allowed) {
      budget = deps.searchLimiter.peek(wall);
      throw tooMany();
    }
    budget = deps.orgLimiter.take(wall);
    if (isSearch) {
      const searchBudget = deps.searchLimiter.take(wall);
      if (searchBudget.remaining < budget.remaining) budget = searchBudget;
    }
    if (match === undefined) throw notFound(path);
    authorize(principal, match.route.resources(body));
    const reply: Reply = match.route.handle({ state: deps.state, path, params: match.params, query, body, principal });
    return { ...reply, budget };
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, body: error.body(), budget };
    return { status: 500, body: shapeA('internal_error', error instanceof Error ? error.message : String(error)), budget };
  }
}

export async function handle(deps: PipelineDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const method = request.method ?? 'GET';
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  let body: unknown;
  try {
    body = await readBody(request);
  } catch (error) {
    const refused = error instanceof ApiError ? error : new ApiError(400, 'bad_request', 'Unreadable body.');
    if (path.startsWith(ADMIN_PREFIX)) {
      sendJson(response, refused.status, {}, refused.body(), false);
      return;
    }
    // An API response like any other: it carries the x-ratelimit-* headers and is logged (the body is not kept).
    const now = deps.state.clock.now();
    deps.log.add({ method, path, query: Object.fromEntries(url.searchParams), body: undefined, at: iso(now), status: refused.status });
    if (!response.destroyed) {
      const wall = deps.wallClock();
      sendJson(response, refused.status, rateLimitHeaders(deps.orgLimiter.peek(wall), wall, deps.resetFormat), refused.body(), false);
    }
    return;
  }
  if (path.startsWith(ADMIN_PREFIX)) {
    try {
      const reply = handleAdmin(deps.admin, method, path, body);
      sendJson(response, reply.status, {}, reply.body, false);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(500, 'internal_error', String(error));
      sendJson(response, apiError.status, {}, apiError.body(), false);
    }
    return;
  }
  const arrived = deps.state.clock.now();
  const entry = { method, path, query: Object.fromEntries(url.searchParams), body, at: iso(arrived) };
  const fault = deps.faults.decide(method, path);
  const delay = deps.latency() + (fault === 'slow' ? deps.slowMs : 0);
  if (delay > 0) await deps.sleep(delay);
  if (fault === 'reset') {
    deps.log.add({ ...entry, status: 0, fault });
    request.socket.resetAndDestroy();
    return;
  }
  const moment: Moment = { now: deps.state.clock.now(), wall: deps.wallClock() };
  const outcome = serve(deps, method, path, url.searchParams, body, request.headers.authorization, moment, fault);
  const headers = rateLimitHeaders(outcome.budget, moment.wall, deps.resetFormat);
  if (outcome.status === 429 && deps.retryAfter) headers['retry-after'] = String(Math.max(1, Math.ceil((outcome.budget.resetAt - moment.wall) / 1000)));
  deps.log.add(fault === undefined ? { ...entry, status: outcome.status } : { ...entry, status: outcome.status, fault });
  if (response.destroyed) return;
  sendJson(response, outcome.status, headers, outcome.body, fault === 'truncate');
}
