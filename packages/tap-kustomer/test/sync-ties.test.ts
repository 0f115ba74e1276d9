// Long ties (issue 8 acceptance): 1,200 and 30,000 conversations sharing one updatedAt are synced completely with
// no duplicates (50,001: sync-ties-50k.test.ts); 50,001 sharing updatedAt and createdAt to the millisecond cannot be
// split by createdAt and stop the stream with one line naming it and both instants, without skipping or looping. Records carry only id and updated_at here (the catalog deselects
// every other field), which also shows deselected fields never appear.
import t from 'tap';
import { start } from '@kustomer-synapse/kustomer-sim';
import type { Test } from 'tap';
import { expected, lastState, logLines, recordsOf, runTap, schemaFields, searchCatalog, simConfig, tempDir } from './support/tap-cli.js';

const EVERY_OTHER_FIELD = schemaFields('conversations').filter((field) => field !== 'id' && field !== 'updated_at');

async function tiedOrg(t: Test, scale: number, tied: number) {
  const sim = await start({ seed: scale, scale, frozenClock: true, requestLog: false, rateLimits: { orgPerMinute: 1e9, searchPerMinute: 1e9 } });
  t.teardown(() => sim.stop());
  const update = sim.update({ kind: 'conversation', modify: tied });
  return { sim, at: update.updatedAt };
}

for (const [scale, tied] of [[2_000, 1_200], [30_000, 30_000]] as const) {
  t.test(`${tied.toLocaleString('en-US')} conversations sharing one updatedAt are synced completely, each once`, async (t) => {
    const { sim, at } = await tiedOrg(t, scale, tied);
    const run = await runTap(tempDir(t), simConfig(sim), { catalog: searchCatalog(['conversations'], EVERY_OTHER_FIELD) });
    t.equal(run.code, 0, 'exit code 0');
    const got = recordsOf(run, 'conversations');
    const ids = got.map((r) => r['id'] as string);
    const want = expected(sim, 'conversations');
    t.equal(new Set(ids).size, ids.length, 'no duplicates');
    t.same(new Set(ids), new Set(want.map((w) => w.id)), `all ${want.length} conversations`);
    t.equal(got.filter((r) => r['updated_at'] === at).length, tied, `all ${tied} at ${at}`);
    t.same([...new Set(got.flatMap((r) => Object.keys(r)))].sort(), ['id', 'updated_at'], 'deselected fields never appear');
    t.same(lastState(run)?.bookmarks['conversations'], { replication_key: 'updated_at', replication_key_value: at }, 'the bookmark reaches the tie');
  });
}

t.test('50,001 conversations sharing updatedAt and createdAt stop the sync with one line naming the stream and both instants, nothing repeated', async (t) => {
  const sim = await start({ seed: 100, scale: 100, frozenClock: true, requestLog: true, rateLimits: { orgPerMinute: 1e9, searchPerMinute: 1e9 } });
  t.teardown(() => sim.stop());
  const { updatedAt: at } = sim.update({ kind: 'conversation', create: 50_001 });
  const run = await runTap(tempDir(t), simConfig(sim), { catalog: searchCatalog(['conversations', 'notes'], EVERY_OTHER_FIELD) });
  t.equal(run.code, 1, 'exit code 1');
  const critical = logLines(run, 'CRITICAL');
  t.equal(critical.length, 1, 'one error line');
  t.match(critical[0], `stream conversations: more than 50,000 records share updatedAt ${at} and createdAt ${at}`, 'naming the stream, the count and the instants');
  t.match(critical[0], `set start_date after ${at}`, 'and saying how to go on');
  t.notMatch(run.stderr, /\n\s+at /, 'no stack trace');
  const ids = recordsOf(run, 'conversations').map((r) => r['id'] as string);
  t.equal(new Set(ids).size, ids.length, `no duplicates among the ${ids.length} emitted`);
  const bookmark = lastState(run)?.bookmarks['conversations'];
  t.ok(typeof bookmark === 'object' && bookmark.replication_key_value === at, 'the bookmark stays at the tie');
  t.equal(recordsOf(run, 'notes').length, 0, 'the sync stopped there');
  const searches = sim.requestLog.filter((entry) => entry.path === '/v1/customers/search').length;
  t.ok(searches < 250, `${searches} searches, no loop`);
});
