// The tap-kustomer command line: --about and --version, the config contract (DESIGN.md 4: api_token or api_key,
// start_date required and checked, the region hosts), end_date, the horizon warning, and what a user watching
// stderr sees (progress lines, METRIC lines, a summary per stream).
import t from 'tap';
import { start } from '@kustomer-synapse/kustomer-sim';
import { tapConfig } from '../src/settings.js';
import { STREAMS, STREAM_NAMES, type StreamName } from '../src/streams.js';
import { expected, lastState, logLines, recordsOf, runTap, searchCatalog, simConfig, tempDir } from './support/tap-cli.js';

t.test('--about --format json lists the capabilities and every setting with a description; markdown too; --version prints the version', async (t) => {
  const dir = tempDir(t);
  const json = await runTap(dir, {}, { args: ['--about', '--format', 'json'], raw: true });
  t.equal(json.code, 0);
  const about = JSON.parse(json.stdout) as { capabilities: string[]; settings: { properties: Record<string, { description?: string }>; required: string[] } };
  t.same(about.capabilities, ['catalog', 'discover', 'state', 'about'], 'capabilities');
  const keys = ['api_token', 'api_key', 'start_date', 'end_date', 'base_url', 'org_name', 'region', 'page_size', 'max_requests_per_minute', 'search_requests_per_minute', 'lookback_seconds', 'user_agent', 'request_timeout_seconds'];
  t.same(Object.keys(about.settings.properties).sort(), [...keys].sort(), 'every setting of DESIGN.md section 4');
  t.ok(keys.every((key) => (about.settings.properties[key]?.description ?? '').length > 10), 'each with a description');
  t.same(about.settings.required, ['api_token', 'start_date'], 'api_token and start_date required');
  const markdown = await runTap(dir, {}, { args: ['--about', '--format', 'markdown'], raw: true });
  t.match(markdown.stdout, '| start_date | True |', 'markdown lists the settings');
  const version = await runTap(dir, {}, { args: ['--version'], raw: true });
  t.match(version.stdout, /^tap-kustomer v\d+\.\d+\.\d+/, '--version');
});

t.test('a missing or malformed start_date, or no api_token, is one line naming the setting', async (t) => {
  const dir = tempDir(t);
  const missing = await runTap(dir, { api_token: 'x' });
  t.equal(missing.code, 1);
  t.equal(logLines(missing, 'CRITICAL').length, 1, 'one line');
  t.match(logLines(missing, 'CRITICAL')[0], 'start_date is required', 'missing start_date');
  const malformed = await runTap(dir, { api_token: 'x', start_date: '2024-13-45' });
  t.match(logLines(malformed, 'CRITICAL')[0], /start_date must match format "date-time" \(got "2024-13-45"\)/, 'malformed start_date');
  const noKey = await runTap(dir, { start_date: '2024-01-01T00:00:00Z' });
  t.match(logLines(noKey, 'CRITICAL')[0], 'api_token is required', 'no key');
  t.equal(noKey.stdout, '', 'nothing on stdout');
});

t.test('region, org_name and base_url pick the API host as research/kustomer.md 2.2 says; api_key is accepted for api_token', async (t) => {
  const base = { start_date: '2024-01-01T00:00:00Z', page_size: 500, max_requests_per_minute: 1, search_requests_per_minute: 1, lookback_seconds: 0, request_timeout_seconds: 1 };
  t.equal(tapConfig({ ...base, api_token: 'k' }).baseUrl, 'https://api.kustomerapp.com', 'us by default');
  t.equal(tapConfig({ ...base, api_token: 'k', region: 'eu' }).baseUrl, 'https://api.prod2.kustomerapp.com', 'eu');
  t.equal(tapConfig({ ...base, api_token: 'k', region: 'in' }).baseUrl, 'https://api.prod4.kustomerapp.com', 'in');
  t.equal(tapConfig({ ...base, api_token: 'k', region: 'eu', org_name: 'acme' }).baseUrl, 'https://acme.api.kustomerapp.com', 'org_name wins over region');
  t.equal(tapConfig({ ...base, api_token: 'k', org_name: 'acme', base_url: 'http://127.0.0.1:9/v1/' }).baseUrl, 'http://127.0.0.1:9', 'base_url wins, without /v1');
  t.equal(tapConfig({ ...base, api_key: 'alias' }).apiToken, 'alias', 'api_key is the alias of api_token');
});

