/**
 * Issue 7 acceptance: the published singer-io tap-kustomer 1.1.0, a client we did not write, syncs a
 * kustomer-sim org of 5,000 conversations with only its API host changed, and emits every record the
 * simulator holds from start_date on, in all nine streams.
 */
import t from 'tap';
import { start, type KindName } from '@kustomer-synapse/kustomer-sim';
import { runTapKustomer, TAP_STREAMS, tapKustomerVenv, type TapStream } from './tap-kustomer-harness.js';

const SCALE = 5_000;
// singer-python turns this into 2025-01-01T00:00:00.000000Z (six fraction digits) in every search body.
const START_DATE = '2025-01-01T00:00:00Z';
const SYNC_TIMEOUT_MS = 180_000;

/** Which simulator kinds each tap stream reads (kobjects: queryContext "kobject" searches every klass). */
const KINDS_OF: Readonly<Record<TapStream, readonly KindName[]>> = {
  customers: ['customer'],
  kobjects: ['kobject.order', 'kobject.subscription', 'kobject.return-request'],
  conversations: ['conversation'],
  messages: ['message'],
  users: ['user'],
  teams: ['team'],
  tags: ['tag'],
  shortcuts: ['shortcut'],
  notes: ['note'],
};

const installStarted = Date.now();
const venv = await tapKustomerVenv();
const installMs = Date.now() - installStarted;

t.test('tap-kustomer 1.1.0 emits every record updated at or after start_date, in each of its nine streams', { skip: venv.ok ? false : venv.skip }, async (t) => {
  if (!venv.ok) return;
  t.comment(`venv ${venv.venv.built ? 'built' : 'reused'} in ${installMs} ms`);
  const sim = await start({ seed: 7, scale: SCALE });
  t.teardown(() => sim.stop());

  const run = await runTapKustomer(venv.venv, sim, START_DATE, SYNC_TIMEOUT_MS);
  t.comment(`sync: ${run.result.ms} ms, ${run.lines} Singer lines, ${sim.requestLog.length} requests`);
  t.equal(run.result.timedOut, false, 'the sync finishes');
  t.equal(run.result.code, 0, `the tap exits 0${run.result.code === 0 ? '' : `:\n${run.result.stderr.slice(-3000)}`}`);
  t.same(
    sim.requestLog.filter((entry) => entry.status !== 200).map((entry) => `${entry.method} ${entry.path} ${entry.status}`),
    [],
    'the simulator answered every request the tap made with 200',
  );

  const since = Date.parse(START_DATE);
  for (const stream of TAP_STREAMS) {
    const expected = new Set<string>();
    for (const kind of KINDS_OF[stream]) {
      for (let index = 0; index < sim.count(kind); index++) {
        const record = sim.record(kind, index);
        const updatedAt = record.attributes['updatedAt'];
        if (typeof updatedAt !== 'string') throw new Error(`${kind} ${record.id} has no updatedAt`);
        if (Date.parse(updatedAt) >= since) expected.add(record.id);
      }
    }
    const emitted = new Set(run.records.filter((message) => message.stream === stream).map((message) => String(message.record.id)));
    t.ok(expected.size > 0, `${stream}: the simulator holds records after start_date`);
    t.same([...emitted].filter((id) => !expected.has(id)), [], `${stream}: nothing emitted that is not expected`);
    t.same([...expected].filter((id) => !emitted.has(id)), [], `${stream}: all ${expected.size} expected records emitted`);
  }
});
