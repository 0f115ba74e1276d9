// Staged names round-trip; the format refuses what the parse could not read back.
import t from 'tap';
import { formatStagedFile, parseStagedFile, stagedFolder } from '../../src/load/staged-file.js';

t.test('formatStagedFile and parseStagedFile round-trip over the whole range', async (t) => {
  const cases = [
    { loadId: '20261202T100000Z-a1b2c3', table: 'users', sequence: 1, part: 0 },
    { loadId: 'x', table: 'a'.repeat(128), sequence: 999_999_999, part: 99_999 },
    { loadId: 'A-'.repeat(32), table: 'orders__lines__tags', sequence: 42, part: 7 },
    { loadId: 'run', table: '_sdc_x9', sequence: 10, part: 10 },
  ];
  for (const c of cases) {
    const name = formatStagedFile(c);
    t.same(parseStagedFile(name), c, name);
    t.ok(name.startsWith(stagedFolder(c.loadId)), 'the name sits in its run folder');
  }
  t.equal(formatStagedFile(cases[0]!), 'target-synapse/20261202T100000Z-a1b2c3/users/b000000001-p00000.csv.gz');
});

t.test('formatStagedFile refuses every input parse could not read back', async (t) => {
  const ok = { loadId: 'run', table: 'users', sequence: 1, part: 0 };
  const bad = [
    { ...ok, loadId: '' }, { ...ok, loadId: 'a/b' }, { ...ok, loadId: 'a.b' }, { ...ok, loadId: 'a_b' }, { ...ok, loadId: 'x'.repeat(65) },
    { ...ok, table: '' }, { ...ok, table: 'a.b' }, { ...ok, table: 'a/b' }, { ...ok, table: 'a-b' }, { ...ok, table: 'ü' }, { ...ok, table: 'x'.repeat(129) },
    { ...ok, sequence: 0 }, { ...ok, sequence: -1 }, { ...ok, sequence: 1.5 }, { ...ok, sequence: 1_000_000_000 }, { ...ok, sequence: Number.NaN },
    { ...ok, part: -1 }, { ...ok, part: 0.5 }, { ...ok, part: 100_000 },
  ];
  for (const b of bad) t.throws(() => formatStagedFile(b), RangeError, JSON.stringify(b));
});

t.test('parseStagedFile ignores blobs this target did not write', async (t) => {
  for (const name of ['', 'users/part-1.csv.gz', 'target-synapse/run/users/b000000001-p00000.csv', 'target-synapse/run/users/b000000000-p00000.csv.gz',
    'target-synapse/run/us.ers/b000000001-p00000.csv.gz', 'x/target-synapse/run/users/b000000001-p00000.csv.gz', 'target-synapse/run/users/b1-p0.csv.gz']) {
    t.equal(parseStagedFile(name), undefined, name);
  }
});
