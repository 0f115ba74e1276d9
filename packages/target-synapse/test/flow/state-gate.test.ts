import t from 'tap';
import { parseJson } from '@kustomer-synapse/singer';
import { EMPTY_GATE, allReleased, stateReceived, workCommitted, workStarted, type GateStep, type StateGate } from '../../src/flow/state-gate.js';

/** Drives the pure gate like the flow does and keeps every printed line. */
class GateDriver {
  gate: StateGate = EMPTY_GATE;
  readonly printed: string[] = [];

  start(id: number, stream: string): this {
    this.gate = workStarted(this.gate, id, stream);
    return this;
  }

  state(value: unknown): this {
    return this.step(stateReceived(this.gate, value));
  }

  commit(id: number): this {
    return this.step(workCommitted(this.gate, id));
  }

  private step(step: GateStep): this {
    this.gate = step.gate;
    if (step.print !== undefined) this.printed.push(step.print);
    return this;
  }
}

const bookmarks = (values: Record<string, number>): unknown => ({
  bookmarks: Object.fromEntries(Object.entries(values).map(([stream, value]) => [stream, { replication_key: 'updated_at', replication_key_value: value }])),
});

t.test('a state with no batch pending is printed at once, exactly as received', async (t) => {
  const value = parseJson('{"bookmarks":{"users":{"replication_key_value":99999999999999999,"ratio":1.0000000000000000001}}}');
  const gate = new GateDriver().state(value);
  t.same(gate.printed, ['{"bookmarks":{"users":{"replication_key_value":99999999999999999,"ratio":1.0000000000000000001}}}']);
});

t.test('a state is not printed before the batch that was open when it arrived commits', async (t) => {
  const gate = new GateDriver().start(1, 'users').state({ position: 1 });
  t.same(gate.printed, [], 'nothing while batch 1 is pending');
  gate.commit(1);
  t.same(gate.printed, ['{"position":1}']);
});

t.test('a batch opened after a state does not hold that state back', async (t) => {
  const gate = new GateDriver().start(1, 'users').state({ position: 1 }).start(2, 'users');
  gate.commit(1);
  t.same(gate.printed, ['{"position":1}']);
});

t.test('states released together print only the latest, which supersedes the earlier ones', async (t) => {
  const gate = new GateDriver().start(1, 'users').state({ position: 1 }).state({ position: 2 });
  gate.commit(1);
  t.same(gate.printed, ['{"position":2}']);
});

t.test('a later batch committing first releases nothing that an earlier batch still holds', async (t) => {
  const gate = new GateDriver().start(1, 'users').state({ position: 1 }).start(2, 'teams').state({ position: 2 });
  gate.commit(2);
  t.same(gate.printed, [], 'position 1 waits on batch 1 and position 2 on both');
  gate.commit(1);
  t.same(gate.printed, ['{"position":2}'], 'both released at once: the latest is printed');
});

t.test('commits in arrival order print each state in turn', async (t) => {
  const gate = new GateDriver().start(1, 'users').state({ position: 1 }).start(2, 'teams').state({ position: 2 });
  gate.commit(1);
  t.same(gate.printed, ['{"position":1}']);
  gate.commit(2);
  t.same(gate.printed, ['{"position":1}', '{"position":2}']);
});

t.test('a bookmark advances as soon as its own stream commits, while another stream still buffers', async (t) => {
  const gate = new GateDriver().state(bookmarks({ users: 1, teams: 1 }));
  gate.start(1, 'users').start(2, 'teams').state(bookmarks({ users: 2, teams: 2 }));
  gate.commit(1);
  t.same(gate.printed.map((line) => JSON.parse(line)), [bookmarks({ users: 1, teams: 1 }), bookmarks({ users: 2, teams: 1 })]);
  gate.commit(2);
  t.same(JSON.parse(gate.printed.at(-1)!), bookmarks({ users: 2, teams: 2 }), 'whole once teams commits too');
  t.equal(gate.printed.length, 3);
});

t.test('a stream released early takes its bookmark from the latest state that allows it', async (t) => {
  const gate = new GateDriver().state(bookmarks({ users: 1, teams: 1 }));
  gate.start(1, 'users').start(2, 'teams').state(bookmarks({ users: 2, teams: 2 }));
  gate.start(3, 'users').state(bookmarks({ users: 3, teams: 3 }));
  gate.commit(1);
  t.same(JSON.parse(gate.printed.at(-1)!), bookmarks({ users: 2, teams: 1 }), 'users 3 waits on batch 3');
  gate.commit(3);
  t.same(JSON.parse(gate.printed.at(-1)!), bookmarks({ users: 3, teams: 1 }));
});

