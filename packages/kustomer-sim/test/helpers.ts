/** Shared test helpers: a simulator per test, and small clients that page the way a tap would. */
import type { Test } from 'tap';
import { start, type KindName, type Sim, type SimOptions } from '../src/index.js';

/** A frozen-clock simulator with budgets too large to matter, unless the test sets its own. */
export async function withSim(t: Test, options: SimOptions = {}): Promise<Sim> {
  const sim = await start({ frozenClock: true, rateLimits: { orgPerMinute: 1e9, searchPerMinute: 1e9 }, ...options });
  t.teardown(() => sim.stop());
  return sim;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly json: any;
}

export async function api(sim: Sim, method: string, path: string, body?: unknown, token: string | null = sim.apiToken): Promise<ApiResponse> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(sim.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text === '' ? undefined : JSON.parse(text) };
}

export const search = (sim: Sim, body: unknown, page: number, pageSize: number, token?: string): Promise<ApiResponse> =>
  api(sim, 'POST', `/v1/customers/search?page=${page}&pageSize=${pageSize}`, body, token);

export const updatedBody = (context: string, operator: string, at: string, sort: 'asc' | 'desc' = 'asc', field = `${context}_updated_at`) => ({
  queryContext: context,
  and: [{ [field]: { [operator]: at } }],
  sort: [{ [field]: sort }],
});

/** Follows `links.next` (re-POSTing the same body for search) and returns every page's data in order. */
export async function followPages(sim: Sim, method: 'GET' | 'POST', firstPath: string, body?: unknown): Promise<{ records: any[]; pages: number }> {
  const records: any[] = [];
  let path: string | null = firstPath;
  let pages = 0;
  while (path !== null) {
    const response = await api(sim, method, path, body);
    if (response.status !== 200) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.json)}`);
    records.push(...response.json.data);
    pages++;
    path = response.json.links.next;
    if (pages > 10_000) throw new Error('runaway pagination');
  }
  return { records, pages };
}

export const ids = (records: readonly any[]): string[] => records.map((record) => record.id as string);

/**
 * The reference answer to a search, by brute force and independent of the search code: every record of the
 * kinds generated one by one, kept when its served updatedAt lies within 2 calendar years of `now` (research
 * 2.5) and `keep` accepts it, sorted by updatedAt. The sort is stable over kinds in context order and records
 * in index order: the tie order the README promises.
 */
export function reference(sim: Sim, kinds: readonly KindName[], keep: (updatedAt: number) => boolean = () => true, now = sim.clock.now()): any[] {
  const horizon = new Date(now);
  horizon.setUTCFullYear(horizon.getUTCFullYear() - 2);
  const records = kinds.flatMap((kind) => Array.from({ length: sim.count(kind) }, (_, i) => sim.record(kind, i)));
  return records
    .map((record) => ({ record, at: Date.parse(record.attributes['updatedAt'] as string) }))
    .filter(({ at }) => at >= horizon.getTime() && keep(at))
    .sort((a, b) => a.at - b.at)
    .map(({ record }) => record);
}

export const referenceIds = (sim: Sim, kinds: readonly KindName[], keep?: (updatedAt: number) => boolean): string[] => ids(reference(sim, kinds, keep));
