// Issue 10's crash safety, through the real CLI into synapse-sim and Azurite: the target is SIGKILLed at seeded
// moments (mid-read, mid-upload, mid-COPY, inside the upsert transaction, at COMMIT, right after it, while
// printing state, between the RENAMEs of a rebuild as heap), then rerun from the last state it printed with
// the input a tap resends from that bookmark. Every table and child table must then hold exactly the last
// record of every key: no loss, no duplicate, no orphan child row, no table left over from a rebuild.
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { startHarness, type Harness } from '../load/harness.js';
import { collect, runTarget, spawnTarget, type TargetRun } from '../support/cli-run.js';
import { COMPARED, crashInput, expectedRows, resumeFrom, rowText, type CrashInput, type Line, type Rows } from './crash-input.js';
import { killPlan, landedIn, PHASES, SLOW_MS, SLOW_STATEMENTS, TRIGGERS, type Event, type KillPlan, type Phase } from './kill-points.js';

const KILL_POINTS = Number(process.env.CRASH_POINTS ?? 24);
const CHUNK_LINES = 20;
const CHUNK_PAUSE_MS = 10;
const SETTINGS = { batch_size_rows: 10, max_parallelism: 2 };
const DEBUG = { LOG_LEVEL: 'debug' };

interface Outcome {
  readonly run: TargetRun;
  readonly events: readonly Event[];
  readonly landed: string | undefined;
}

/** Feeds `lines` in chunks, like a tap writing as it reads; kills the target as `plan` says (or runs it to the end). */
async function feedAndMaybeKill(h: Harness, schema: string, lines: readonly Line[], plan: KillPlan | undefined): Promise<Outcome> {
  // A killed run cannot remove its scratch directory: keep those inside the harness's, which stop() removes.
  const child = await spawnTarget(h, { ...SETTINGS, default_target_schema: schema }, [], { ...DEBUG, TMPDIR: h.dir });
  const done = collect(child);
  const events: Event[] = [];
  let inputDone = false;
  let landed: string | undefined;
  const kill = async (delayMs: number): Promise<void> => {
    if (landed !== undefined) return;
    landed = 'pending';
    if (delayMs > 0) await sleep(delayMs);
    landed = landedIn(events, inputDone);
    child.kill('SIGKILL');
  };
  watchLines(child, (stream, line) => {
    events.push({ stream, line });
    if (plan === undefined || plan.phase === 'read') return;
    const trigger = TRIGGERS[plan.phase];
    if (stream !== trigger.stream || !trigger.pattern.test(line)) return;
    if (events.filter((e) => e.stream === stream && trigger.pattern.test(e.line)).length === plan.occurrence) void kill(plan.delayMs);
  });
  child.stdin.on('error', () => undefined); // the pipe breaks when the target is killed
  for (let at = 0, chunk = 1; at < lines.length && landed === undefined; at += CHUNK_LINES, chunk++) {
    const text = lines.slice(at, at + CHUNK_LINES).map((l) => `${JSON.stringify(l)}\n`).join('');
    if (!child.stdin.write(text)) await Promise.race([once(child.stdin, 'drain'), done]);
    if (plan?.phase === 'read' && chunk === plan.occurrence) await kill(0);
    await sleep(CHUNK_PAUSE_MS);
  }
  inputDone = true;
  if (landed === undefined) child.stdin.end();
  return { run: await done, events, landed };
}

function watchLines(child: ChildProcessWithoutNullStreams, onLine: (stream: 'stderr' | 'stdout', line: string) => void): void {
  for (const stream of ['stderr', 'stdout'] as const) {
    let rest = '';
    child[stream].on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) onLine(stream, line);
    });
  }
}

/** Each compared table's rows as rowText, sorted; a table that cannot be read holds its error instead. */
async function tableRows(h: Harness, schema: string): Promise<Rows> {
  const out: Record<string, string[]> = {};
  for (const [table, columns] of Object.entries(COMPARED)) {
    try {
      const rows = await h.query(`SELECT ${columns.map((c) => `[${c}]`).join(', ')} FROM [${schema}].[${table}]`);
      out[table] = rows.map((row) => rowText(Object.fromEntries(columns.map((c) => [c, row[c]])))).sort();
    } catch (error) {
      out[table] = [`cannot read: ${error instanceof Error ? error.message : String(error)}`];
    }
  }
  return out;
}

async function tablesIn(h: Harness, schema: string): Promise<readonly string[]> {
  const rows = await h.query(`SELECT t.name AS name FROM sys.tables AS t INNER JOIN sys.schemas AS s ON s.schema_id = t.schema_id WHERE s.name = '${schema}'`);
  return rows.map((r) => String(r.name)).sort();
}

