// State lines through the real CLI into synapse-sim, with the input streamed slowly: stdout holds only state
// lines, each equal to a state the tap sent; none is printed before the records that preceded it can be
// queried; the last line is the last state sent.
//
// When a line appears, the target is stopped (SIGSTOP) while the test queries the tables, then continued: the
// stand-ins run in this process, so the target cannot commit anything between printing the line and the
// query, and the rows found are the rows committed when it printed.
import t, { type Test } from 'tap';
import { startHarness, type Harness } from '../load/harness.js';
import { collect, spawnTarget } from '../support/cli-run.js';
import { assertSucceeded, exact, recordMessage, schemaMessage, stateMessage } from '../support/singer-messages.js';
import { stringifyJson } from '@kustomer-synapse/singer';

const h: Harness = await startHarness();
t.teardown(() => h.stop());

interface Sent {
  readonly line: object;
  /** For a STATE: its value as the target must print it; for a RECORD: its stream and id. */
  readonly state?: string;
  readonly record?: { readonly stream: string; readonly id: number };
}

const schemaOf = (stream: string): Sent => ({ line: schemaMessage(stream, { id: { type: 'integer' }, v: { type: 'string' } }) });
const recordOf = (stream: string, id: number): Sent => ({ line: recordMessage(stream, { id, v: `${stream} ${id}` }), record: { stream, id } });
const stateOf = (value: object): Sent => ({ line: stateMessage(value), state: stringifyJson(value) });

/** Ids of each stream's committed rows. */
async function committed(streams: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const stream of streams) {
    const rows = await h.query(`SELECT [id] FROM [tap].[${stream}]`).catch(() => []);
    for (const row of rows) found.add(`${stream} ${String(row.id)}`);
  }
  return found;
}

/** Judges a printed line, given the committed rows (`<stream> <id>`) at the moment it was printed. */
type Judge = (line: string, found: ReadonlySet<string>) => void;

/** Records of `stream` (or of every stream) sent before input position `at` that are not committed. */
function missingBefore(input: readonly Sent[], at: number, found: ReadonlySet<string>, stream?: string): string[] {
  return input.slice(0, at).flatMap(({ record }) => {
    if (record === undefined || (stream !== undefined && record.stream !== stream)) return [];
    const name = `${record.stream} ${record.id}`;
    return found.has(name) ? [] : [name];
  });
}

/** Each line is a state sent, at or after the previous line's place, and every record before it is committed. */
function exactStates(t: Test, input: readonly Sent[]): Judge {
  let place = 0;
  return (line, found) => {
    const at = input.findIndex((sent, index) => index >= place && sent.state === line);
    if (at < 0) { t.fail(`a state sent, in order: ${line}`); return; }
    place = at;
    t.same(missingBefore(input, at, found), [], `when ${line} is printed, every record before it is committed`);
  };
}

/**
 * Per-stream release: each stream's bookmark in a line is that stream's bookmark in a state sent (in order),
 * and every record of that stream before that state is committed. Counts the lines that are a composition.
 */
function perStreamBookmarks(t: Test, input: readonly Sent[], composed: { count: number }): Judge {
  const place = new Map<string, number>();
  return (line, found) => {
    if (!input.some((sent) => sent.state === line)) composed.count += 1;
    const { bookmarks } = JSON.parse(line) as { bookmarks: Record<string, unknown> };
    for (const [stream, bookmark] of Object.entries(bookmarks)) {
      const text = JSON.stringify(bookmark);
      const at = input.findIndex((sent, index) => index >= (place.get(stream) ?? 0) && sent.state !== undefined
        && JSON.stringify((JSON.parse(sent.state) as { bookmarks: Record<string, unknown> }).bookmarks[stream]) === text);
      if (at < 0) { t.fail(`the ${stream} bookmark of ${line} was sent, in order`); continue; }
      place.set(stream, at);
      t.same(missingBefore(input, at, found, stream), [], `when ${line} is printed, every ${stream} record before its bookmark is committed`);
    }
  };
}

/**
 * Streams `input` with `gapMs` between lines, and judges each printed line as it appears, while the target is
 * stopped; then checks that stdout is exactly those lines, the last one the last state sent.
 */
