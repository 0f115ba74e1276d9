// A tie past what one search reaches (issue 8 acceptance): 50,001 conversations sharing one updatedAt are more than
// 100 pages of 500. They are synced completely by splitting the instant by createdAt (a documented search criterion,
// tie-split.ts), and the sync goes on past them. (One that cannot be split: sync-ties.test.ts.)
import t from 'tap';
import { start } from '@kustomer-synapse/kustomer-sim';
import { expected, lastState, recordsOf, runTap, schemaFields, searchCatalog, simConfig, tempDir } from './support/tap-cli.js';

const EVERY_OTHER_FIELD = schemaFields('conversations').filter((field) => field !== 'id' && field !== 'updated_at');
const fastSim = (scale: number) => start({ seed: scale, scale, frozenClock: true, requestLog: true, rateLimits: { orgPerMinute: 1e9, searchPerMinute: 1e9 } });

t.test('50,001 conversations sharing one updatedAt are synced completely through createdAt windows, each once, and the sync goes on past them', async (t) => {
  const sim = await fastSim(50_001);
  t.teardown(() => sim.stop());
  const { updatedAt: at } = sim.update({ kind: 'conversation', modify: 50_001 });
  sim.clock.advance(1_000);
  const later = sim.update({ kind: 'conversation', create: 30 });
  const run = await runTap(tempDir(t), simConfig(sim), { catalog: searchCatalog(['conversations'], EVERY_OTHER_FIELD) });
  t.equal(run.code, 0, 'exit code 0');
  const got = recordsOf(run, 'conversations');
  const ids = got.map((r) => r['id'] as string);
  t.equal(new Set(ids).size, ids.length, 'no duplicates');
  t.same(new Set(ids), new Set(expected(sim, 'conversations').map((e) => e.id)), `all ${expected(sim, 'conversations').length} conversations`);
  t.equal(got.filter((r) => r['updated_at'] === at).length, 50_001, `all 50,001 at ${at}`);
  t.same(got.slice(-30).map((r) => r['id']), later.created, 'then the 30 created after the tie');
  t.same(lastState(run)?.bookmarks['conversations'], { replication_key: 'updated_at', replication_key_value: later.updatedAt }, 'the bookmark moved past the tie');
  const searches = sim.requestLog.filter((entry) => entry.path === '/v1/customers/search').length;
  t.ok(searches < 250, `${searches} searches for 50,031 records`);
});
