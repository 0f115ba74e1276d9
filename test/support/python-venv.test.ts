import t from 'tap';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePins, pinnedVenv, probeIndex, readPins, REPO_ROOT, runProgram, venvDir } from './python-venv.js';

const unreachable = await probeIndex();
const skip = unreachable ?? false;

t.test('pins must be exact versions; comments and blank lines are ignored', async (t) => {
  t.same(parsePins('# tools\nb==2.0\n\na==1.0  # why\n'), ['a==1.0', 'b==2.0']);
  t.throws(() => parsePins('requests>=2.31'), /not an exact pin: requests>=2.31/);
  t.throws(() => parsePins('requests'), /not an exact pin/);
});

t.test('two builders of one venv at once build it once, and the next caller reuses it', { skip }, async (t) => {
  const root = t.testdir({});
  const pins = await readPins(join(REPO_ROOT, 'test/peers/requirements/python-tds.txt'));
  const [first, second] = await Promise.all([pinnedVenv('concurrent', pins, { root }), pinnedVenv('concurrent', pins, { root })]);
  if (!first.ok || !second.ok) return t.fail('the index was reachable, so no skip');
  t.equal(first.venv.dir, second.venv.dir, 'one venv for one set of pins');
  t.same([first.venv.built, second.venv.built].sort(), [false, true], 'exactly one of them built it');
  const again = await pinnedVenv('concurrent', pins, { root });
  t.equal(again.ok && again.venv.built, false, 'a later call reuses the cached venv');
  const imported = await first.venv.run(['-c', "import importlib.metadata as m; print(m.version('python-tds'))"]);
  t.equal(imported.stdout.trim(), '1.17.1', 'the pinned version is what imports');
});

t.test('a lock left by a builder that died is taken over', { skip }, async (t) => {
  const root = t.testdir({});
  const pins = await readPins(join(REPO_ROOT, 'test/peers/requirements/python-tds.txt'));
  const dead = await runProgram(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  const lock = `${await venvDir('stale', pins, root)}.lock`;
  await mkdir(lock, { recursive: true });
  await writeFile(join(lock, 'pid'), dead.stdout);
  const result = await pinnedVenv('stale', pins, { root });
  t.equal(result.ok && result.venv.built, true, 'the venv is built despite the stale lock');
});
