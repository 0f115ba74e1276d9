import t from 'tap';
import { followPages, search, updatedBody, withSim } from './helpers.js';

const FROM = '2000-01-01T00:00:00.000Z';
const PAGE = 500;

/** Every searchable record of a context as served, then the lengths of its runs of equal updatedAt, by hand. */
async function runLengths(sim: Awaited<ReturnType<typeof withSim>>, context: string): Promise<number[]> {
  const { records } = await followPages(sim, 'POST', `/v1/customers/search?pageSize=${PAGE}`, updatedBody(context, 'gte', FROM));
  const runs: number[] = [];
  let previous: string | undefined;
  for (const record of records) {
    const at = record.attributes.updatedAt as string;
    if (at === previous) runs[runs.length - 1] = (runs.at(-1) ?? 0) + 1;
    else runs.push(1);
    previous = at;
  }
  return runs;
}

t.test('the default data has bursts: most records unique, some runs of 2 to 50, one over a page at scale 10,000', async (t) => {
  const sim = await withSim(t, { scale: 10_000 });
  for (const context of ['conversation', 'customer', 'message', 'note', 'kobject_order']) {
    const runs = await runLengths(sim, context);
    const records = runs.reduce((a, b) => a + b, 0);
    const unique = runs.filter((n) => n === 1).length;
    t.ok(unique / records > 0.5, `${context}: most of ${records} records are unique (${unique})`);
    t.ok(runs.some((n) => n >= 2 && n <= 50), `${context}: some runs of 2-50`);
    t.ok(runs.some((n) => n > PAGE), `${context}: a run longer than a page (longest ${Math.max(...runs)})`);
  }
});

t.test('below scale 10,000 no run is longer than a page, messages included', async (t) => {
  const sim = await withSim(t, { scale: 5_000 });
  for (const context of ['conversation', 'message', 'customer', 'note', 'kobject']) {
    const runs = await runLengths(sim, context);
    t.ok(Math.max(...runs) <= PAGE, `${context}: longest run ${Math.max(...runs)}`);
    t.ok(runs.some((n) => n > 1), `${context}: still has ties`);
  }
});

t.test('at a run longer than a page, a gte restart on the last updatedAt seen cannot move on', async (t) => {
  const sim = await withSim(t, { scale: 10_000 });
  const runs = await runLengths(sim, 'conversation');
  const { records } = await followPages(sim, 'POST', `/v1/customers/search?pageSize=${PAGE}`, updatedBody('conversation', 'gte', FROM));
  const longest = Math.max(...runs);
  const at = records[runs.slice(0, runs.indexOf(longest)).reduce((a, b) => a + b, 0)].attributes.updatedAt as string;
  const first = await search(sim, updatedBody('conversation', 'gte', at), 1, PAGE);
  t.equal(first.json.data.length, PAGE);
  t.ok(first.json.data.every((r: any) => r.attributes.updatedAt === at), 'the whole page shares the cursor: singer-io\'s tap loops here (research 4.6)');
  const after = await search(sim, updatedBody('conversation', 'gt', at), 1, 1);
  t.equal(after.json.meta.total, first.json.meta.total - longest, 'gt skips exactly the run');
});

t.test('a million conversations with their bursts still start in well under a second and serve a page', async (t) => {
  const began = performance.now();
  const sim = await withSim(t, { scale: 1_000_000 });
  const startup = performance.now() - began;
  t.ok(startup < 1_000, `started in ${startup.toFixed(1)} ms`);
  const page = await search(sim, updatedBody('message', 'gte', '2025-06-01T00:00:00.000Z'), 100, PAGE);
  t.equal(page.json.data.length, PAGE, 'page 100 of 500 messages');
});
