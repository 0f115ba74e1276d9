// One run as a user meets it: state.json after each run, the next run starting from it, and the failing side
// named with its own last stderr line. The fakes in fixtures/ stand in for the tap and the target; the real
// CLIs are used where the message must name them.
import t from 'tap';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAKE_TAP_COMMAND, FAKE_TARGET_COMMAND, FAKES, configDir, readState, runRunner, stateText, tapRuns } from './support/runner-cli.js';

const lastLine = (stderr: string): string => stderr.trimEnd().split('\n').at(-1) ?? '';

t.test('a run saves the last state the target printed to state.json, prints nothing on stdout, and the next run starts from it', async (t) => {
  const dir = configDir(t, { states: 3 });
  const first = await runRunner(dir);
  t.equal(first.code, 0, first.stderr);
  t.equal(first.stdout, '');
  t.equal(readState(dir), `${stateText(3)}\n`);
  t.match(first.stderr, /INFO kustomer-synapse-sync: run started: .* \(no state\.json yet: a full sync\)/);
  t.match(first.stderr, /INFO kustomer-synapse-sync: run finished in \d+\.\d s: \d states saved to .*state\.json/);
  t.notOk(tapRuns(dir)[0]!.argv.includes('--state'), 'no --state before the first run wrote one');
  t.notOk(tapRuns(dir)[0]!.argv.includes('--catalog'), 'no --catalog without catalog.json');

  writeFileSync(join(dir, 'catalog.json'), '{"streams":[]}');
  const second = await runRunner(dir);
  t.equal(second.code, 0, second.stderr);
  const run = tapRuns(dir)[1]!;
  t.same(run.state, { bookmarks: { s: { replication_key_value: 3 } } }, 'the tap was given the state of the first run');
  t.same(run.argv, ['--config', join(dir, 'tap.json'), '--catalog', join(dir, 'catalog.json'), '--state', join(dir, 'state.json')]);
  t.equal(readState(dir), `${stateText(6)}\n`);
  t.same(readdirSync(dir).sort(), ['catalog.json', 'state.json', 'tap-run.jsonl', 'tap.json', 'target-pids', 'target-printed', 'target.json'], 'no lock or temporary file left behind');
});

t.test('a failing tap is named with its exit code and last stderr line; the states committed before are kept', async (t) => {
  const dir = configDir(t, { states: 2, failWith: 'api_token is invalid for this org' });
  const run = await runRunner(dir);
  t.equal(run.code, 1);
  t.match(lastLine(run.stderr), /CRITICAL kustomer-synapse-sync: /);
  t.equal(lastLine(run.stderr).replace(/^.*CRITICAL kustomer-synapse-sync: /, ''), `the tap (${FAKE_TAP_COMMAND}) exited with 2: api_token is invalid for this org`);
  t.equal(readState(dir), `${stateText(2)}\n`);
});

t.test('a failing target is named, and the tap writing into it is stopped rather than left running', async (t) => {
  const dir = configDir(t, { forever: true, intervalMs: 5 }, { failAfter: 2, failWith: 'Login failed for user loader' });
  const run = await runRunner(dir);
  t.equal(run.code, 1);
  t.equal(lastLine(run.stderr).replace(/^.*CRITICAL kustomer-synapse-sync: /, ''), `the target (${FAKE_TARGET_COMMAND}) exited with 3: Login failed for user loader`);
  t.equal(readState(dir), `${stateText(2)}\n`, 'the states printed before the failure are saved');
});

t.test('a line on the target\'s stdout that is not a state fails the run and is never saved', async (t) => {
  const dir = configDir(t, { states: 2 }, { garbageAfter: 1 });
  const run = await runRunner(dir);
  t.equal(run.code, 1);
  t.match(lastLine(run.stderr), /CRITICAL kustomer-synapse-sync: the target \(.*\) printed stdout line 2, which is not a Singer state \(not JSON\); it was not saved$/);
  t.equal(readState(dir), `${stateText(2)}\n`);
});

t.test('by default the runner runs tap-kustomer and target-synapse and names them', async (t) => {
  const tapSide = configDir(t, { api_token: 'k' });
  const tapRun = await runRunner(tapSide, ['--target', FAKE_TARGET_COMMAND]);
  t.equal(tapRun.code, 1);
  t.match(lastLine(tapRun.stderr), /CRITICAL kustomer-synapse-sync: tap-kustomer exited with 1: invalid configuration \(1 problem\): start_date is required/);

  const targetSide = configDir(t, { states: 1 }, {});
  const targetRun = await runRunner(targetSide, ['--tap', FAKE_TAP_COMMAND]);
  t.equal(targetRun.code, 1);
  t.match(lastLine(targetRun.stderr), /CRITICAL kustomer-synapse-sync: target-synapse exited with 1: invalid configuration \(4 problems\): host is required/);
});

t.test('usage mistakes are one line and exit code 1', async (t) => {
  const empty = configDir(t);
  for (const [args, message] of [
    [['--every', '15'], '--every "15" is not a duration; write it like 30s, 15m, 1h or 1h30m'],
    [['--nonsense'], 'Unknown argument: nonsense; run kustomer-synapse-sync --help for usage'],
  ] as const) {
    const run = await runRunner(empty, args);
    t.equal(run.code, 1);
    t.equal(run.stderr.trim().replace(/^.*CRITICAL kustomer-synapse-sync: /, ''), message);
  }
  const missing = await runRunner(join(empty, 'nowhere'), FAKES);
  t.equal(missing.code, 1);
  t.match(missing.stderr, /--config-dir .*nowhere is not a directory; create it with tap\.json and target\.json inside\n$/);
});