t.test('a bookmark of a stream new to the printed state is added when its stream commits', async (t) => {
  const gate = new GateDriver().state(bookmarks({ users: 1 }));
  gate.start(1, 'teams').start(2, 'users').state(bookmarks({ users: 1, teams: 5 }));
  gate.commit(1);
  t.same(JSON.parse(gate.printed.at(-1)!), bookmarks({ users: 1, teams: 5 }));
});

t.test('keys beside the bookmarks come from the last state released whole', async (t) => {
  const gate = new GateDriver().state({ currently_syncing: 'users', ...(bookmarks({ users: 1, teams: 1 }) as object) });
  gate.start(1, 'users').start(2, 'teams').state({ currently_syncing: 'teams', ...(bookmarks({ users: 2, teams: 2 }) as object) });
  gate.commit(1);
  t.same(JSON.parse(gate.printed.at(-1)!), { currently_syncing: 'users', ...(bookmarks({ users: 2, teams: 1 }) as object) });
});

t.test('pending work of a stream with no bookmark of its own holds every bookmark back', async (t) => {
  // conversation_attachments has no bookmark: the conversations bookmark may cover its records.
  const gate = new GateDriver().state(bookmarks({ conversations: 1 }));
  gate.start(1, 'conversations').start(2, 'conversation_attachments').state(bookmarks({ conversations: 2 }));
  gate.commit(1);
  t.equal(gate.printed.length, 1, 'nothing new while the child stream buffers');
  gate.commit(2);
  t.same(JSON.parse(gate.printed.at(-1)!), bookmarks({ conversations: 2 }));
});

t.test('a state without the bookmarks shape waits for every stream', async (t) => {
  const gate = new GateDriver().state({ offset: 1 });
  gate.start(1, 'users').start(2, 'teams').state({ offset: 2 });
  gate.commit(1);
  t.same(gate.printed, ['{"offset":1}']);
  gate.commit(2);
  t.same(gate.printed, ['{"offset":1}', '{"offset":2}']);
});

t.test('before any state is released whole, a stream that commits early prints nothing', async (t) => {
  const gate = new GateDriver().start(1, 'users').start(2, 'teams').state(bookmarks({ users: 2, teams: 2 }));
  gate.commit(1);
  t.same(gate.printed, [], "the previous run's state stays the resume point");
  gate.commit(2);
  t.same(gate.printed.map((line) => JSON.parse(line)), [bookmarks({ users: 2, teams: 2 })]);
});

t.test('identical consecutive states are printed once', async (t) => {
  const gate = new GateDriver().state({ position: 1 }).state({ position: 1 });
  gate.start(1, 'users').state({ position: 1 });
  gate.commit(1);
  t.same(gate.printed, ['{"position":1}']);
  gate.state({ position: 2 }).state({ position: 1 });
  t.same(gate.printed, ['{"position":1}', '{"position":2}', '{"position":1}'], 'only consecutive duplicates are dropped');
});

t.test('once everything commits, the last line printed is the last state received', async (t) => {
  const gate = new GateDriver().state(bookmarks({ users: 0, teams: 0 }));
  let id = 0;
  for (let round = 1; round <= 5; round += 1) {
    gate.start((id += 1), 'users').start((id += 1), 'teams').state(bookmarks({ users: round, teams: round }));
    gate.commit(id - 1); // users first: per-stream lines in between
  }
  for (let work = 2; work <= id; work += 2) gate.commit(work);
  t.same(JSON.parse(gate.printed.at(-1)!), bookmarks({ users: 5, teams: 5 }));
  t.ok(allReleased(gate.gate));
  for (let index = 1; index < gate.printed.length; index += 1) t.not(gate.printed[index], gate.printed[index - 1], 'no line repeats the one before');
});

t.test('work committed twice or never started is a bug, not silently ignored', async (t) => {
  t.throws(() => workCommitted(EMPTY_GATE, 7), /never started/);
  t.throws(() => workStarted(workStarted(EMPTY_GATE, 1, 'a'), 1, 'a'), /started twice/);
});

t.test('a state per record while one batch is open keeps one waiting state, and the last one is printed', async (t) => {
  const gate = new GateDriver().start(1, 'users');
  const started = performance.now();
  for (let position = 1; position <= 100_000; position += 1) gate.state({ bookmarks: { users: { replication_key_value: position } } });
  t.equal(gate.gate.waiting.length, 1);
  gate.commit(1);
  t.same(gate.printed, ['{"bookmarks":{"users":{"replication_key_value":100000}}}']);
  t.ok(performance.now() - started < 5_000, 'linear in the number of states');
});
