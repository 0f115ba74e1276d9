import t from 'tap';
import { MESSAGE_TYPES, type JsonObject } from '@kustomer-synapse/singer';
import { HANDLERS } from '../../src/flow/router.js';
import { RecordValueError } from '../../src/plan/index.js';
import { fakeDependencies, record, runLines, schema, state } from './fakes.js';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

t.test('every Singer message type has a handler', async (t) => {
  t.same(Object.keys(HANDLERS).sort(), [...MESSAGE_TYPES].sort());
});

t.test('a RECORD before its SCHEMA fails naming the stream and the input line', async (t) => {
  const harness = fakeDependencies();
  const run = await runLines(harness, [schema('teams'), state({ a: 1 }), record('users', { id: 1 })]);
  t.equal(messageOf(run.error()), 'input line 3: RECORD for stream "users" arrived before any SCHEMA for it; the tap must send a stream\'s SCHEMA first');
  t.same(run.stdout.lines, ['{"a":1}'], 'the state before it had nothing to wait for');
  t.equal(harness.loader.loads.length, 0);
  t.ok(harness.loader.closed, 'the loader is closed after the failure');
});

t.test('a RECORD missing a key property fails naming the stream, the key and the line', async (t) => {
  const harness = fakeDependencies();
  const run = await runLines(harness, [schema('users'), record('users', { id: 1 }), record('users', { name: 'no id' })]);
  t.equal(
    messageOf(run.error()),
    'input line 3: RECORD of stream "users" is missing key property "id" (key_properties ["id"]); every record must carry its keys',
  );
  t.equal(harness.loader.loads.length, 0, 'nothing of a failed run is loaded');
  t.ok(harness.writers.every((writer) => writer.discarded), 'the open batch is discarded');
});

t.test('a record value its column cannot hold fails naming the input line as well', async (t) => {
  const harness = fakeDependencies();
  const refused = 'stream "users", record 2 (id=2): the value for column name of table users is the number 1, which does not fit NVARCHAR(10)';
  const createBatchWriter: typeof harness.dependencies.createBatchWriter = (plan, options) => {
    const writer = harness.dependencies.createBatchWriter(plan, options);
    const write = writer.write.bind(writer);
    writer.write = (value, meta) => {
      if (value['id'] === 2) throw new RecordValueError(refused, 'users', 'users', 'name', meta.ordinal);
      write(value, meta);
    };
    return writer;
  };
  const run = await runLines({ ...harness, dependencies: { ...harness.dependencies, createBatchWriter } }, [schema('users'), record('users', { id: 1 }), record('users', { id: 2, name: 1 })]);
  t.equal(messageOf(run.error()), `input line 3: ${refused}`);
  t.equal(harness.loader.loads.length, 0, 'nothing of a failed run is loaded');
});

t.test('a null key property counts as missing', async (t) => {
  const run = await runLines(fakeDependencies(), [schema('users'), record('users', { id: null })]);
  t.match(messageOf(run.error()), /^input line 2: RECORD of stream "users" is missing key property "id"/);
});

t.test('with validate_records, a record that breaks its schema fails naming the property', async (t) => {
  const users = {
    type: 'SCHEMA',
    stream: 'users',
    key_properties: ['id'],
    schema: {
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      properties: {
        id: { type: 'integer' },
        age: { type: ['null', 'integer'] },
        address: { type: 'object', properties: { zip: { type: 'string', maxLength: 5 } } },
        seen_at: { type: 'string', format: 'date-time' },
      },
    },
  };
  const cases: readonly [JsonObject, string][] = [
    [{ id: 1, age: 'old' }, 'property "age" must be null,integer'],
    [{ id: 1, address: { zip: '1234567' } }, 'property "address.zip" must NOT have more than 5 characters'],
    [{ id: 1, seen_at: 'yesterday' }, 'property "seen_at" must match format "date-time"'],
  ];
  for (const [bad, problem] of cases) {
    const run = await runLines(fakeDependencies(), [users, record('users', { id: 2, age: 3 }), record('users', bad)], { validate_records: true });
    t.equal(messageOf(run.error()), `input line 3: RECORD of stream "users" does not match the stream's schema: ${problem} (validate_records is on)`);
  }
});

t.test('with validate_records, an integer above 2^53 is an integer', async (t) => {
  const harness = fakeDependencies();
  const lines = ['{"type":"SCHEMA","stream":"big","schema":{"type":"object","properties":{"id":{"type":"integer"}}},"key_properties":["id"]}', '{"type":"RECORD","stream":"big","record":{"id":99999999999999999}}'];
  const { startRun } = await import('./fakes.js');
  const run = startRun(harness, { validate_records: true });
  run.input.end(`${lines.join('\n')}\n`);
  await run.done;
  t.equal(run.error(), undefined);
  t.equal(String(harness.loader.loads[0]?.records[0]?.record.id), '99999999999999999', 'the exact value reaches the writer');
});

t.test('without validate_records, records are not checked beyond their keys', async (t) => {
  const harness = fakeDependencies();
  const run = await runLines(harness, [schema('users', ['id', 'age']), record('users', { id: 1, age: { not: 'a string' } })]);
  t.equal(run.error(), undefined);
  t.equal(harness.loader.committed.length, 1);
});

t.test('a BATCH message fails with a clear "not supported" error naming the line', async (t) => {
  const run = await runLines(fakeDependencies(), [
    schema('users'),
    { type: 'BATCH', stream: 'users', encoding: { format: 'jsonl', compression: 'gzip' }, manifest: ['file:///tmp/users-1.jsonl.gz'] },
  ]);
  t.equal(
    messageOf(run.error()),
    'input line 2: BATCH messages (stream "users") are not supported by target-synapse; configure the tap to send RECORD messages (turn off its batch_config)',
  );
});

t.test('an ACTIVATE_VERSION before its SCHEMA fails naming the stream and the line', async (t) => {
  const run = await runLines(fakeDependencies(), [{ type: 'ACTIVATE_VERSION', stream: 'users', version: 3 }]);
  t.equal(messageOf(run.error()), 'input line 1: ACTIVATE_VERSION for stream "users" arrived before any SCHEMA for it; the tap must send a stream\'s SCHEMA first');
});

t.test('a schema the planner refuses fails naming the stream and the line', async (t) => {
  const harness = fakeDependencies();
  const dependencies = {
    ...harness.dependencies,
    planStream: () => {
      throw new Error('property "a" and "A" conform to the same column');
    },
  };
  const run = await runLines({ ...harness, dependencies }, [state({ x: 1 }), schema('users')]);
  t.equal(messageOf(run.error()), 'input line 2: cannot plan tables for the SCHEMA of stream "users": property "a" and "A" conform to the same column');
});

t.test('a SCHEMA without properties fails naming the stream and the line', async (t) => {
  const run = await runLines(fakeDependencies(), [{ type: 'SCHEMA', stream: 'users', schema: { type: 'object' }, key_properties: [] }]);
  t.match(messageOf(run.error()), /^input line 1: SCHEMA for stream "users" has no "properties" in its schema/);
});