t.test('end_date bounds the sync, an old start_date warns naming the date search reaches, and stderr shows progress, METRICs and a summary per stream', async (t) => {
  const sim = await start({ seed: 3, scale: 2_000, frozenClock: true, latencyMs: 40, rateLimits: { orgPerMinute: 1e9, searchPerMinute: 1e9 } });
  t.teardown(() => sim.stop());
  const all = expected(sim, 'conversations').map((e) => e.updatedAt).sort((a, b) => Date.parse(a) - Date.parse(b));
  const endDate = all[Math.floor(all.length * 0.7)] as string;
  const run = await runTap(tempDir(t), simConfig(sim, { end_date: endDate, page_size: 100, api_key: sim.apiToken, api_token: undefined }), {
    catalog: searchCatalog(['conversations', 'notes']),
    env: { TAP_KUSTOMER_PROGRESS_INTERVAL_MS: '150' },
  });
  t.equal(run.code, 0, 'exit code 0 (with the key given as api_key)');
  const want = expected(sim, 'conversations').filter((e) => Date.parse(e.updatedAt) <= Date.parse(endDate));
  t.same(new Set(recordsOf(run, 'conversations').map((r) => r['id'])), new Set(want.map((e) => e.id)), `exactly the ${want.length} conversations updated up to end_date`);
  const bookmark = lastState(run)?.bookmarks['conversations'];
  t.ok(typeof bookmark === 'object' && Date.parse(bookmark.replication_key_value ?? '') <= Date.parse(endDate), 'the bookmark stays within end_date');

  const horizon = new Date();
  horizon.setUTCFullYear(horizon.getUTCFullYear() - 2);
  const warning = logLines(run, 'WARNING').find((line) => line.includes('start_date 2020-01-01T00:00:00Z is older than Kustomer search reaches'));
  t.ok(warning, 'a warning about the 2-year horizon');
  t.match(warning ?? '', `from ${horizon.toISOString().slice(0, 10)}`, 'naming the date search reaches');

  const progress = logLines(run, 'INFO').filter((line) => /stream conversations: \d+ records, \d+ records\/s, \d+ requests, bookmark /.test(line));
  t.ok(progress.length >= 2, `progress lines while the stream runs (${progress.length})`);
  t.ok(logLines(run, 'INFO').some((line) => new RegExp(`stream conversations done: ${want.length} records in [\\d.]+ s \\(\\d+ records/s\\), \\d+ requests, bookmark `).test(line)), 'a summary for conversations');
  t.ok(logLines(run, 'INFO').some((line) => line.includes('stream notes done: ')), 'and for notes');
  const counts = [...run.stderr.matchAll(/METRIC: (\{"type":"counter","metric":"record_count".*\})/g)].map((m) => JSON.parse(m[1] ?? '{}') as { value: number; tags: { endpoint: string } });
  t.equal(counts.filter((c) => c.tags.endpoint === 'conversations').reduce((sum, c) => sum + c.value, 0), want.length, 'record_count METRICs add up to the records written');
  t.match(run.stderr, /INFO tap-kustomer: METRIC: \{"type":"timer","metric":"http_request_duration","value":[\d.]+,"tags":\{"endpoint":"conversations","http_status_code":200,"status":"succeeded"\}\}/, 'http_request_duration METRICs in the Singer format');
  t.notOk(run.stderr.includes(sim.apiToken), 'the key is in no log line');
});

t.test('without a catalog every stream is synced: the search streams in table order, beside them the others in table order', async (t) => {
  const sim = await start({ seed: 1, scale: 100, frozenClock: true, rateLimits: { orgPerMinute: 1e9, searchPerMinute: 1e9 } });
  t.teardown(() => sim.stop());
  const run = await runTap(tempDir(t), simConfig(sim));
  const schemas = run.messages.filter((m) => m.type === 'SCHEMA').map((m) => String(m.stream));
  const isSearch = (name: string): boolean => STREAMS[name as StreamName].endpoint.kind === 'search';
  t.same([...schemas].sort(), [...STREAM_NAMES].sort(), 'every stream once');
  t.same(schemas.filter(isSearch), STREAM_NAMES.filter(isSearch), 'the search streams in table order');
  t.same(schemas.filter((name) => !isSearch(name)), STREAM_NAMES.filter((name) => !isSearch(name)), 'the others in table order');
  t.equal(schemas[0], STREAM_NAMES[0], 'the first search stream opens the run');
  t.same(logLines(run, 'CRITICAL'), [], 'no stream fails');
  t.ok(run.messages.some((m) => m.type === 'RECORD' && m.stream === 'conversation_attachments'), 'attachments of the conversations synced in this run arrive');
});
