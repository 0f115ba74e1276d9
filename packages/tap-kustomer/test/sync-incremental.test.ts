// Incremental (issue 8 acceptance): after a first sync, the simulator's clock advances and updates land (a
// 600-record tie among them); a second sync from the first run's last STATE emits exactly the changed records plus
// the lookback window. Expected sets come from the simulator's update results and its records.
import t from 'tap';
import { start } from '@kustomer-synapse/kustomer-sim';
import { expected, lastState, recordsOf, runTap, searchCatalog, simConfig, tempDir, type State } from './support/tap-cli.js';

const LOOKBACK_SECONDS = 6 * 3600;

t.test('a second sync from the last STATE emits exactly the changed records (a 600-record tie included) plus the lookback window, and nothing else', async (t) => {
  const sim = await start({ seed: 8, scale: 4_000, frozenClock: true, rateLimits: { orgPerMinute: 1e9, searchPerMinute: 1e9 } });
  t.teardown(() => sim.stop());
  const dir = tempDir(t);
  const config = simConfig(sim, { lookback_seconds: LOOKBACK_SECONDS });
  const catalog = searchCatalog(['customers', 'conversations', 'notes']);
  const first = await runTap(dir, config, { catalog });
  t.equal(first.code, 0, 'the first sync succeeds');
  const state = lastState(first) as State;
  const bookmark = (stream: string): string => (state.bookmarks[stream] as { replication_key_value: string }).replication_key_value;

  sim.clock.advance(3_600_000);
  const tie = sim.update({ kind: 'conversation', modify: 600 });
  sim.clock.advance(1_000);
  const created = sim.update({ kind: 'conversation', create: 25 });
  sim.clock.advance(60_000);
  const customers = sim.update({ kind: 'customer', modify: 40 });

  const second = await runTap(dir, config, { catalog, state });
  t.equal(second.code, 0, 'the second sync succeeds');
  for (const [stream, changed] of [['conversations', [...tie.modified, ...created.created]], ['customers', customers.modified], ['notes', []]] as const) {
    const from = new Date(Date.parse(bookmark(stream)) - LOOKBACK_SECONDS * 1000).toISOString();
    const windowIds = expected(sim, stream, from).map((e) => e.id);
    const got = recordsOf(second, stream).map((r) => r['id'] as string);
    t.equal(new Set(got).size, got.length, `${stream}: none twice`);
    t.same(new Set(got), new Set(windowIds), `${stream}: exactly the records updated since bookmark - lookback (${windowIds.length})`);
    const unchangedInWindow = windowIds.filter((id) => !(changed as readonly string[]).includes(id));
    t.ok((changed as readonly string[]).every((id) => got.includes(id)), `${stream}: all ${changed.length} changed records`);
    t.ok(unchangedInWindow.length > 0, `${stream}: the window re-reads ${unchangedInWindow.length} unchanged records`);
    t.equal(got.length, changed.length + unchangedInWindow.length, `${stream}: and nothing else`);
  }
  const tied = recordsOf(second, 'conversations').filter((r) => r['updated_at'] === tie.updatedAt);
  t.equal(tied.length, 600, 'all 600 records of the tie, once each');
  const next = lastState(second) as State;
  t.same(next.bookmarks['conversations'], { replication_key: 'updated_at', replication_key_value: created.updatedAt }, 'the conversations bookmark moved to the newest update');
  t.same(next.bookmarks['notes'], state.bookmarks['notes'], 'a stream with no change keeps its bookmark (the lookback never moves it back)');
});

t.test('a flat singer-io state is accepted and written back in the SDK form', async (t) => {
  const sim = await start({ seed: 2, scale: 300, frozenClock: true, rateLimits: { orgPerMinute: 1e9, searchPerMinute: 1e9 } });
  t.teardown(() => sim.stop());
  const all = expected(sim, 'notes').sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
  const middle = all[Math.floor(all.length / 2)] as { updatedAt: string };
  const run = await runTap(tempDir(t), simConfig(sim), { catalog: searchCatalog(['notes', 'companies']), state: { bookmarks: { notes: middle.updatedAt, companies: '2030-01-01T00:00:00Z' } } });
  t.equal(run.code, 0);
  const got = recordsOf(run, 'notes');
  t.same(new Set(got.map((r) => r['id'])), new Set(all.filter((e) => Date.parse(e.updatedAt) >= Date.parse(middle.updatedAt)).map((e) => e.id)), 'notes from the flat bookmark on');
  t.equal(recordsOf(run, 'companies').length, 0, 'nothing after a bookmark in the future');
  t.same(lastState(run)?.bookmarks['companies'], { replication_key: 'updated_at', replication_key_value: '2030-01-01T00:00:00Z' }, 'an unmoved flat bookmark is written back in the SDK form');
});
