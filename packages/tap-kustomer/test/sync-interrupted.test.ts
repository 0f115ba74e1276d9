// Interrupted runs (issue 8 acceptance): the CLI is killed with SIGKILL at 5 seeded points and each time rerun from
// the last STATE it printed (what Meltano stores); after a last run to the end, the union of the runs holds every
// record. A kill inside a stream leaves currently_syncing naming it, and the next run starts with that stream.
import t from 'tap';
import { start } from '@kustomer-synapse/kustomer-sim';
import { expected, lastState, recordsOf, runTap, searchCatalog, seeded, simConfig, tempDir, type State, type TapRun } from './support/tap-cli.js';

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
