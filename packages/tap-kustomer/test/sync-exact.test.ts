// Exactness (issue 8 acceptance): the real CLI syncs every search stream of a seeded org of 20,000 conversations
// (with the default data's ties, runs longer than a page among them) from kustomer-sim. Expected: the simulator's
// records read directly, not through search.
import t from 'tap';
import { start } from '@kustomer-synapse/kustomer-sim';
import { SEARCH_STREAMS, expected, lastState, recordsOf, runTap, searchCatalog, simConfig, tempDir } from './support/tap-cli.js';

t.test('a full sync of 20,000 conversations emits every record of every search stream exactly once, with the simulator\'s ids and updated_at, SCHEMA first and a final STATE', async (t) => {
  const sim = await start({ seed: 20, scale: 20_000, frozenClock: true, requestLog: false, rateLimits: { orgPerMinute: 1e9, searchPerMinute: 1e9 } });
  t.teardown(() => sim.stop());
  const run = await runTap(tempDir(t), simConfig(sim), { catalog: searchCatalog(SEARCH_STREAMS) });
  t.equal(run.code, 0, 'exit code 0');

  for (const stream of SEARCH_STREAMS) {
    const want = expected(sim, stream);
    const got = recordsOf(run, stream);
    const ids = got.map((r) => r['id'] as string);
    t.equal(got.length, want.length, `${stream}: ${want.length} records`);
    t.equal(new Set(ids).size, ids.length, `${stream}: none twice`);
    const wantAt = new Map(want.map((w) => [w.id, w.updatedAt]));
    const wrong = got.filter((r) => wantAt.get(r['id'] as string) !== r['updated_at']);
    t.same(wrong.map((r) => r['id']), [], `${stream}: every id is the simulator's, with its updated_at`);
    const schemaAt = run.messages.findIndex((m) => m.type === 'SCHEMA' && m.stream === stream);
    const firstRecordAt = run.messages.findIndex((m) => m.type === 'RECORD' && m.stream === stream);
    t.ok(schemaAt >= 0 && schemaAt < firstRecordAt, `${stream}: SCHEMA before its first RECORD`);
    const latest = want.reduce((max, w) => (Date.parse(w.updatedAt) > Date.parse(max) ? w.updatedAt : max), want[0]?.updatedAt ?? '');
    t.same(lastState(run)?.bookmarks[stream], { replication_key: 'updated_at', replication_key_value: latest }, `${stream}: the final bookmark is its latest updatedAt, in the SDK form`);
  }
  t.equal(run.messages.at(-1)?.type, 'STATE', 'the last message is a STATE');
  t.equal(lastState(run)?.currently_syncing, null, 'currently_syncing is cleared at the end');
  const runs = new Map<string, number>();
  for (const w of expected(sim, 'conversations')) runs.set(w.updatedAt, (runs.get(w.updatedAt) ?? 0) + 1);
  t.ok(Math.max(...runs.values()) > 500, `the org has a conversation tie longer than a page (${Math.max(...runs.values())})`);

  // Values of every field type, against the simulator's raw record.
  const byId = new Map(recordsOf(run, 'conversations').map((r) => [r['id'] as string, r]));
  let checked = 0;
  for (let i = sim.count('conversation') - 1; i >= 0 && checked < 50; i -= 97) {
    const raw = sim.record('conversation', i);
    const got = byId.get(raw.id);
    if (got === undefined) continue;
    checked++;
    const a = raw.attributes as Record<string, unknown>;
    const rel = raw.relationships as Record<string, { data?: unknown }>;
    t.same(
      { name: got['name'], message_count: got['message_count'], channels: got['channels'], custom: got['custom'], sla: got['sla'], created_at: got['created_at'], customer: got['customer'], sla_data: got['sla_data'], links: got['links'], type: got['type'] },
      { name: a['name'], message_count: a['messageCount'], channels: a['channels'], custom: a['custom'], sla: a['sla'], created_at: a['createdAt'], customer: rel['customer']?.data, sla_data: rel['sla']?.data, links: raw.links, type: 'conversation' },
      `conversation ${raw.id}: string, integer, array, custom object, nested object, date-time, relationship and links values`,
    );
  }
  t.ok(checked >= 40, `${checked} conversations spot-checked`);
  const message = recordsOf(run, 'messages')[0] ?? {};
  t.type(message['conversation'], 'object', 'a message carries its conversation relationship');
});
