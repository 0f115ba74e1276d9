/**
 * Issue 11: `tap-kustomer | target-jsonl`, the PyPI target (pinned): any Singer target takes the tap's output,
 * and the files it writes hold every record the tap emitted, stream by stream.
 */
import t from 'tap';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { start } from '@kustomer-synapse/kustomer-sim';
import { pinnedVenv, readPins, REPO_ROOT } from '../support/python-venv.js';
import { meltanoProject, meltanoVenv, settingsEnv, venvExecutable } from './meltano-project.js';
import { FAST_ORG, FAST_TAP_SETTINGS, KINDS_OF_TABLE, RUN_TIMEOUT_MS, runTap, simIds, tempDir, writeJson } from './pipe.js';

const START_DATE = '2024-01-01T00:00:00Z';
const TARGET_JSONL_MAIN = 'import sys; from target_jsonl import main; sys.exit(main())';
const meltano = await meltanoVenv();
const venv = await pinnedVenv('target-jsonl', await readPins(join(REPO_ROOT, 'test/ecosystem/requirements/target-jsonl.txt')));

/** The records of each stream in a Singer text, in order. */
function recordsByStream(singer: string): Map<string, unknown[]> {
  const streams = new Map<string, unknown[]>();
  for (const line of singer.split('\n')) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line) as { type: string; stream?: string; record?: unknown };
    if (message.type !== 'RECORD') continue;
    streams.set(message.stream!, [...(streams.get(message.stream!) ?? []), message.record]);
  }
  return streams;
}

t.test("target-jsonl writes every record of tap-kustomer's output into one file per stream", { skip: venv.ok ? false : venv.skip }, async (t) => {
  if (!venv.ok) return;
  const sim = await start(FAST_ORG.kustomer);
  t.teardown(() => sim.stop());
  const dir = await tempDir(t, 'target-jsonl-');
  const tapConfig = await writeJson(dir, 'tap.json', { api_token: sim.apiToken, base_url: sim.url, start_date: START_DATE, ...FAST_TAP_SETTINGS });
  const tap = await runTap(['--config', tapConfig]);
  t.equal(tap.code, 0, `the tap succeeds${tap.code === 0 ? '' : `: ${tap.stderr.slice(-2000)}`}`);
  if (tap.code !== 0) return;
  const emitted = recordsByStream(tap.stdout);
  for (const [stream, kinds] of Object.entries(KINDS_OF_TABLE)) {
    const ids = (emitted.get(stream) ?? []).map((record) => String((record as { id: unknown }).id)).sort();
    t.same(ids, simIds(sim, kinds, START_DATE), `the tap emitted every ${stream} record the simulator holds`);
  }

  const output = join(dir, 'output');
  const targetConfig = await writeJson(dir, 'target.json', { destination_path: output, do_timestamp_file: false });
  const target = await venv.venv.run(['-c', TARGET_JSONL_MAIN, '--config', targetConfig], { input: tap.stdout, cwd: dir, timeoutMs: RUN_TIMEOUT_MS });
  t.equal(target.code, 0, `target-jsonl succeeds${target.code === 0 ? '' : `: ${target.stderr.slice(-2000)}`}`);
  if (target.code !== 0) return;
  t.same(JSON.parse(target.stdout.trim().split('\n').at(-1)!), JSON.parse(tap.stdout.trim().split('\n').filter((line) => line.startsWith('{"type":"STATE"')).at(-1)!).value, 'it echoes the tap\'s last state');

  const files = (await readdir(output)).sort();
  t.same(files, [...emitted.keys()].map((stream) => `${stream}.jsonl`).sort(), 'one file per stream that had records');
  for (const [stream, records] of emitted) {
    const lines = (await readFile(join(output, `${stream}.jsonl`), 'utf8')).split('\n').filter((line) => line !== '');
    t.same(lines.map((line) => JSON.parse(line) as unknown), records, `${stream}.jsonl holds the ${records.length} records the tap emitted`);
  }
  t.ok(emitted.size >= 12, `records in ${emitted.size} streams`);

  t.test("under Meltano: meltano run tap-kustomer target-jsonl with meltano.yml's target-jsonl entry", { skip: meltano.ok ? false : meltano.skip }, async (t) => {
    if (!meltano.ok) return;
    // meltano.yml's entry as it stands, but run from our pinned venv instead of Meltano's own pip install.
    const executable = await venvExecutable(dir, 'target-jsonl', venv.venv, TARGET_JSONL_MAIN);
    const project = await meltanoProject(t, meltano.venv, settingsEnv('tap-kustomer', { api_token: sim.apiToken, base_url: sim.url, start_date: START_DATE, ...FAST_TAP_SETTINGS }), (document) => {
      const loaders = document.getIn(['plugins', 'loaders']) as { items: { get(key: string): unknown; delete(key: string): void; set(key: string, value: unknown): void }[] };
      const entry = loaders.items.find((item) => item.get('name') === 'target-jsonl')!;
      entry.delete('pip_url');
      entry.set('executable', executable);
    });
    const run = await project.run(['run', 'tap-kustomer', 'target-jsonl']);
    t.equal(run.code, 0, `meltano run succeeds${run.code === 0 ? '' : `:\n${run.stderr.slice(-3000)}`}`);
    for (const [stream, records] of emitted) {
      const lines = (await readFile(join(project.dir, 'output', `${stream}.jsonl`), 'utf8')).split('\n').filter((line) => line !== '');
      t.same(lines.map((line) => (JSON.parse(line) as { id?: unknown }).id), records.map((record) => (record as { id?: unknown }).id), `output/${stream}.jsonl holds the ${records.length} records`);
    }
  });
});
