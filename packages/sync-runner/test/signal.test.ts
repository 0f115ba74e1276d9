// SIGTERM and SIGINT stop a run: both sides are stopped, state.json is the last state the target printed, the
// lock is released, and the runner ends by the same signal. Then crash safety: state.json read while states are
// being replaced, and after a SIGKILL at a random moment, is always whole and always a state the target printed.
import t from 'tap';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { alive, endedBy, childPids, configDir, readState, runRunner, startRunner, stateText, tapRuns, waitFor } from './support/runner-cli.js';

const printed = (dir: string): readonly string[] => readFileSync(join(dir, 'target-printed'), 'utf8').split('\n').filter((line) => line !== '');

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  t.test(`${signal} stops the tap and the target, keeps the last state the target printed, and releases the lock`, async (t) => {
    const dir = configDir(t, { forever: true, intervalMs: 15 });
    const runner = startRunner(dir);
    t.teardown(() => runner.child.kill('SIGKILL'));
    await waitFor('a few states', () => existsSync(join(dir, 'target-printed')) && printed(dir).length >= 5);
    runner.child.kill(signal);
    const end = await runner.closed;
    t.ok(endedBy(end, signal), `the runner ends by the signal (${JSON.stringify(end)})`);
    t.equal(readState(dir), `${printed(dir).at(-1)}\n`, 'state.json is the last state the target printed');
    t.match(runner.stderr(), `INFO kustomer-synapse-sync: ${signal} received: stopping the tap and the target; the state saved so far is kept`);
    t.match(runner.stderr(), /run stopped after \d+\.\d s; .*state\.json holds the last state the target committed/);
    t.notOk(existsSync(join(dir, 'sync.lock')), 'the lock is released');
    t.same(childPids(dir).filter(alive), [], 'no tap or target left running');
  });
}

t.test('state.json is always whole: read while 200 KB states replace each other, and after a SIGKILL mid-run', async (t) => {
  const PAD = 200_000;
  const dir = configDir(t, { forever: true, padBytes: PAD });
  const runner = startRunner(dir);
  t.teardown(() => runner.child.kill('SIGKILL'));
  const bad: string[] = [];
  const seen = new Set<number>();
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const text = await readFile(join(dir, 'state.json'), 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : String(error)));
      if (text === undefined) continue;
      const value = /"replication_key_value":(\d+)/.exec(text)?.[1];
      if (value !== undefined && text === `${stateText(Number(value), PAD)}\n`) seen.add(Number(value));
      else bad.push(text.slice(0, 80));
    }
  })();
  await waitFor('40 states replaced', () => seen.size >= 40, 60_000);
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
  runner.child.kill('SIGKILL');
  await runner.closed;
  polling = false;
  await poll;
  t.same(bad, [], `every read parsed as a printed state (${seen.size} distinct states read)`);
  const last = readState(dir);
  const value = Number(/"replication_key_value":(\d+)/.exec(last)?.[1]);
  t.equal(last, `${stateText(value, PAD)}\n`, `after the SIGKILL state.json is whole: state ${value}`);
  t.ok(printed(dir).includes(last.trimEnd()), 'and is a state the target printed');

  await waitFor('the orphaned tap and target to die of the closed pipe', () => childPids(dir).filter(alive).length === 0);
  writeFileSync(join(dir, 'tap.json'), JSON.stringify({ states: 1 }));
  const next = await runRunner(dir);
  t.equal(next.code, 0, next.stderr);
  t.match(next.stderr, /took over the stale lock .* of pid \d+, which is no longer running/);
  t.same(tapRuns(dir).at(-1)?.state, JSON.parse(last), 'the next run resumes from it');
});
