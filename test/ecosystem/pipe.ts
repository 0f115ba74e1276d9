/**
 * What the ecosystem tests share: fast stand-in settings, running tap-kustomer's CLI, the records the target
 * says it received, and the check that the warehouse tables hold exactly the simulator's records.
 */
import type { Test } from 'tap';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KindName, Sim } from '@kustomer-synapse/kustomer-sim';
import type { StandInOptions, StandIns } from '../../scripts/stand-ins.mjs';
import { KINDS } from '../../packages/tap-kustomer/test/support/tap-cli.js';
import { REPO_ROOT, runProgram, type RunResult } from '../support/python-venv.js';

export const TAP_BIN = join(REPO_ROOT, 'packages/tap-kustomer/bin/tap-kustomer.js');
export const TARGET_BIN = join(REPO_ROOT, 'packages/target-synapse/bin/target-synapse.js');
export const RUN_TIMEOUT_MS = 240_000;

/** A small org and budgets high enough that conversation_attachments (a request per conversation) is quick. */
export const FAST_ORG: StandInOptions = { kustomer: { scale: 40, customAttributes: false, rateLimits: { orgPerMinute: 100_000, searchPerMinute: 100_000 } } };
export const FAST_TAP_SETTINGS = { max_requests_per_minute: 100_000, search_requests_per_minute: 100_000 } as const;

/** The simulator kinds behind each search table (kobjects: the search context "kobject" covers every klass). */
export const KINDS_OF_TABLE: Readonly<Record<string, readonly KindName[]>> = KINDS;
/** The Kustomer list endpoint behind each full-table table. */
export const LIST_OF_TABLE: Readonly<Record<string, string>> = {
  users: '/v1/users', teams: '/v1/teams', tags: '/v1/tags', shortcuts: '/v1/shortcuts', brands: '/v1/brands', slas: '/v1/slas',
};

export async function tempDir(t: Test, prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function writeJson(dir: string, name: string, value: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(value));
  return file;
}

export function runTap(args: readonly string[], options: { readonly env?: Readonly<Record<string, string>> } = {}): Promise<RunResult> {
  return runProgram(process.execPath, [TAP_BIN, ...args], { timeoutMs: RUN_TIMEOUT_MS, ...options });
}

/** Records per stream that target-synapse reports receiving, from its record_count METRIC lines in a log. */
export function targetReceived(log: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const match of log.matchAll(/target-synapse: METRIC: (\{.*\})\s*$/gm)) {
    const metric = JSON.parse(match[1]!) as { metric: string; value: number; tags: { stream?: string } };
    if (metric.metric !== 'record_count' || metric.tags.stream === undefined) continue;
    counts[metric.tags.stream] = (counts[metric.tags.stream] ?? 0) + metric.value;
  }
  return counts;
}

/** Ids of a kind's records updated at or after `since` (every record when absent), sorted. */
export function simIds(sim: Sim, kinds: readonly KindName[], since?: string): string[] {
  const from = since === undefined ? -Infinity : Date.parse(since);
  const ids: string[] = [];
  for (const kind of kinds) {
    for (let index = 0; index < sim.count(kind); index++) {
      const record = sim.record(kind, index);
      if (Date.parse(String(record.attributes['updatedAt'])) >= from) ids.push(record.id);
    }
  }
  return ids.sort();
}

export async function tableIds(standIns: StandIns, table: string, schema?: string): Promise<string[]> {
  const quote = (name: string) => `[${name.replaceAll(']', ']]')}]`;
  const rows = await standIns.query(`SELECT id FROM ${quote(schema ?? 'kustomer')}.${quote(table)}`);
  return rows.map((row) => String(row['id'])).sort();
}

/** Ids a list endpoint serves, following `links.next`, sorted. */
export async function listedIds(sim: Sim, path: string): Promise<string[]> {
  const ids: string[] = [];
  for (let next: string | undefined = path; next !== undefined; ) {
    const response = await fetch(new URL(next, sim.url), { headers: { authorization: `Bearer ${sim.apiToken}` } });
    if (!response.ok) throw new Error(`GET ${next}: ${response.status}`);
    const page = (await response.json()) as { data: { id: string }[]; links?: { next?: string | null } };
    ids.push(...page.data.map((record) => record.id));
    next = page.links?.next ?? undefined;
  }
  return ids.sort();
}

/** Records the search streams re-read at their bookmark (search starts at `gte` the bookmark, inclusive). */
export function atBookmarks(sim: Sim, bookmarks: Readonly<Record<string, { readonly replication_key_value: string }>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(KINDS_OF_TABLE).map(([table, kinds]) => {
      const at = Date.parse(bookmarks[table]?.replication_key_value ?? '');
      let count = 0;
      for (const kind of kinds) {
        for (let index = 0; index < sim.count(kind); index++) if (Date.parse(String(sim.record(kind, index).attributes['updatedAt'])) === at) count++;
      }
      return [table, count];
    }),
  );
}

/** Every search and list table holds exactly the simulator's records (by id), and none is empty. */
export async function expectTablesMatchSim(t: Test, standIns: StandIns, startDate: string, when: string, schema?: string): Promise<void> {
  const expectations = [
    ...Object.entries(KINDS_OF_TABLE).map(([table, kinds]) => [table, simIds(standIns.kustomer, kinds, startDate)] as const),
    ...(await Promise.all(Object.entries(LIST_OF_TABLE).map(async ([table, path]) => [table, await listedIds(standIns.kustomer, path)] as const))),
  ];
  for (const [table, expected] of expectations) {
    t.ok(expected.length > 0, `${when}: the simulator holds ${table}`);
    t.same(await tableIds(standIns, table, schema), expected, `${when}: ${schema ?? 'kustomer'}.${table} holds the simulator's ${expected.length} records`);
  }
}