/** How often each phase's trigger fires in a run to the end, so every seeded occurrence is one that happens. */
function triggerCounts(events: readonly Event[], lines: number): Record<Phase, number> {
  const counts = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
  counts.read = Math.ceil(lines / CHUNK_LINES);
  for (const phase of PHASES) {
    if (phase === 'read') continue;
    const trigger = TRIGGERS[phase];
    counts[phase] = events.filter((e) => e.stream === trigger.stream && trigger.pattern.test(e.line)).length;
  }
  return counts;
}

t.setTimeout(2_400_000); // 24 kill points, each a killed run and a rerun through the stand-ins

t.test('SIGKILL at seeded moments, then a rerun from the last printed state, leaves exactly the expected rows', async (t) => {
  const h = await startHarness({ slowStatementMs: SLOW_MS, slowStatementPattern: SLOW_STATEMENTS });
  t.teardown(() => h.stop());
  const input: CrashInput = crashInput(160);
  const expected = expectedRows(input);
  // and `_sdc_batch`, the load ledger that resolves a lost COMMIT (README "Retries"); no stage or rebuild side table.
  const tables = [...Object.keys(COMPARED), '_sdc_batch'].sort();

  const reference = await feedAndMaybeKill(h, 'k0', input.lines, undefined);
  t.equal(reference.run.code, 0, `an unkilled run ends normally: ${reference.run.stderr.split('\n').filter((l) => !l.includes('DEBUG')).slice(-3).join(' / ')}`);
  t.equal(reference.run.stateLines.at(-1), input.finalState, 'and prints the final state');
  t.same(await tableRows(h, 'k0'), expected, 'an unkilled run loads exactly the expected rows');
  if (process.env.CRASH_DUMP) (await import('node:fs')).writeFileSync(process.env.CRASH_DUMP, reference.run.stderr);
  const counts = triggerCounts(reference.events, input.lines.length);
  t.ok(counts.rebuild >= 2 && counts.copy > 10 && counts.state > 3, `every phase happens in a run: ${JSON.stringify(counts)}`);

  const spread = new Map<string, number>();
  const only = process.env.CRASH_ONLY?.split(',').map(Number); // to replay chosen points while debugging
  for (let k = 1; k <= KILL_POINTS; k++) {
    if (only !== undefined && !only.includes(k)) continue;
    const schema = `k${k}`;
    const plan = killPlan(k, counts);
    // Every fourth point the rerun is killed too, before a last run to the end.
    const kills = k % 4 === 0 ? [plan, killPlan(k + 100, counts)] : [plan];
    let state: string | undefined;
    const landings: string[] = [];
    for (const kill of kills) {
      const killed = await feedAndMaybeKill(h, schema, resumeFrom(input, state), kill);
      t.equal(killed.run.signal ?? String(killed.run.code), killed.landed === undefined ? '0' : 'SIGKILL', `point ${k}: the ${kill.phase} kill ${killed.landed === undefined ? 'never fired' : 'fired'}`);
      state = killed.run.stateLines.at(-1) ?? state;
      landings.push(killed.landed ?? 'not killed (ran to the end)');
      spread.set(killed.landed ?? 'not killed', (spread.get(killed.landed ?? 'not killed') ?? 0) + 1);
    }
    const rerun = await runTarget(h, resumeFrom(input, state), { ...SETTINGS, default_target_schema: schema });
    const where = `point ${k} (${kills.map((p) => `${p.phase} #${p.occurrence} +${p.delayMs} ms`).join(', then ')}; landed ${landings.join(', then ')}; resumed from ${state ?? 'the start'})`;
    t.equal(rerun.code, 0, `${where}: the rerun ends normally${rerun.code === 0 ? '' : `: ${rerun.stderr.trim().split('\n').at(-1)}`}`);
    t.equal(rerun.stateLines.at(-1), input.finalState, `${where}: the rerun prints the final state`);
    t.same(await tableRows(h, schema), expected, `${where}: exactly the expected rows in every table`);
    t.same(await tablesIn(h, schema), tables, `${where}: no table left over`);
  }
  const lines = [...spread].sort((a, b) => b[1] - a[1]).map(([place, n]) => `  ${String(n).padStart(2)} ${place}`);
  t.comment(`where the ${KILL_POINTS} kill points' kills landed:\n${lines.join('\n')}`);
  if (only !== undefined) return; // a replay of chosen points need not cover every phase
  for (const needed of ['mid-read', 'mid-upload', 'mid-COPY', 'in transaction', 'at COMMIT', 'right after COMMIT', 'printing state', 'mid-rebuild']) {
    t.ok([...spread.keys()].some((place) => place.startsWith(needed)), `some kill landed ${needed}`);
  }
});
