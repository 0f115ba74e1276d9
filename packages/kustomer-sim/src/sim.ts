/**
 * `start()`: builds the synthetic org and serves it on 127.0.0.1. A thin orchestrator over dataset, clock,
 * limits, faults and the request pipeline.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClock, MAX_TIME_MS, parseInstant, type SimClock } from './clock.js';
import { Dataset, type UpdateRequest, type UpdateResult } from './dataset.js';
import type { Resource } from './data/world.js';
import { FaultInjector } from './http/faults.js';
import { handle, type PipelineDeps } from './http/pipeline.js';
import { RateLimiter } from './http/rate-limit.js';
import { DERIVED_CODES, type KindName } from './kinds.js';
import { resolveOptions, type SimOptions } from './options.js';
import { horizonOf } from './search/horizon.js';
import { hash, seedNumber, sequence } from './random.js';
import { RequestLog, type RequestLogEntry } from './request-log.js';

export interface Sim {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** The token holding every role. */
  readonly apiToken: string;
  readonly clock: SimClock;
  /** Changes or creates records, all with one updatedAt (the clock's now unless `at` is given). */
  update(request: UpdateRequest): UpdateResult;
  /** Every API request answered so far. */
  readonly requestLog: readonly RequestLogEntry[];
  clearRequestLog(): void;
  /** API responses being held back right now by `latencyMs` or a `slow` fault (they are not logged until sent). */
  readonly held: number;
  /** How many records of a kind exist (including created ones). */
  count(kind: KindName): number;
  /** The record at an index, exactly as the API serves it now. */
  record(kind: KindName, index: number): Resource;
  /** Ids of the records of a kind that search would return now (updatedAt within the 2-year horizon), in updatedAt order. */
  searchableIds(kind: KindName): readonly string[];
  stop(): Promise<void>;
}

export async function start(options: SimOptions = {}): Promise<Sim> {
  const resolved = resolveOptions(options);
  const seed = seedNumber(resolved.seed);
  const clock = createClock(parseInstant(resolved.now), resolved.frozenClock);
  const dataset = new Dataset(seed, resolved.scale, clock.now(), resolved.customAttributes, resolved.longTies);
  const log = new RequestLog(resolved.requestLog);
  const timers = new Set<NodeJS.Timeout>();
  const latencyRandom = sequence(hash(seed, 0x1a7e));
  const { min, max } = resolved.latency;
  const deps: PipelineDeps = {
    state: { dataset, clock, machineUserId: dataset.derivedId(DERIVED_CODES.machineUser, 0, dataset.historyStart) },
    admin: { dataset, clock, log },
    tokens: resolved.tokens,
    orgLimiter: new RateLimiter(resolved.orgPerMinute),
    searchLimiter: new RateLimiter(resolved.searchPerMinute),
    resetFormat: resolved.resetFormat,
    retryAfter: resolved.retryAfter,
    wallClock: resolved.wallClock,
    faults: new FaultInjector(resolved.faults, hash(seed, 0xfa17)),
    slowMs: resolved.slowMs,
    latency: () => (max <= min ? min : min + Math.floor(latencyRandom() * (max - min + 1))),
    log,
    sleep: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.add(timer);
      }),
  };
  const server = createServer((request, response) => {
    handle(deps, request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ code: 'internal_error', message: String(error), meta: {} }] }));
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const apiToken = [...resolved.tokens.keys()][0] ?? '';
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    apiToken,
    clock,
    update: (request) => dataset.update(request, clock.now()),
    get requestLog() {
      return log.entries;
    },
    clearRequestLog: () => log.clear(),
    get held() {
      return timers.size;
    },
    count: (kind) => dataset.count(kind),
    record: (kind, index) => dataset.record(kind, index),
    searchableIds: (kind) => {
      const timeline = dataset.timeline(kind);
      const out: string[] = [];
      for (const entry of timeline.entries({ lo: horizonOf(clock.now()), hi: MAX_TIME_MS }, false)) out.push(dataset.id(kind, entry.index));
      return out;
    },
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}


