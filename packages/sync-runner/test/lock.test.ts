// Runs never overlap: the lock file, in process and through the CLI.
import t from 'tap';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@kustomer-synapse/singer';
import { acquireLock, LOCK_FILE } from '../src/lock.js';
import { configDir, runRunner, startRunner, tapRuns, waitFor } from './support/runner-cli.js';

const quiet = (): { log: Logger; lines: string[] } => {
  const lines: string[] = [];
  return { log: new Logger('test', 'info', { write: (line: string) => lines.push(line) }), lines };
};

/** A pid that existed and is now gone. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/** A live process for the duration of the test. */
function livePid(t: { teardown(fn: () => void): void }): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  t.teardown(() => child.kill('SIGKILL'));
  return child.pid!;
}

t.test('the lock file holds the pid while held and is gone once released', async (t) => {
  const dir = configDir(t);
  const lock = await acquireLock(dir, quiet().log);
  t.equal(readFileSync(join(dir, LOCK_FILE), 'utf8'), `${process.pid}\n`);
  await lock.release();
  t.notOk(existsSync(join(dir, LOCK_FILE)));
});

t.test('a lock held by a live process refuses the run and is left alone', async (t) => {
  const dir = configDir(t);
  const holder = livePid(t);
  writeFileSync(join(dir, LOCK_FILE), `${holder}\n`);
  await t.rejects(acquireLock(dir, quiet().log), { name: 'LockBusyError', message: `another run holds ${join(dir, LOCK_FILE)} (pid ${holder} is alive); this run did nothing. If no runner is running, delete the file` });
  t.equal(readFileSync(join(dir, LOCK_FILE), 'utf8'), `${holder}\n`);
});

t.test('a stale lock of a dead pid is taken over with a log line', async (t) => {
  const dir = configDir(t);
  const dead = await deadPid();
  writeFileSync(join(dir, LOCK_FILE), `${dead}\n`);
  const { log, lines } = quiet();
  const lock = await acquireLock(dir, log);
  t.equal(readFileSync(join(dir, LOCK_FILE), 'utf8'), `${process.pid}\n`);
  t.match(lines.join(''), `WARNING test: took over the stale lock ${join(dir, LOCK_FILE)} of pid ${dead}, which is no longer running (a previous run was killed)`);
  await lock.release();
});

t.test('a release never deletes a lock another run holds now', async (t) => {
  const dir = configDir(t);
  const lock = await acquireLock(dir, quiet().log);
  const other = livePid(t);
  writeFileSync(join(dir, LOCK_FILE), `${other}\n`);
  await lock.release();
  t.equal(readFileSync(join(dir, LOCK_FILE), 'utf8'), `${other}\n`);
});

t.test('of many runners taking a stale lock at once, exactly one holds it', async (t) => {
  const dir = configDir(t);
  writeFileSync(join(dir, LOCK_FILE), `${await deadPid()}\n`);
  const pids = [101, 202, 303, 404, 505].map(() => livePid(t));
  const results = await Promise.allSettled(pids.map((pid) => acquireLock(dir, quiet().log, pid)));
  t.equal(results.filter((result) => result.status === 'fulfilled').length, 1, 'one lock');
  t.ok(results.every((result) => result.status === 'fulfilled' || (result.reason as Error).name === 'LockBusyError'), 'the others are refused as busy');
});

t.test('a second run of the same directory while one is under way exits 75 with one line and starts nothing', async (t) => {
  const dir = configDir(t, { forever: true, intervalMs: 20 });
  const first = startRunner(dir);
  t.teardown(() => first.child.kill('SIGKILL'));
  await waitFor('the first run to save a state', () => existsSync(join(dir, 'state.json')));
  const second = await runRunner(dir);
  t.equal(second.code, 75);
  t.equal(second.stdout, '');
  t.equal(second.stderr.replace(/^\S+ /, ''), `ERROR kustomer-synapse-sync: another run holds ${join(dir, LOCK_FILE)} (pid ${first.child.pid} is alive); this run did nothing. If no runner is running, delete the file\n`);
  t.equal(tapRuns(dir).length, 1, 'no second tap was started');
  first.child.kill('SIGTERM');
  await first.closed;
});

t.test('a run after a killed run takes over its stale lock, says so, and succeeds', async (t) => {
  const dir = configDir(t, { states: 1 });
  const dead = await deadPid();
  writeFileSync(join(dir, LOCK_FILE), `${dead}\n`);
  const run = await runRunner(dir);
  t.equal(run.code, 0, run.stderr);
  t.match(run.stderr, `WARNING kustomer-synapse-sync: took over the stale lock ${join(dir, LOCK_FILE)} of pid ${dead}, which is no longer running`);
  t.notOk(existsSync(join(dir, LOCK_FILE)), 'released at the end');
});
