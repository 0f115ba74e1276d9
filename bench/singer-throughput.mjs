// Reader + writer throughput of packages/singer for ~1 KB RECORD lines, against a bare JSON.parse loop
// over the same lines in the same run. Prints figures; never pass/fail.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { LineWriter, readMessages } from '../packages/singer/dist/index.js';

const LINES = Number(process.env.BENCH_LINES ?? 200_000);

function recordLine(i, big) {
  const record = {
    id: `5f2a${String(i).padStart(20, '0')}`,
    name: `Customer ${i}`,
    email: `customer${i}@example.com`,
    updated_at: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
    score: i * 0.5,
    count: big ? '__BIG__' : i,
    tags: ['vip', 'priority', 'returning'],
    address: { street: `${i} Main Street`, city: 'Springfield', zip: '12345', country: 'US' },
    notes: 'x'.repeat(560),
  };
  const text = JSON.stringify({ type: 'RECORD', stream: 'customers', record, time_extracted: '2024-01-01T00:00:00.000Z' });
  return big ? text.replace('"__BIG__"', '99999999999999999') : text;
}

async function measure(label, lines) {
  const dir = await mkdtemp(join(tmpdir(), 'singer-bench-'));
  const file = join(dir, 'input.singer');
  await writeFile(file, lines.join('\n') + '\n');
  const bytes = lines.reduce((sum, line) => sum + line.length + 1, 0);

  // Baseline: a bare JSON.parse loop over the same, already split, lines.
  let start = process.hrtime.bigint();
  let checksum = 0;
  for (const line of lines) checksum += JSON.parse(line).record.address.zip.length;
  const parseSeconds = Number(process.hrtime.bigint() - start) / 1e9;

  // Ours: file -> readMessages (lines per chunk) -> parse + check -> LineWriter -> a sink that discards.
  const sink = new Writable({ write(_chunk, _encoding, done) { done(); } });
  const writer = new LineWriter(sink);
  start = process.hrtime.bigint();
  let count = 0;
  for await (const { message } of readMessages(createReadStream(file))) {
    count += 1;
    const wait = writer.writeMessage(message);
    if (wait) await wait;
  }
  await writer.flush();
  const oursSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  await rm(dir, { recursive: true, force: true });

  const avg = Math.round(bytes / lines.length);
  console.log(`${label}: ${count} lines of ~${avg} B`);
  console.log(`  reader+writer  ${Math.round(count / oursSeconds).toLocaleString('en')} lines/s  (${(bytes / oursSeconds / 1e6).toFixed(1)} MB/s)`);
  console.log(`  JSON.parse     ${Math.round(count / parseSeconds).toLocaleString('en')} lines/s  (parse only, no I/O, checksum ${checksum})`);
  console.log(`  ratio          reader+writer takes ${(oursSeconds / parseSeconds).toFixed(2)}x the time of bare JSON.parse`);
}

const plain = Array.from({ length: LINES }, (_, i) => recordLine(i, false));
await measure('fast path (no unsafe numbers)', plain);
const big = Array.from({ length: LINES / 4 }, (_, i) => recordLine(i, true));
await measure('slow path (every line has 99999999999999999)', big);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
