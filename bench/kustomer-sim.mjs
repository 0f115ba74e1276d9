// Benchmark of kustomer-sim: start time at scale 1,000,000, then search pages of 500 served over HTTP for
// ~20 s (keyset walk: pages 1..100 sorted by updated_at asc, then restart with gte the last updatedAt).
// The simulator runs in its own process (the built CLI), so the client's JSON parsing does not slow it down
// and its peak RSS (VmHWM) is its own. Rate limits are set out of the way.
// Usage: node bench/kustomer-sim.mjs [--scale 1000000] [--seconds 20] [--concurrency 2]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '1000000' }, seconds: { type: 'string', default: '20' }, concurrency: { type: 'string', default: '2' } },
});
const scale = Number(values.scale);
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const START_LIMIT_MS = 10_000;
const PAGE_SIZE = 500;
const MAX_PAGES = 100;
const cli = fileURLToPath(new URL('../packages/kustomer-sim/dist/cli.js', import.meta.url));

const began = performance.now();
const child = spawn(process.execPath, [cli, '--scale', String(scale), '--org-rpm', '1000000000', '--search-rpm', '1000000000', '--no-request-log'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const ready = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
    if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
  });
  child.once('exit', (code) => reject(new Error(`kustomer-sim exited with ${code}`)));
});
const startMs = performance.now() - began;

const peakRssMb = () => {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 'NaN');
  return kb / 1024;
};

async function walk(context, deadline, totals) {
  const field = `${context}_updated_at`;
  let cursor = '2000-01-01T00:00:00.000Z';
  let page = 1;
  while (performance.now() < deadline) {
    const body = JSON.stringify({ queryContext: context, and: [{ [field]: { gte: cursor } }], sort: [{ [field]: 'asc' }] });
    const response = await fetch(`${ready.url}/v1/customers/search?page=${page}&pageSize=${PAGE_SIZE}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' },
      body,
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`status ${response.status}: ${text.slice(0, 200)}`);
    const json = JSON.parse(text);
    totals.requests++;
    totals.records += json.data.length;
    totals.bytes += text.length;
    if (json.links.next === null) {
      cursor = '2000-01-01T00:00:00.000Z';
      page = 1;
    } else if (page === MAX_PAGES) {
      cursor = json.data.at(-1).attributes.updatedAt;
      page = 1;
    } else page++;
  }
}

const totals = { requests: 0, records: 0, bytes: 0 };
const contexts = ['conversation', 'message', 'customer', 'kobject'];
const t0 = performance.now();
const deadline = t0 + seconds * 1000;
await Promise.all(Array.from({ length: concurrency }, (_, i) => walk(contexts[i % contexts.length], deadline, totals)));
const elapsed = (performance.now() - t0) / 1000;
const rss = peakRssMb();
child.kill('SIGTERM');

console.log(`kustomer-sim benchmark (scale ${scale.toLocaleString('en')}, pages of ${PAGE_SIZE}, ${concurrency} clients, ${elapsed.toFixed(1)} s)`);
console.log(`  start (process spawn to ready): ${startMs.toFixed(0)} ms  (limit ${START_LIMIT_MS} ms: ${startMs < START_LIMIT_MS ? 'ok' : 'TOO SLOW'})`);
console.log(`  requests/s: ${(totals.requests / elapsed).toFixed(1)}`);
console.log(`  records/s:  ${(totals.records / elapsed).toFixed(0)}`);
console.log(`  MB/s:       ${(totals.bytes / elapsed / 1e6).toFixed(1)}`);
console.log(`  peak RSS of the simulator: ${rss.toFixed(0)} MB`);
if (startMs >= START_LIMIT_MS) process.exitCode = 1;
