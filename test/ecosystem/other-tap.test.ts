/**
 * Issue 11: another Singer tap's output into target-synapse. tap-jsonl (PyPI, built with the Meltano Singer SDK,
 * pinned) reads JSON Lines files the test writes; its output is piped into target-synapse, and run again under
 * Meltano (`meltano run tap-jsonl target-synapse`) with the repository's meltano.yml. The tables hold the files.
 */
import t, { type Test } from 'tap';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Document } from 'yaml';
import { startStandIns, type StandIns } from '../../scripts/stand-ins.mjs';
import { pinnedVenv, readPins, REPO_ROOT, runProgram } from '../support/python-venv.js';
import { meltanoProject, meltanoVenv, settingsEnv, venvExecutable } from './meltano-project.js';
import { RUN_TIMEOUT_MS, TARGET_BIN, tempDir, writeJson } from './pipe.js';

const TAP_JSONL_MAIN = 'from tap_jsonl.tap import TapJsonl; TapJsonl.cli()';
const ORDERS = [
  { id: 1, customer: 'Ada', amount: 12.5, paid: true, placed_at: '2025-03-01T10:00:00Z', items: [{ sku: 'A-1', qty: 2 }, { sku: 'B-2', qty: 1 }] },
  { id: 2, customer: 'Grace', amount: 7, paid: false, placed_at: '2025-03-02T11:30:00Z', items: [] },
  { id: 3, customer: "O'Brien, Pat", amount: 0.1, paid: true, placed_at: '2025-03-03T23:59:59Z', items: [{ sku: 'C-3', qty: 10 }] },
];
const SECOND_FILE = [{ id: 4, customer: 'Linus', amount: 99.99, paid: false, placed_at: '2025-03-04T00:00:00Z', items: [{ sku: 'A-1', qty: 1 }] }];
const ALL = [...ORDERS, ...SECOND_FILE];

const tapVenv = await pinnedVenv('tap-jsonl', await readPins(join(REPO_ROOT, 'test/ecosystem/requirements/tap-jsonl.txt')));
const meltano = await meltanoVenv();
const skip = !tapVenv.ok ? tapVenv.skip : !meltano.ok ? meltano.skip : false;

async function writeFixtures(dir: string): Promise<string> {
  const jsonl = (records: readonly object[]) => records.map((record) => JSON.stringify(record)).join('\n') + '\n';
  await writeFile(join(dir, 'orders-1.jsonl'), jsonl(ORDERS));
  await writeFile(join(dir, 'orders-2.jsonl'), jsonl(SECOND_FILE));
  return join(dir, '*.jsonl');
}

/** The orders table and its items child table, as plain text rows a user would read back. */
async function expectOrders(t: Test, standIns: StandIns, schema: string): Promise<void> {
  const orders = await standIns.query(`SELECT id, customer, amount, paid, placed_at FROM [${schema}].[orders] ORDER BY id`);
  t.same(
    orders.map((row) => `${String(row['id'])} ${String(row['customer'])} ${String(row['amount'])} ${String(row['paid'])} ${new Date(row['placed_at'] as Date).toISOString()}`),
    ALL.map((order) => `${order.id} ${order.customer} ${order.amount} ${order.paid} ${new Date(order.placed_at).toISOString()}`),
    `${schema}.orders holds every order of both files`,
  );
  const items = await standIns.query(`SELECT _sdc_source_key_id AS id, _sdc_level_0_id AS position, value FROM [${schema}].[orders__items] ORDER BY 1, 2`);
  t.same(
    items.map((row) => `${String(row['id'])}#${String(row['position'])} ${JSON.stringify(JSON.parse(String(row['value'])))}`),
    ALL.flatMap((order) => order.items.map((item, position) => `${order.id}#${position} ${JSON.stringify(item)}`)),
    `${schema}.orders__items holds each order's items in order`,
  );
}

t.test('tap-jsonl | target-synapse, and meltano run tap-jsonl target-synapse, load the JSONL files', { skip }, async (t) => {
  if (!tapVenv.ok || !meltano.ok) return;
  const standIns = await startStandIns({ kustomer: { scale: 10 } });
  t.teardown(() => standIns.stop());
  const dir = await tempDir(t, 'other-tap-');
  const glob = await writeFixtures(dir);
  const tapSettings = { path: glob, stream_name: 'orders', primary_keys: ['id'] };

  t.test('piped by hand', async (t) => {
    const tap = await tapVenv.venv.run(['-c', TAP_JSONL_MAIN, '--config', await writeJson(dir, 'tap.json', tapSettings)], { timeoutMs: RUN_TIMEOUT_MS });
    t.equal(tap.code, 0, `tap-jsonl succeeds${tap.code === 0 ? '' : `: ${tap.stderr.slice(-2000)}`}`);
    const targetConfig = await writeJson(dir, 'target.json', { ...standIns.targetConfig, default_target_schema: 'files' });
    const target = await runProgram(process.execPath, [TARGET_BIN, '--config', targetConfig], { input: tap.stdout, timeoutMs: RUN_TIMEOUT_MS });
    t.equal(target.code, 0, `target-synapse succeeds${target.code === 0 ? '' : `: ${target.stderr.slice(-2000)}`}`);
    t.match(target.stdout.trim().split('\n').at(-1) ?? '', /^\{"bookmarks":\{"orders":/, "it echoes tap-jsonl's state");
    await expectOrders(t, standIns, 'files');
  });

  t.test('under Meltano', async (t) => {
    const wrapper = await venvExecutable(dir, 'tap-jsonl', tapVenv.venv, TAP_JSONL_MAIN);
    const { default_target_schema: _schema, ...target } = standIns.targetConfig;
    const addTapJsonl = (document: Document) => {
      const extractors = document.getIn(['plugins', 'extractors']) as { add(value: unknown): void };
      extractors.add(document.createNode({
        name: 'tap-jsonl', namespace: 'tap_jsonl', executable: wrapper, capabilities: ['catalog', 'discover', 'state', 'about'],
        settings: [{ name: 'path', kind: 'string' }, { name: 'stream_name', kind: 'string' }, { name: 'primary_keys', kind: 'array' }],
        load_schema: 'files_meltano',
      }));
    };
    const project = await meltanoProject(t, meltano.venv, {
      ...settingsEnv('tap-jsonl', { path: glob, stream_name: 'orders', primary_keys: '["id"]' }),
      ...settingsEnv('target-synapse', target),
    }, addTapJsonl);
    const run = await project.run(['run', 'tap-jsonl', 'target-synapse']);
    t.equal(run.code, 0, `meltano run succeeds${run.code === 0 ? '' : `:\n${run.stderr.slice(-4000)}`}`);
    await expectOrders(t, standIns, 'files_meltano');
  });
});
