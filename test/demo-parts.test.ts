// The demo's pure parts and its templates: the configs in demo/ are what users copy, so every key must be a
// real setting of its program, and every placeholder must be one the demo fills.
import t from 'tap';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillTemplate } from '../scripts/demo/configs.mjs';
import { parseTapLine, TapTally } from '../scripts/demo/tap-log.mjs';
import { formatTable } from '../scripts/demo/table.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function about(bin: string): Promise<{ settings: { properties: Record<string, unknown>; required?: string[] } }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, bin), '--about', '--format', 'json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
    child.once('error', reject).once('close', () => resolve(JSON.parse(out)));
  });
}

for (const [template, bin] of [['tap-kustomer.json', 'packages/tap-kustomer/bin/tap-kustomer.js'], ['target-synapse.json', 'packages/target-synapse/bin/target-synapse.js']] as const) {
  t.test(`demo/${template} uses only settings that --about lists, and every required one`, async (t) => {
    const config = JSON.parse(readFileSync(join(ROOT, 'demo', template), 'utf8')) as Record<string, unknown>;
    const { settings } = await about(bin);
    for (const key of Object.keys(config)) t.ok(key in settings.properties, `${key} is a setting`);
    for (const key of settings.required ?? []) t.ok(key in config, `required ${key} is in the template`);
  });
}

t.test('a template placeholder the demo does not fill is refused, naming the key', async (t) => {
  const template = { host: '<WORKSPACE>.sql.azuresynapse.net', database: '<SQL_POOL>', port: 1433 };
  t.same(fillTemplate(template, { host: '127.0.0.1', database: 'dw' }, 'x.json'), { host: '127.0.0.1', database: 'dw', port: 1433 });
  t.throws(() => fillTemplate(template, { host: '127.0.0.1' }, 'x.json'), { message: 'x.json: the demo fills no value for database' });
});

t.test('the tap log is read for record_count METRICs per stream and the end-of-stream seconds', async (t) => {
  const lines = [
    '2026-01-01T00:00:00.000Z INFO tap-kustomer: METRIC: {"type":"timer","metric":"http_request_duration","value":0.2,"tags":{"endpoint":"users"}}',
    '2026-01-01T00:00:00.000Z INFO tap-kustomer: METRIC: {"type":"counter","metric":"record_count","value":400,"tags":{"endpoint":"customers"}}',
    '2026-01-01T00:00:01.000Z INFO tap-kustomer: METRIC: {"type":"counter","metric":"record_count","value":399,"tags":{"endpoint":"customers"}}',
    '2026-01-01T00:00:01.000Z INFO tap-kustomer: stream customers done: 799 records in 2.4 s (333 records/s), 3 requests',
    '2026-01-01T00:00:01.000Z INFO tap-kustomer: stream teams: syncing',
  ];
  t.same(parseTapLine(lines[0] as string), undefined, 'a timer is not a record count');
  const tally = new TapTally();
  t.same(lines.map((line) => tally.add(line)), [false, true, true, true, false]);
  t.same([...tally.records], [['customers', 799]]);
  t.same([...tally.seconds], [['customers', 2.4]]);
  t.equal(tally.current, undefined, 'no stream runs after its done line');
});

t.test('tables right-align columns of numbers and group thousands', async (t) => {
  t.equal(formatTable(['stream', 'rows'], [['customers', 1200], ['users', 7]]), 'stream      rows\n---------  -----\ncustomers  1,200\nusers          7');
});