async function runSlowly(t: Test, input: readonly Sent[], settings: Readonly<Record<string, unknown>>, gapMs: number, judge: Judge): Promise<string[]> {
  const streams = [...new Set(input.flatMap((sent) => (sent.record ? [sent.record.stream] : [])))];
  const child = await spawnTarget(h, settings);
  const done = collect(child);
  const printed: string[] = [];
  let partial = '';
  let checking = Promise.resolve();
  let pausedChecks = 0;
  const check = async (line: string): Promise<void> => judge(line, await committed(streams));
  child.stdout.on('data', (chunk: Buffer) => {
    child.kill('SIGSTOP');
    pausedChecks += 1;
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    printed.push(...lines);
    checking = checking.then(async () => {
      for (const line of lines) await check(line);
    }).finally(() => {
      pausedChecks -= 1;
      if (pausedChecks === 0) child.kill('SIGCONT');
    });
  });
  for (const sent of input) {
    child.stdin.write(`${stringifyJson(sent.line)}\n`);
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  child.stdin.end();
  const run = await done;
  await checking;
  assertSucceeded(t, run);
  t.equal(partial, '', 'stdout ends with a complete line');
  t.equal(run.stdout, printed.map((line) => `${line}\n`).join(''), 'stdout is exactly the lines checked');
  t.equal(printed.at(-1), input.filter((sent) => sent.state !== undefined).at(-1)?.state, 'the last line is the last state sent');
  return printed;
}

t.test('one stream with bookmarks: states follow their records into the table, exact numbers kept', async (t) => {
  const input: Sent[] = [schemaOf('events')];
  for (let id = 1; id <= 12; id += 1) {
    input.push(recordOf('events', id));
    if (id % 2 === 0) input.push(stateOf({ bookmarks: { events: { replication_key: 'id', replication_key_value: exact(`1234567890123456789${id}`) } } }));
  }
  // Batches close at 5 records or after 1 s, so states are released by both limits, and some wait.
  const printed = await runSlowly(t, input, { batch_size_rows: 5, max_batch_age_seconds: 1 }, 150, exactStates(t, input));
  t.ok(printed.length >= 2, `several states printed as batches committed (${printed.length})`);
});

t.test('two streams with a state of another shape: each state waits for every stream', async (t) => {
  const input: Sent[] = [schemaOf('alpha'), schemaOf('beta')];
  for (let id = 1; id <= 9; id += 1) {
    input.push(recordOf('alpha', id));
    if (id % 3 === 0) input.push(recordOf('beta', id));
    input.push(stateOf({ offsets: { alpha: id, beta: Math.floor(id / 3) }, currently_syncing: 'alpha' }));
  }
  const printed = await runSlowly(t, input, { batch_size_rows: 4, max_batch_age_seconds: 1 }, 120, exactStates(t, input));
  t.ok(printed.length >= 2, `several states printed as batches committed (${printed.length})`);
});

t.test('two streams with bookmarks: each bookmark advances once the records of its stream are committed', async (t) => {
  // alpha fills batches of 3 quickly; beta's few records wait for the 1 s batch age, so alpha's bookmark is
  // released ahead of beta's (research/singer.md 1.11). Such a line combines the bookmarks of two states sent,
  // so it is not itself a state sent: the "equals a state sent" holds for the states released whole.
  const input: Sent[] = [schemaOf('alpha'), schemaOf('beta')];
  let beta = 0;
  for (let id = 1; id <= 12; id += 1) {
    input.push(recordOf('alpha', id));
    if (id % 5 === 0) { beta += 1; input.push(recordOf('beta', beta)); }
    input.push(stateOf({ bookmarks: { alpha: { replication_key_value: id }, beta: { replication_key_value: beta } } }));
  }
  const composed = { count: 0 };
  const printed = await runSlowly(t, input, { batch_size_rows: 3, max_batch_age_seconds: 1 }, 120, perStreamBookmarks(t, input, composed));
  t.comment(`${printed.length} lines printed, ${composed.count} of them per-stream compositions`);
  t.ok(printed.length >= 2, 'several states printed as batches committed');
});
