// `npm run demo` as a user runs it (issue 11): `node scripts/demo.mjs` ends with exit 0, rows in every stream's
// table, an incremental sync that sent only the changed records, and nothing of its left running (Ctrl-C:
// demo-interrupt.test.ts). Row counts are read back from the demo's DuckDB file by a fresh synapse-sim
// and compared with a kustomer-sim of the same seed and scale, not taken from the demo's word.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KindName } from '@kustomer-synapse/kustomer-sim';
import { startStandIns } from '../scripts/stand-ins.mjs';
import { noneLeft, runDemo, SCALE } from './support/demo-run.js';

const SEARCH_KINDS: Readonly<Record<string, readonly KindName[]>> = {
  customers: ['customer'], conversations: ['conversation'], messages: ['message'], notes: ['note'], companies: ['company'],
  kobjects: ['kobject.order', 'kobject.subscription', 'kobject.return-request'],
};
const STREAMS = [
  'customers', 'conversations', 'messages', 'notes', 'companies', 'kobjects', 'users', 'teams', 'tags', 'shortcuts',
  'klasses', 'brands', 'slas', 'sla_versions', 'custom_attributes', 'conversation_attachments',
];
/** What scripts/demo/updates.mjs applies (its UPDATES), written out so that the test does not take the demo's word. */
const CHANGES: Readonly<Record<string, { modified: number; created: number }>> = {
  conversations: { modified: 50, created: 20 }, customers: { modified: 30, created: 0 }, messages: { modified: 60, created: 0 },
  kobjects: { modified: 10, created: 0 }, notes: { modified: 0, created: 0 }, companies: { modified: 0, created: 0 },
};

/** Rows of a table printed on stdout under `title`: the lines between its dashes and the next blank line. */
function printedTable(stdout: string, title: string): Map<string, readonly string[]> {
  const lines = stdout.slice(stdout.indexOf(title)).split('\n');
  const start = lines.findIndex((line) => /^-+ {2}-/.test(line)) + 1;
  const rows = new Map<string, readonly string[]>();
  for (const line of lines.slice(start)) {
    if (line.trim() === '') break;
    const cells = line.split(/ {2,}/);
    rows.set(cells[0] as string, cells.slice(1));
  }
  return rows;
}

const count = (cell: string | undefined): number => Number((cell ?? '').replaceAll(',', ''));

t.test('the demo loads every stream, then an incremental sync sends only the changed records, and leaves nothing running', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-test-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const run = await runDemo(dir);
  t.equal(run.code, 0, `exit 0 (stderr ends: ${run.stderr.slice(-600)})`);
  t.ok(run.pids.size >= 5, `the demo ran Azurite and two syncs of two processes each (${run.pids.size} processes seen)`);
  await noneLeft(t, run, dir);

  const first = printedTable(run.stdout, 'Sync 1');
  t.same([...first.keys()], STREAMS, 'the summary names every stream');
  for (const [stream, [table, rows]] of first) t.ok(table === stream && count(rows) > 0, `${stream}: table ${table} has ${rows} rows`);
  const second = printedTable(run.stdout, 'Sync 2');
  for (const [stream, changed] of Object.entries(CHANGES)) {
    const [sent, modified, created, atBookmark, verdict] = second.get(stream) ?? [];
    t.same([count(modified), count(created)], [changed.modified, changed.created], `${stream}: the updates applied are printed`);
    t.ok(count(atBookmark) >= 1 && count(atBookmark) <= 50, `${stream}: ${atBookmark} record(s) at the inclusive bookmark (a burst is at most 50)`);
    t.equal(count(sent), changed.modified + changed.created + count(atBookmark), `${stream}: sync 2 sent the ${changed.modified + changed.created} changed records and those at the bookmark, nothing else`);
    t.equal(verdict, 'yes', `${stream}: the demo agrees`);
  }

  // A fresh synapse-sim on the demo's DuckDB file, and a kustomer-sim of the same seed and scale.
  const check = await startStandIns({ kustomer: { scale: SCALE }, databaseFile: join(dir, 'synapse-sim.duckdb') });
  t.teardown(() => check.stop());
  for (const [stream, kinds] of Object.entries(SEARCH_KINDS)) {
    const inHorizon = kinds.reduce((sum, kind) => sum + check.kustomer.searchableIds(kind).length, 0);
    t.equal(count(first.get(stream)?.[1]), inHorizon, `${stream}: sync 1 loaded every record search returns (${inHorizon})`);
    t.equal(await check.rowCount(stream), inHorizon + (CHANGES[stream]?.created ?? 0), `${stream}: the table holds them plus the created ones`);
  }
  t.equal(await check.rowCount('users'), check.kustomer.count('user'), 'users: every user');
});

