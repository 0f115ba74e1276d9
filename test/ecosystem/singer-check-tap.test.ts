/**
 * Issue 11: singer-tools' `singer-check-tap` (pinned) runs tap-kustomer, validates every RECORD against its
 * stream's SCHEMA (Draft 4, with formats), then reruns the tap from the last state and validates that too.
 */
import t from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { start } from '@kustomer-synapse/kustomer-sim';
import { pinnedVenv, readPins, REPO_ROOT } from '../support/python-venv.js';
import { atBookmarks, FAST_ORG, FAST_TAP_SETTINGS, KINDS_OF_TABLE, RUN_TIMEOUT_MS, simIds, tempDir, writeJson } from './pipe.js';

const CHECK_TAP_MAIN = 'import sys; from singertools.check_tap import main; sys.exit(main())';
const TAP = join(REPO_ROOT, 'node_modules/.bin/tap-kustomer');
const START_DATE = '2024-01-01T00:00:00Z';
const venv = await pinnedVenv('singer-tools', await readPins(join(REPO_ROOT, 'test/ecosystem/requirements/singer-tools.txt')));

/** singer-check-tap's "Details by stream" table: records per stream. */
function recordsPerStream(summary: string): Record<string, number> {
  return Object.fromEntries([...summary.matchAll(/^\| (\w+)\s+\| (\d+)\s+\| (\d+)\s+\|$/gm)].filter((row) => row[1] !== 'stream').map((row) => [row[1]!, Number(row[2])]));
}

t.test('singer-check-tap finds the output valid, and the rerun from the state it printed too', { skip: venv.ok ? false : venv.skip }, async (t) => {
  if (!venv.ok) return;
  const sim = await start(FAST_ORG.kustomer);
  t.teardown(() => sim.stop());
  const dir = await tempDir(t, 'singer-check-tap-');
  const config = await writeJson(dir, 'tap.json', { api_token: sim.apiToken, base_url: sim.url, start_date: START_DATE, ...FAST_TAP_SETTINGS });

  const check = await venv.venv.run(['-c', CHECK_TAP_MAIN, '--tap', TAP, '--config', config], { cwd: dir, timeoutMs: RUN_TIMEOUT_MS });
  t.equal(check.code, 0, `singer-check-tap exits 0${check.code === 0 ? '' : `:\n${check.stdout.slice(-3000)}${check.stderr.slice(-3000)}`}`);
  const [first = '', rerun = ''] = check.stdout.split('Now re-running tap with state produced by previous run');
  t.match(first, 'The output is valid.', 'the first run is valid');
  t.match(rerun, 'The output is valid.', 'the rerun from state is valid');

  const firstCounts = recordsPerStream(first);
  const rerunCounts = recordsPerStream(rerun);
  t.equal(Object.keys(firstCounts).length, 16, 'the first run has all 16 streams');
  for (const [stream, kinds] of Object.entries(KINDS_OF_TABLE)) {
    t.equal(firstCounts[stream], simIds(sim, kinds, START_DATE).length, `first run: ${stream} has every record the simulator holds`);
  }
  // The state the checker handed back holds each search stream's bookmark: the rerun reads only what sits at it.
  const state = JSON.parse(await readFile(join(dir, 'singer-check-tap-data/state.json'), 'utf8')) as {
    bookmarks: Record<string, { replication_key_value: string }>;
  };
  const reread = atBookmarks(sim, state.bookmarks);
  for (const stream of Object.keys(KINDS_OF_TABLE)) {
    t.equal(rerunCounts[stream] ?? 0, reread[stream], `rerun: ${stream} re-reads only the ${reread[stream]} record(s) at its bookmark`);
  }
});
