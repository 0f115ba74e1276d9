// The keyset cursor against a reference search over in-memory records: gte + sort ascending + page offsets, the
// 100-page cap (scaled down), ties of every length. Expected answers come from the records, not from the cursor.
import t from 'tap';
import { firstCursor, nextSearchStep, type PageRecord, type SearchCursor } from '../src/sync/search-cursor.js';

/** Records sorted by updatedAt, as the API sorts them; ids are unique. */
function dataset(seed: number, size: number, maxRun: number): PageRecord[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const records: PageRecord[] = [];
  let ms = Date.parse('2025-01-01T00:00:00.000Z');
  while (records.length < size) {
    const run = random() < 0.3 ? 1 + Math.floor(random() * maxRun) : 1;
    const at = new Date(ms).toISOString();
    for (let k = 0; k < run && records.length < size; k++) records.push({ id: `r${records.length}`, updatedAt: at });
    ms += 1 + Math.floor(random() * 3);
  }
  return records;
}

/** The reference API: `gte from`, sorted ascending, page N of size S; page > maxPages is refused. */
function search(records: readonly PageRecord[], cursor: SearchCursor, pageSize: number, maxPages: number) {
  if (cursor.page > maxPages) throw new Error(`page ${cursor.page} requested, over the cap`);
  const matching = records.filter((r) => Date.parse(r.updatedAt) >= Date.parse(cursor.from));
  const start = (cursor.page - 1) * pageSize;
  return { records: matching.slice(start, start + pageSize), hasNext: matching.length > start + pageSize };
}

function sync(records: readonly PageRecord[], pageSize: number, maxPages: number, from = records[0]?.updatedAt ?? '2025-01-01T00:00:00.000Z') {
  let cursor = firstCursor(from);
  const emitted: string[] = [];
  const positions = new Set<string>();
  const bookmarks: string[] = [];
  for (let requests = 1; ; requests++) {
    const position = `${cursor.from}#${cursor.page}`;
    if (positions.has(position)) throw new Error(`position ${position} repeated`);
    positions.add(position);
    const step = nextSearchStep(cursor, search(records, cursor, pageSize, maxPages), maxPages);
    if (step.kind === 'out-of-order') throw new Error('out of order');
    emitted.push(...step.emit.map((r) => r.id));
    if (step.kind !== 'tie-too-long' && step.bookmark !== undefined) bookmarks.push(step.bookmark);
    if (step.kind === 'tie-too-long') return { emitted, requests, bookmarks, stuckAt: step.at };
    if (step.kind === 'done') return { emitted, requests, bookmarks, stuckAt: undefined };
    cursor = step.next;
  }
}

t.test('every record is emitted exactly once, whatever the ties, page sizes and cap, and no query repeats', async (t) => {
  let cases = 0;
  for (let seed = 1; seed <= 60; seed++) {
    for (const pageSize of [1, 2, 3, 7]) {
      const maxRun = [1, 3, 12, 40][seed % 4] as number;
      const maxPages = 3 + (seed % 5);
      const records = dataset(seed, 50 + seed * 3, Math.min(maxRun, (maxPages - 1) * pageSize));
      const { emitted, stuckAt, bookmarks } = sync(records, pageSize, maxPages);
      if (stuckAt !== undefined) t.fail(`seed ${seed} page ${pageSize}: stuck at ${stuckAt}`);
      if (emitted.join() !== records.map((r) => r.id).join()) t.fail(`seed ${seed} page ${pageSize}: emitted ${emitted.length} of ${records.length}, in another order or with repeats`);
      if (bookmarks.some((b, i) => i > 0 && Date.parse(b) < Date.parse(bookmarks[i - 1] as string))) t.fail(`seed ${seed}: a bookmark went back`);
      if (bookmarks.at(-1) !== records.at(-1)?.updatedAt) t.fail(`seed ${seed}: the last bookmark is not the last updatedAt`);
      cases++;
    }
  }
  t.equal(cases, 240, 'all cases ran');
});

