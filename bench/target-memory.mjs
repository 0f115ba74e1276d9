// Peak memory of target-synapse (issue 10, "bounded memory"): N synthetic conversation records of about 1.4 KB
// (nested, 40 fields) piped into the real CLI, loading into synapse-sim (COPY INTO slowed down, so the warehouse
// is the slow end) through Azurite. Prints records/s and the target's peak RSS (Linux VmHWM, read while it runs,
// and the summary's maxRSS) for each size, and the ratio between the largest and the smallest.
// Usage: node bench/target-memory.mjs [records ...]   (default 1000000 5000000; run `npm run build` first)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { startAzurite, startSynapseSim } from '@kustomer-synapse/synapse-sim';
import { conversationSchema, conversationLine } from './lib/target-records.mjs';

const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0);
const USER = 'bench';
const PASSWORD = 'bench-Pw1';
const CONTAINER = 'staging';
const COPY_DELAY_MS = Number(process.env.COPY_DELAY_MS ?? 2000);
const TARGET = new URL('../packages/target-synapse/bin/target-synapse.js', import.meta.url).pathname;

async function vmHwmMb(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0; // the process has ended
  }
}

async function run(records, dir) {
  const azurite = await startAzurite();
  const key = new StorageSharedKeyCredential(azurite.accountName, azurite.accountKey);
  await new BlobServiceClient(azurite.blobEndpoint, key).getContainerClient(CONTAINER).create();
  const sim = await startSynapseSim({
    user: USER, password: PASSWORD, database: 'dw', blobStore: { blobEndpoint: azurite.blobEndpoint },
    faults: { slowStatementMs: COPY_DELAY_MS, slowStatementPattern: /^\s*COPY\s+INTO\b/i },
  });
  const config = join(dir, `target-${records}.json`);
  await writeFile(config, JSON.stringify({
    host: sim.host, port: sim.port, database: 'dw', user: USER, password: PASSWORD, encrypt: false, trust_server_certificate: true,
    default_target_schema: 'bench', storage_account: azurite.accountName, container: CONTAINER, storage_account_key: azurite.accountKey,
    storage_endpoint: azurite.blobEndpoint, nesting: 'json',
  }));
  const started = performance.now();
  const child = spawn(process.execPath, [TARGET, '--config', config], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr = (stderr + chunk.toString('utf8')).slice(-20_000); });
  let peak = 0;
  const poll = setInterval(async () => { peak = Math.max(peak, await vmHwmMb(child.pid)); }, 200);
  const closed = once(child, 'close');
  child.stdin.write(`${JSON.stringify(conversationSchema)}\n`);
  const CHUNK = 200;
  for (let i = 0; i < records; i += CHUNK) {
    let text = '';
    for (let j = i; j < Math.min(records, i + CHUNK); j++) text += conversationLine(j);
    if (i % 100_000 === 0) text += `${JSON.stringify({ type: 'STATE', value: { bookmarks: { conversations: { position: i } } } })}\n`;
    if (!child.stdin.write(text)) await once(child.stdin, 'drain');
  }
  child.stdin.end();
  const [code] = await closed;
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  await sim.stop();
  await azurite.stop();
  if (code !== 0) throw new Error(`target-synapse exited ${code}: ${stderr.split('\n').slice(-5).join('\n')}`);
  const summary = /peak memory (\d+) MB/.exec(stderr)?.[1];
  return { records, seconds, peak, summary: Number(summary) };
}

const dir = await mkdtemp(join(tmpdir(), 'target-memory-'));
try {
  const results = [];
  for (const records of SIZES.length > 0 ? SIZES : [1_000_000, 5_000_000]) {
    const result = await run(records, dir);
    results.push(result);
    console.log(`${records.toLocaleString('en')} records: ${Math.round(records / result.seconds).toLocaleString('en')} records/s, ` +
      `peak RSS ${result.peak.toFixed(0)} MB (VmHWM), ${result.summary} MB (summary maxRSS), COPY slowed by ${COPY_DELAY_MS} ms`);
  }
  if (results.length > 1) {
    const first = results[0];
    const last = results.at(-1);
    console.log(`peak RSS ratio ${last.records.toLocaleString('en')} / ${first.records.toLocaleString('en')} records: ${(last.peak / first.peak).toFixed(2)} (goal: less than 1.20)`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
