// --every: runs one interval apart, each from the state the previous one saved, until a signal stops the loop.
import t from 'tap';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FAKES, endedBy, configDir, readState, startRunner, stateText, tapRuns, waitFor } from './support/runner-cli.js';

const startTimes = (stderr: string): number[] =>
  [...stderr.matchAll(/^(\S+) INFO kustomer-synapse-sync: run started/gm)].map((match) => Date.parse(match[1]!));

t.test('--every runs again and again, one interval apart, each run resuming from the state the last one saved', async (t) => {
  const dir = configDir(t, { states: 2 });
  const runner = startRunner(dir, [...FAKES, '--every', '400ms']);
  t.teardown(() => runner.child.kill('SIGKILL'));
  await waitFor('three finished runs', () => (runner.stderr().match(/run finished/g) ?? []).length >= 3);
  runner.child.kill('SIGTERM');
  const end = await runner.closed;
  t.ok(endedBy(end, 'SIGTERM'), `the loop ends by the signal it was sent (${JSON.stringify(end)})`);
  const runs = tapRuns(dir);
  t.ok(runs.length >= 3, `${runs.length} runs`);
  t.same(runs.slice(0, 3).map((run) => run.state), [null, { bookmarks: { s: { replication_key_value: 2 } } }, { bookmarks: { s: { replication_key_value: 4 } } }]);
  t.equal(readState(dir), `${stateText(2 * runs.length)}\n`);
  const starts = startTimes(runner.stderr());
  for (let i = 1; i < starts.length; i += 1) t.ok(starts[i]! - starts[i - 1]! >= 390, `run ${i + 1} started ${starts[i]! - starts[i - 1]!} ms after run ${i}`);
  t.match(runner.stderr(), /INFO kustomer-synapse-sync: next run at \d{4}-\d\d-\d\dT/);
  t.equal(runner.stdout(), '');
  t.notOk(existsSync(join(dir, 'sync.lock')));
});

t.test('in a loop a failed run is logged with the failing side and the next run goes ahead', async (t) => {
  const dir = configDir(t, { states: 1, failWith: 'Kustomer answered 503' });
  const runner = startRunner(dir, [...FAKES, '--every', '100ms']);
  t.teardown(() => runner.child.kill('SIGKILL'));
  await waitFor('two failed runs', () => (runner.stderr().match(/ERROR kustomer-synapse-sync: run \d failed/g) ?? []).length >= 2);
  runner.child.kill('SIGINT');
  const end = await runner.closed;
  t.ok(endedBy(end, 'SIGINT'), JSON.stringify(end));
  t.match(runner.stderr(), /ERROR kustomer-synapse-sync: run 1 failed: the tap \(.*\) exited with 2: Kustomer answered 503; the next run resumes from the last saved state/);
  t.same(tapRuns(dir)[1]?.state, { bookmarks: { s: { replication_key_value: 1 } } }, 'run 2 resumed from what run 1 committed');
});
