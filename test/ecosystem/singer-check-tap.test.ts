/**
 * Issue 11: singer-tools' `singer-check-tap` (pinned) validates tap-kustomer's output, every RECORD against its
 * stream's SCHEMA (Draft 4, with formats), and then the output of a rerun from the last state printed. The tap's
 * output reaches the checker on stdin (`tap-kustomer ... | singer-check-tap`), as its README shows. Its `--tap`
 * mode returns the summary without waiting for its reader thread once the tap exits (check_tap.py
 * run_and_summarize), so it fails at random with "'NoneType' object has no attribute 'num_messages'" whenever the
 * reader is still validating the pipe's last lines.
 */
import t from 'tap';
import { join } from 'node:path';
import { start } from '@kustomer-synapse/kustomer-sim';
import { pinnedVenv, readPins, REPO_ROOT } from '../support/python-venv.js';
import { atBookmarks, FAST_ORG, FAST_TAP_SETTINGS, KINDS_OF_TABLE, RUN_TIMEOUT_MS, runTap, simIds, tempDir, writeJson } from './pipe.js';

const CHECK_TAP_MAIN = 'import sys; from singertools.check_tap import main; sys.exit(main())';
const START_DATE = '2024-01-01T00:00:00Z';
const venv = await pinnedVenv('singer-tools', await readPins(join(REPO_ROOT, 'test/ecosystem/requirements/singer-tools.txt')));

/** singer-check-tap's "Details by stream" table: records per stream. */
function recordsPerStream(summary: string): Record<string, number> {
  return Object.fromEntries([...summary.matchAll(/^\| (\w+)\s+\| (\d+)\s+\| (\d+)\s+\|$/gm)].filter((row) => row[1] !== 'stream').map((row) => [row[1]!, Number(row[2])]));
}

t.test('singer-check-tap finds the output valid, and the output of the rerun from the last state too', { skip: venv.ok ? false : venv.skip }, async (t) => {
  if (!venv.ok) return;
  const sim = await start(FAST_ORG.kustomer);
  t.teardown(() => sim.stop());
  const dir = await tempDir(t, 'singer-check-tap-');
  const config = await writeJson(dir, 'tap.json', { api_token: sim.apiToken, base_url: sim.url, start_date: START_DATE, ...FAST_TAP_SETTINGS });

  /** Runs the tap, then the checker on its output; returns both outputs. */
  const check = async (what: string, args: readonly string[]): Promise<{ readonly tap: string; readonly summary: string }> => {
    const tap = await runTap(['--config', config, ...args]);
    t.equal(tap.code, 0, `${what}: the tap succeeds${tap.code === 0 ? '' : `: ${tap.stderr.slice(-2000)}`}`);
    const checked = await venv.venv.run(['-c', CHECK_TAP_MAIN], { cwd: dir, input: tap.stdout, timeoutMs: RUN_TIMEOUT_MS });
    t.equal(checked.code, 0, `${what}: singer-check-tap exits 0${checked.code === 0 ? '' : `:\n${checked.stdout.slice(-3000)}${checked.stderr.slice(-3000)}`}`);
    t.match(checked.stdout, 'The output is valid.', `${what}: the output is valid`);
    return { tap: tap.stdout, summary: checked.stdout };
  };
  const { tap: firstOutput, summary: first } = await check('first run', []);
  const lastState = firstOutput.trim().split('\n').map((line) => JSON.parse(line) as { type: string; value?: unknown }).filter((m) => m.type === 'STATE').at(-1)?.value;
  const statePath = await writeJson(dir, 'state.json', lastState);
  const { summary: rerun } = await check('rerun from the last state', ['--state', statePath]);

  const firstCounts = recordsPerStream(first);
  const rerunCounts = recordsPerStream(rerun);
  t.equal(Object.keys(firstCounts).length, 16, 'the first run has all 16 streams');
  for (const [stream, kinds] of Object.entries(KINDS_OF_TABLE)) {
    t.equal(firstCounts[stream], simIds(sim, kinds, START_DATE).length, `first run: ${stream} has every record the simulator holds`);
  }
  // The last state holds each search stream's bookmark: the rerun reads only what sits at it.
  const state = lastState as { bookmarks: Record<string, { replication_key_value: string }> };
  const reread = atBookmarks(sim, state.bookmarks);
  for (const stream of Object.keys(KINDS_OF_TABLE)) {
    t.equal(rerunCounts[stream] ?? 0, reread[stream], `rerun: ${stream} re-reads only the ${reread[stream]} record(s) at its bookmark`);
  }
});