t.test('without ties a page re-reads only its boundary record: 21 requests for 10,000 records at pages of 500', async (t) => {
  const records = dataset(7, 10_000, 1);
  const { emitted, requests } = sync(records, 500, 100);
  t.equal(emitted.length, 10_000);
  t.equal(new Set(emitted).size, 10_000);
  t.equal(requests, 21, '1 + ceil(9,500 / 499)');
});

t.test('a run of 1,200 records at one instant, longer than two pages, is paged through by offset and then left', async (t) => {
  const before = dataset(3, 700, 1);
  const at = '2025-06-01T00:00:00.000Z';
  const tie = Array.from({ length: 1200 }, (_, i) => ({ id: `tie${i}`, updatedAt: at }));
  const after = [{ id: 'after', updatedAt: '2025-06-01T00:00:00.001Z' }];
  const records = [...before, ...tie, ...after];
  const { emitted, requests } = sync(records, 500, 100);
  t.same(emitted, records.map((r) => r.id), 'each record once, in order');
  t.ok(requests <= 6, `${requests} requests`);
});

t.test('a run that fills every page up to the cap is reported with its instant instead of looping or skipping', async (t) => {
  const at = '2025-06-01T00:00:00.000Z';
  const records = [...Array.from({ length: 8 }, (_, i) => ({ id: `t${i}`, updatedAt: at })), { id: 'z', updatedAt: '2025-06-02T00:00:00.000Z' }];
  const stuck = sync(records, 2, 4);
  t.equal(stuck.stuckAt, at);
  t.same(stuck.emitted, ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7'], 'what the cap allowed is still emitted');
  const fits = sync(records.slice(1), 2, 4);
  t.equal(fits.stuckAt, undefined, 'one record fewer in the run and it pages through');
  t.same(fits.emitted, records.slice(1).map((r) => r.id));
});

t.test('a resumed sync starts at the bookmark and emits the records at that instant again, never skips one', async (t) => {
  const records = [
    { id: 'a', updatedAt: '2025-01-01T00:00:00.000Z' }, { id: 'b', updatedAt: '2025-01-01T00:00:01.000Z' },
    { id: 'c', updatedAt: '2025-01-01T00:00:01.000Z' }, { id: 'd', updatedAt: '2025-01-01T00:00:02.000Z' },
  ];
  t.same(sync(records, 2, 100, '2025-01-01T00:00:01Z').emitted, ['b', 'c', 'd'], 'a bookmark written without milliseconds compares as the same instant');
});

t.test('a record below the bound or out of sort order stops the stream instead of moving the bookmark past it', async (t) => {
  const cursor = firstCursor('2025-01-01T00:00:05.000Z');
  const below = nextSearchStep(cursor, { records: [{ id: 'x', updatedAt: '2025-01-01T00:00:04.000Z' }], hasNext: false });
  t.equal(below.kind, 'out-of-order');
  const unsorted = nextSearchStep(cursor, { records: [{ id: 'x', updatedAt: '2025-01-01T00:00:07.000Z' }, { id: 'y', updatedAt: '2025-01-01T00:00:06.000Z' }], hasNext: true });
  t.same(unsorted, { kind: 'out-of-order', record: { id: 'y', updatedAt: '2025-01-01T00:00:06.000Z' }, after: '2025-01-01T00:00:07.000Z' });
  const notADate = nextSearchStep(cursor, { records: [{ id: 'x', updatedAt: 'yesterday' }], hasNext: false });
  t.equal(notADate.kind, 'out-of-order', 'an updatedAt that is not a date is not silently ordered');
});

t.test('an empty first page is done with no bookmark', async (t) => {
  t.same(nextSearchStep(firstCursor('2025-01-01T00:00:00.000Z'), { records: [], hasNext: false }), { kind: 'done', emit: [] });
});
