// Bounded memory through the real CLI (issue 10): with synapse-sim's COPY INTO slowed down, the warehouse is
// the slow end; the target must stop reading (the tap's writes block) instead of taking the input in, and its
// peak RSS, from the run's summary (process.resourceUsage().maxRSS), stays under a ceiling.
import { once } from 'node:events';
import t from 'tap';
import { startHarness } from '../load/harness.js';
import { collect, spawnTarget } from '../support/cli-run.js';

const RECORDS = 12_000;
const BATCH = 1_000;
const COPY_DELAY_MS = 400;
/** Node, tedious and the Azure SDK take about 100 MB before the first record; measured peaks were 140 to 190 MB. */
const PEAK_MB_LIMIT = 300;

const schema = {
  type: 'SCHEMA', stream: 'conversations', key_properties: ['id'],
  schema: { type: 'object', properties: { id: { type: 'integer' }, status: { type: 'string', maxLength: 20 }, preview: { type: 'string', maxLength: 2000 }, customer: { type: 'object', properties: { id: { type: 'string', maxLength: 20 }, email: { type: 'string', maxLength: 80 } } } } },
};
/** About 1.4 KB of JSON per record. */
const line = (i: number): string => `${JSON.stringify({ type: 'RECORD', stream: 'conversations', record: {
  id: i, status: ['open', 'done', 'snoozed'][i % 3], preview: `conversation ${i}: ${'order refund shipping tracking '.repeat(40)}`,
  customer: { id: `u${i % 5000}`, email: `c${i % 5000}@example.com` },
} })}\n`;

t.test('with COPY INTO slowed, the target stops reading while loads lag, and its peak RSS stays under a ceiling', async (t) => {
  const h = await startHarness({ slowStatementMs: COPY_DELAY_MS, slowStatementPattern: /^\s*COPY\s+INTO\b/i });
  t.teardown(() => h.stop());
  const child = await spawnTarget(h, { batch_size_rows: BATCH, max_parallelism: 1 });
  const done = collect(child);
  let loaded = 0;
  child.stderr.on('data', (chunk: Buffer) => { loaded += chunk.toString('utf8').split('loaded batch ').length - 1; });
  child.stdin.write(`${JSON.stringify(schema)}\n`);
  for (let i = 1; i <= RECORDS; i += 100) {
    let text = '';
    for (let j = i; j < i + 100; j++) text += line(j);
    if (!child.stdin.write(text)) await once(child.stdin, 'drain');
  }
  child.stdin.end(`${JSON.stringify({ type: 'STATE', value: { bookmarks: { conversations: { position: RECORDS } } } })}\n`);
  await once(child.stdin, 'finish');
  const loadedWhenAllWritten = loaded;
  const run = await done;
  t.equal(run.code, 0, run.stderr.split('\n').slice(-3).join(' / '));
  t.same(run.stateLines, [`{"bookmarks":{"conversations":{"position":${RECORDS}}}}`]);
  t.same(await h.query('SELECT COUNT(*) AS n FROM [tap].[conversations]'), [{ n: RECORDS }], 'every record loaded');
  // One batch loading, two queued and one being filled: the rest of the input had to wait for loads to commit.
  t.ok(loadedWhenAllWritten >= RECORDS / BATCH - 6, `the input was taken in only as batches loaded (${loadedWhenAllWritten} of ${RECORDS / BATCH} loaded when the last line was accepted)`);
  const peak = Number(/peak memory (\d+) MB/.exec(run.stderr)?.[1]);
  t.ok(peak > 0 && peak < PEAK_MB_LIMIT, `peak RSS ${peak} MB, under ${PEAK_MB_LIMIT} MB`);
  t.comment(`peak RSS ${peak} MB; ${loadedWhenAllWritten} of ${RECORDS / BATCH} batches loaded when the input was all written`);
});
