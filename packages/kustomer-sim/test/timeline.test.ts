import t from 'tap';
import { formatId, parseId } from '../src/ids.js';
import { ALL, complement, fromOperator, intersect, union } from '../src/search/intervals.js';
import { Timeline, type Entry } from '../src/timeline.js';
import { sequence } from '../src/random.js';

const START = Date.parse('2024-01-01T00:00:00Z');
const END = Date.parse('2025-01-01T00:00:00Z');

/** The reference answer: every record's current time, sorted by (time, index). */
function reference(timeline: Timeline, lo: number, hi: number, descending: boolean): Entry[] {
  const all: Entry[] = [];
  for (let i = 0; i < timeline.size; i++) {
    const time = timeline.updatedAt(i);
    if (time >= lo && time <= hi) all.push({ time, index: i });
  }
  all.sort((a, b) => a.time - b.time || a.index - b.index);
  return descending ? all.reverse() : all;
}

t.test('base updatedAt never decreases with the index, bursts and long runs included', async (t) => {
  for (const [seed, count, scale] of [[5, 100_000, 100_000], [6, 450_000, 150_000], [7, 3_000, 10_000], [8, 4_000, 4_000]] as const) {
    const timeline = new Timeline(seed, 2, count, START, END, scale);
    let previous = -Infinity;
    let bad = -1;
    for (let i = 0; i < timeline.size && bad < 0; i++) {
      const time = timeline.baseTime(i);
      if (time < previous || time < START || time > END) bad = i;
      previous = time;
    }
    t.equal(bad, -1, `seed ${seed}, ${count} records: first out-of-order index`);
    t.equal(timeline.longRuns.length > 0, scale >= 10_000, `seed ${seed}: long runs only from scale 10,000`);
    for (const run of timeline.longRuns) {
      t.equal(timeline.baseTime(run.start + run.length - 1), timeline.baseTime(run.start), 'a long run shares one time');
      t.ok(timeline.baseTime(run.start - 1) < timeline.baseTime(run.start) && timeline.baseTime(run.start + run.length) > timeline.baseTime(run.start), 'and only its own');
      t.ok(run.length > 500, `run of ${run.length}`);
    }
  }
});

t.test('entries, skips and counts match a sorted reference after touches and creations', async (t) => {
  const random = sequence(99);
  const timeline = new Timeline(1, 2, 500, START, END);
  const shared = END + 1000;
  for (let n = 0; n < 60; n++) timeline.touch(Math.floor(random() * 500), n % 3 === 0 ? shared : START + Math.floor(random() * (END - START)));
  for (let n = 0; n < 7; n++) timeline.create(shared);
  t.equal(timeline.size, 507);
  t.notOk(timeline.pristine);
  for (let trial = 0; trial < 40; trial++) {
    const a = START + Math.floor(random() * (END - START + 2000));
    const b = START + Math.floor(random() * (END - START + 2000));
    const range = { lo: Math.min(a, b), hi: Math.max(a, b) };
    for (const descending of [false, true]) {
      const expected = reference(timeline, range.lo, range.hi, descending);
      const skip = Math.floor(random() * (expected.length + 2));
      t.same([...timeline.entries(range, descending, skip)], expected.slice(skip), `range ${trial} ${descending ? 'desc' : 'asc'} skip ${skip}`);
      t.equal(timeline.count(range), expected.length);
    }
  }
});

t.test('a pristine timeline skips (the O(1) path) to the same place a walk reaches', async (t) => {
  const timeline = new Timeline(3, 4, 1_000_000, START, END);
  const range = { lo: START + 1_000_000, hi: END - 1_000_000 };
  const walked = reference(new Timeline(3, 4, 1_000_000, START, END), range.lo, range.hi, false);
  const skipped = timeline.entries(range, false, 49_500).next().value;
  t.same(skipped, walked[49_500]);
});

t.test('ids parse back to their kind and index, and only for their seed', async (t) => {
  for (const index of [0, 1, 499_999, 2 ** 40 + 17]) {
    const id = formatId(77, 3, index, START);
    t.match(id, /^[0-9a-f]{24}$/);
    t.same(parseId(77, id), { kindCode: 3, index });
  }
  t.equal(parseId(78, formatId(77, 3, 5, START)), undefined);
  t.equal(parseId(77, 'not-an-id'), undefined);
});

t.test('interval algebra: gt/lt are exclusive on whole milliseconds; union merges; complement inverts', async (t) => {
  t.same(intersect(fromOperator('gt', 10), fromOperator('lt', 20)), [{ lo: 11, hi: 19 }]);
  t.same(intersect(fromOperator('gte', 10), fromOperator('lte', 10)), [{ lo: 10, hi: 10 }]);
  t.same(intersect(fromOperator('gt', 10), fromOperator('lt', 11)), []);
  const both = union(intersect(fromOperator('gte', 0), fromOperator('lte', 5)), intersect(fromOperator('gte', 6), fromOperator('lte', 9)));
  t.same(both, [{ lo: 0, hi: 9 }]);
  t.same(intersect(complement(both), both), []);
  t.same(union(complement(both), both), ALL);
});

t.test('with longTies false no run is longer than 50 records, at any scale', async (t) => {
  const timeline = new Timeline(5, 2, 100_000, START, END, 100_000, false);
  t.same(timeline.longRuns, [], 'no long run');
  let longest = 0;
  for (let i = 0, run = 1; i < timeline.size; i++) {
    run = i > 0 && timeline.baseTime(i) === timeline.baseTime(i - 1) ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  t.ok(longest >= 2 && longest <= 50, `longest run ${longest}`);
});
