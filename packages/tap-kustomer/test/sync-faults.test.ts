// Faults (issue 8 acceptance) through the CLI: with 5 % injected faults (429, 5xx, resets, truncated bodies) the sync
// completes with complete data; a 401 ends it at once naming the key and the region; a 403 names the role.
import t from 'tap';
import { ALL_ROLES, start } from '@kustomer-synapse/kustomer-sim';
import { expected, logLines, recordsOf, runTap, searchCatalog, simConfig, tempDir } from './support/tap-cli.js';

t.test('with 5 % injected faults (429, 5xx, resets, truncated bodies) the sync completes with every record once', async (t) => {
  const sim = await start({
    seed: 9, scale: 6_000, frozenClock: true,
    faults: { probability: 0.05, seed: 4, kinds: ['429', '500', '502', '503', 'reset', 'truncate'] },
    // The server's clock runs 55 s behind the tap's, so a 429's x-ratelimit-reset (the window end, epoch seconds)
    // is at most ~5 s away for the tap rather than up to 60 s: the wait is real, the test stays short.
    rateLimits: { orgPerMinute: 1e9, searchPerMinute: 1e9, wallClock: () => Date.now() - 55_000 },
  });
  t.teardown(() => sim.stop());
  const streams = ['customers', 'conversations', 'messages'] as const;
  const run = await runTap(tempDir(t), simConfig(sim, { page_size: 100, request_timeout_seconds: 5 }), { catalog: searchCatalog([...streams]) });
  t.equal(run.code, 0, 'exit code 0');
  for (const stream of streams) {
    const ids = recordsOf(run, stream).map((r) => r['id'] as string);
    t.equal(new Set(ids).size, ids.length, `${stream}: none twice`);
    t.same(new Set(ids), new Set(expected(sim, stream).map((e) => e.id)), `${stream}: every record`);
  }
  const faults = sim.requestLog.filter((r) => r.fault !== undefined).map((r) => r.fault);
  t.ok(faults.length >= 3, `faults injected: ${faults.join(', ')}`);
  t.ok(faults.includes('429') && faults.some((f) => f === 'reset' || f === 'truncate') && faults.some((f) => f?.startsWith('5')), 'a 429, a 5xx and a reset or truncated body among them');
  const failedRequests = (run.stderr.match(/"metric":"http_request_duration".*?"status":"failed"/g) ?? []).length;
  t.ok(failedRequests >= faults.filter((f) => f !== 'truncate').length, `each failed attempt has its http_request_duration METRIC (${failedRequests})`);
});

t.test('a 401 ends the sync at once with one line naming the API key and the region, and the key appears nowhere', async (t) => {
  const sim = await start({ seed: 1, scale: 50, frozenClock: true });
  t.teardown(() => sim.stop());
  const token = 'wrong-key-0123456789abcdef';
  const run = await runTap(tempDir(t), simConfig(sim, { api_token: token }), { catalog: searchCatalog(['customers', 'conversations']) });
  t.equal(run.code, 1, 'exit code 1');
  const critical = logLines(run, 'CRITICAL');
  t.equal(critical.length, 1, 'one error line');
  t.match(critical[0], /refused the API key at 127\.0\.0\.1:\d+ \(401 .*check api_token, and that the key was issued in this region \(region, base_url or org_name\)/, 'naming the key, the host and the region rule');
  t.equal(sim.requestLog.length, 1, 'after one request');
  t.equal(recordsOf(run, 'customers').length, 0, 'no records');
  t.notOk(run.stderr.includes(token) || run.stdout.includes(token), 'the key is in no output');
});

t.test('a 403 names the stream and the role the key lacks', async (t) => {
  const sim = await start({ seed: 1, scale: 50, frozenClock: true, tokens: { 'no-conversations': { roles: ALL_ROLES.filter((role) => role !== 'org.permission.conversation.read') } } });
  t.teardown(() => sim.stop());
  const run = await runTap(tempDir(t), simConfig(sim, { api_token: 'no-conversations' }), { catalog: searchCatalog(['customers', 'conversations']) });
  t.equal(run.code, 1, 'exit code 1');
  const critical = logLines(run, 'CRITICAL');
  t.equal(critical.length, 1, 'one error line');
  t.match(critical[0], 'stream conversations needs the role org.permission.search.create and org.permission.conversation.read', 'naming the stream and its roles');
  t.match(critical[0], /403 .*org\.permission\.conversation\.read/, 'with the role Kustomer says is missing');
  t.ok(recordsOf(run, 'customers').length > 0, 'the streams before it were synced');
});
