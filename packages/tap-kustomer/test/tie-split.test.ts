// Splitting one instant by createdAt (tie-split.ts) against an in-memory search: windows too large for one query are
// halved until they fit, every record comes out once, ids already emitted are skipped, and a run sharing one
// createdAt millisecond past the cap is reported with both instants.
import t from 'tap';
import type { RawResource } from '../src/record-shape.js';
import { readTie, TieTooLongError, type CreatedWindow, type TiePage } from '../src/sync/tie-split.js';

const AT = '2026-01-01T00:00:00.000Z';

/** Records at AT with the given createdAt instants; a search with pages of `size` over those in the window. */
function tie(createdAts: readonly number[], size: number) {
  const records: RawResource[] = createdAts.map((createdAt, i) => ({ type: 'conversation', id: `c${i}`, attributes: { updatedAt: AT, createdAt: new Date(createdAt).toISOString() } }));
  const windows: CreatedWindow[] = [];
  const search = async (window: CreatedWindow, page: number): Promise<TiePage> => {
    if (page === 1) windows.push(window);
    const inside = records.filter((r) => {
      const created = Date.parse(r.attributes['createdAt'] as string);
      return (window.lo === undefined || created >= window.lo) && (window.hi === undefined || created < window.hi);
    });
    if (page > 100) throw new Error(`page ${page}: past the 100-page cap`);
    return { records: inside.slice((page - 1) * size, page * size), total: inside.length };
  };
  return { search, windows };
}

async function collect(pages: AsyncIterable<readonly { readonly [key: string]: unknown }[]>): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of pages) ids.push(...page.map((r) => r['id'] as string));
  return ids;
}

t.test('a tie over the cap is split into createdAt windows that each fit, and every record comes out once', async (t) => {
  // Pages of 2 and SEARCH_MAX_PAGES 100: the cap is 200 records; 450 records created over a day.
  const base = Date.parse('2025-12-31T00:00:00.000Z');
  const { search, windows } = tie(Array.from({ length: 450 }, (_, i) => base + i * 190_000), 2);
  const seen = new Set(['c0', 'c1']);
  const ids = await collect(readTie(search, AT, 2, seen));
  t.equal(ids.length, 448, 'every record but the two already emitted');
  t.equal(new Set(ids).size, ids.length, 'each once');
  t.notOk(ids.includes('c0') || ids.includes('c1'), 'the ids already emitted are skipped');
  t.ok(windows.length > 3, `the instant was split (${windows.length} windows asked)`);
});

t.test('more records than the cap sharing one createdAt millisecond are reported with both instants', async (t) => {
  const { search } = tie(Array.from({ length: 201 }, () => Date.parse('2025-12-31T12:00:00.000Z')), 2);
  const error = await collect(readTie(search, AT, 2, new Set())).then(() => undefined, (e: unknown) => e);
  t.type(error, TieTooLongError);
  t.equal((error as Error).message, `more than 200 records share updatedAt ${AT} and createdAt 2025-12-31T12:00:00.000Z`);
});
