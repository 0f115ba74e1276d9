// Interrupted runs (issue 8 acceptance): the CLI is killed with SIGKILL at 5 seeded points and each time rerun from
// the last STATE it printed (what Meltano stores); after a last run to the end, the union of the runs holds every
// record. A kill inside a stream leaves currently_syncing naming it, and the next run starts with that stream.
// Attachments, read as the conversations stream writes them, keep their own bookmark: a kill while they lag behind
// the conversations' bookmark loses none of them.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { start } from '@kustomer-synapse/kustomer-sim';
import { expected, lastState, recordsOf, runTap, searchCatalog, seeded, simConfig, tempDir, type State, type TapRun } from './support/tap-cli.js';

interface Entry {
  readonly tap_stream_id: string;
  readonly metadata: readonly { readonly breadcrumb: readonly string[]; readonly metadata: Record<string, unknown> }[];
}
const CATALOG = JSON.parse(readFileSync(new URL('../../../catalog.json', import.meta.url), 'utf8')) as { streams: Entry[] };
const selected = (entry: Entry): Entry => ({
  ...entry, metadata: entry.metadata.map((m) => (m.breadcrumb.length === 0 ? { ...m, metadata: { ...m.metadata, selected: true } } : m)),
});

const STREAMS = ['customers', 'conversations', 'messages', 'notes'] as const;

t.test('a sync killed with SIGKILL at 5 seeded points and rerun from the last STATE printed leaves out no record', async (t) => {
  const sim = await start({ seed: 5, scale: 5_000, frozenClock: true, requestLog: false, rateLimits: { orgPerMinute: 1e9, searchPerMinute: 1e9 } });
  t.teardown(() => sim.stop());
  const dir = tempDir(t);
  const config = simConfig(sim, { page_size: 200 });
  const catalog = searchCatalog([...STREAMS]);
  const total = STREAMS.reduce((sum, stream) => sum + expected(sim, stream).length, 0);
  const random = seeded(42);
  const runs: TapRun[] = [];
  let state: State | undefined;
  for (let kill = 0; kill < 5; kill++) {
    // A point somewhere in what is left, kept apart from the run's start so every run makes progress.
    const remaining = total - new Set(runs.flatMap((run) => STREAMS.flatMap((s) => recordsOf(run, s).map((r) => r['id'])))).size;
    const killAfterLines = 20 + Math.floor(random() * Math.max(1, remaining * 0.6));
    const run = await runTap(dir, config, { catalog, ...(state === undefined ? {} : { state }), killAfterLines });
    t.equal(run.signal, 'SIGKILL', `run ${kill + 1} was killed after ${killAfterLines} lines`);
    runs.push(run);
    const printed = lastState(run);
    if (state?.currently_syncing != null) {
      const firstSchema = run.messages.find((m) => m.type === 'SCHEMA')?.stream;
      t.equal(firstSchema, state.currently_syncing, `run ${kill + 1} resumed with ${state.currently_syncing}, the stream it was on`);
    }
    state = printed ?? state;
  }
  const last = await runTap(dir, config, { catalog, ...(state === undefined ? {} : { state }) });
  t.equal(last.code, 0, 'the last run completes');
  runs.push(last);
  t.equal(lastState(last)?.currently_syncing, null, 'and clears currently_syncing');
  for (const stream of STREAMS) {
    const union = new Set(runs.flatMap((run) => recordsOf(run, stream).map((r) => r['id'] as string)));
    const want = expected(sim, stream).map((e) => e.id);
    t.equal(want.filter((id) => !union.has(id)).length, 0, `${stream}: every one of ${want.length} records is in the union of the runs`);
    t.equal(union.size, want.length, `${stream}: and nothing else`);
  }
});

t.test('attachments too: a run killed after the conversations bookmark moved past conversations whose attachments were not read yet gets them on the rerun', async (t) => {
  const sim = await start({ seed: 6, scale: 1_500, frozenClock: true, requestLog: false, rateLimits: { orgPerMinute: 1e9, searchPerMinute: 1e9 } });
  t.teardown(() => sim.stop());
  const dir = tempDir(t);
  const config = simConfig(sim, { page_size: 100 });
  const catalog = { streams: CATALOG.streams.filter((s) => s.tap_stream_id === 'conversations' || s.tap_stream_id === 'conversation_attachments').map(selected) };
  // The attachments of the conversations search serves (inside the 2-year horizon), read from the sim directly.
  const want = new Set<string>();
  for (const conversation of expected(sim, 'conversations')) {
    const response = await fetch(`${sim.url}/v1/conversations/${conversation.id}/attachments?pageSize=100`, { headers: { authorization: `Bearer ${sim.apiToken}` } });
    for (const attachment of ((await response.json()) as { data: { id: string }[] }).data) want.add(attachment.id);
  }
  t.ok(want.size > 500, `the synced conversations have ${want.size} attachments`);
  const random = seeded(7);
  const runs: TapRun[] = [];
  let state: State | undefined;
  let behind = 0;
  for (let kill = 0; kill < 3; kill++) {
    const run = await runTap(dir, config, { catalog, ...(state === undefined ? {} : { state }), killAfterLines: 150 + Math.floor(random() * 600) });
    t.equal(run.signal, 'SIGKILL', `run ${kill + 1} was killed`);
    runs.push(run);
    const printed = lastState(run);
    const conversations = printed?.bookmarks['conversations'];
    const attachments = printed?.bookmarks['conversation_attachments'];
    const at = (b: typeof conversations): number => (typeof b === 'object' && b?.replication_key_value !== undefined ? Date.parse(b.replication_key_value) : 0);
    if (at(attachments) < at(conversations)) behind += 1;
    state = printed ?? state;
  }
  t.ok(behind > 0, `in ${behind} of 3 kills the attachments' bookmark was behind the conversations' (the case under test)`);
  const last = await runTap(dir, config, { catalog, ...(state === undefined ? {} : { state }) });
  t.equal(last.code, 0, 'the last run completes');
  runs.push(last);
  const union = new Set(runs.flatMap((run) => recordsOf(run, 'conversation_attachments').map((r) => r['id'] as string)));
  t.equal([...want].filter((id) => !union.has(id)).length, 0, `every one of ${want.size} attachments is in the union of the runs`);
  t.equal(union.size, want.size, 'and nothing else');
});
