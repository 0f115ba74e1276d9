// Both budgets at once (issue 8 "Budgets"): under an org budget of 300 and a search budget of 100 requests per 60 s
// window, a sync of conversations and their attachments uses each at 90 % or more in every whole window, with no
// 429. The search streams and the org-only streams run side by side; one after the other, the org budget would sit
// at a third (only searches) while conversations sync. Time is virtual (the simulator's windows and the client's
// clock share it) so that three windows take seconds, and a loaded machine slows the test without changing it.
import t from 'tap';
import { Writable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { start } from '@kustomer-synapse/kustomer-sim';
import { LineWriter, Logger, type Catalog } from '@kustomer-synapse/singer';
import { KustomerClient, type Clock } from '../src/http/client.js';
import { tapConfig } from '../src/settings.js';
import { SyncProgress } from '../src/sync/progress.js';
import { sync } from '../src/tap.js';

const WINDOW_MS = 60_000;
const ORG = 300;
const SEARCH = 100;

/**
 * Virtual time: it stands still while anything is in flight or still working, and when everything waits on a
 * sleep it jumps to the earliest wake-up. A request takes no time, so the budgets alone decide the pace.
 */
class VirtualTime implements Clock {
  private nowMs = Date.parse('2026-12-02T10:00:00.000Z');
  private readonly sleepers: { readonly at: number; readonly wake: () => void }[] = [];
  private inFlight = 0;
  private activity = 0;
  private seen = -1;
  private readonly pump = setInterval(() => this.advance(), 1);

  readonly now = (): number => this.nowMs;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise((wake) => {
      this.sleepers.push({ at: this.nowMs + ms, wake });
      this.activity++;
    });

  /** fetch, counted in flight until its body has arrived. */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    this.inFlight++;
    this.activity++;
    try {
      const response = await fetch(input, init);
      const body = await response.arrayBuffer();
      return new Response(body, { status: response.status, headers: response.headers });
    } finally {
      this.inFlight--;
      this.activity++;
    }
  };

  stop(): void {
    clearInterval(this.pump);
  }

  private advance(): void {
    if (this.inFlight > 0 || this.activity !== this.seen) {
      this.seen = this.activity;
      return;
    }
    this.sleepers.sort((a, b) => a.at - b.at);
    const next = this.sleepers[0];
    if (next === undefined) return;
    this.nowMs = Math.max(this.nowMs, next.at);
    while (this.sleepers[0] !== undefined && this.sleepers[0].at <= this.nowMs) this.sleepers.shift()?.wake();
    this.activity++;
  }
}

function catalogOf(streams: readonly string[]): Catalog {
  const catalog = JSON.parse(readFileSync(new URL('../../../catalog.json', import.meta.url), 'utf8')) as Catalog;
  return { streams: catalog.streams.filter((entry) => streams.includes(entry.tap_stream_id)) };
}

/** Requests each whole window counted, rebuilt as the simulator opens windows (src/http/rate-limit.ts there). */
function perWindow(times: readonly number[], endMs: number): number[] {
  const windows: { start: number; count: number }[] = [];
  for (const at of times) {
    const last = windows.at(-1);
    if (last === undefined || at >= last.start + WINDOW_MS) windows.push({ start: Math.floor(at / 1000) * 1000, count: 1 });
    else last.count++;
  }
  return windows.filter((w) => w.start + WINDOW_MS <= endMs).map((w) => w.count);
}

t.test('conversations and their attachments under budgets of 300 and 100 per minute use each at 90 % or more, with no 429', async (t) => {
  const clock = new VirtualTime();
  t.teardown(() => clock.stop());
  const sim = await start({ seed: 8, scale: 60_000, now: '2026-12-02T10:00:00.000Z', rateLimits: { orgPerMinute: ORG, searchPerMinute: SEARCH, wallClock: clock.now } });
  t.teardown(() => sim.stop());
  const sentAt: { at: number; search: boolean; status: number | 'network' }[] = [];
  const client = new KustomerClient({
    baseUrl: sim.url, apiToken: sim.apiToken, userAgent: 'tap-kustomer-test', timeoutMs: 30_000, orgPerMinute: ORG, searchPerMinute: SEARCH, clock, fetch: clock.fetch,
    onAttempt: (attempt) => sentAt.push({ at: clock.now(), search: attempt.path.startsWith('/v1/customers/search'), status: attempt.status }),
  });
  const config = tapConfig({ api_token: sim.apiToken, base_url: sim.url, start_date: '2020-01-01T00:00:00Z', page_size: 100, max_requests_per_minute: ORG, search_requests_per_minute: SEARCH });
  const logger = new Logger('tap-kustomer', 'warning', { write: () => true });
  // The sync needs about five windows; the output closes after three (as when a target stops), which ends it.
  const stopAt = clock.now() + 3 * WINDOW_MS + 5_000;
  const out = new Writable({ write: (_chunk, _encoding, done) => done(clock.now() >= stopAt ? new Error('the output closed') : undefined) });
  out.on('error', () => undefined);
  const writer = new LineWriter(out);
  const outcome = await sync({ client, config, state: { bookmarks: {} }, catalog: catalogOf(['conversations', 'conversation_attachments']), writer, logger, progress: new SyncProgress(logger, clock.now) }).then(() => 'finished', () => 'stopped');
  t.equal(outcome, 'stopped', 'the sync still had work after three windows');
  const endMs = sentAt.at(-1)?.at ?? 0;
  const org = perWindow(sentAt.filter((s) => s.status !== 429).map((s) => s.at), endMs);
  const search = perWindow(sentAt.filter((s) => s.search && s.status !== 429).map((s) => s.at), endMs);
  t.ok(org.length >= 2 && search.length >= 2, `whole windows: org ${org.join(', ')}; search ${search.join(', ')}`);
  for (const count of org) t.ok(count >= 0.9 * ORG && count <= ORG, `org window: ${count} of ${ORG}`);
  for (const count of search) t.ok(count >= 0.9 * SEARCH && count <= SEARCH, `search window: ${count} of ${SEARCH}`);
  t.equal(sentAt.filter((s) => s.status === 429).length, 0, 'no 429');
});
