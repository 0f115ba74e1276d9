// Every SCHEMA in the Meltano SDK's target test streams is planned (and evolved, in file order) without error,
// and each record of them is written by the batch writer; the shapes the stricter targets check are asserted.
import t from 'tap';
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageShapeError, parseJson, toMessage, type Message } from '@kustomer-synapse/singer';
import { planStream, RecordValueError, sqlTypeText, type LiveTable, type StreamPlan } from '../../src/plan/index.js';
import { createBatchWriter } from '../../src/intake/index.js';
import { applyChanges, planOptions } from './helpers.js';
import { sdkTargetTestStreams } from '../support/sdk-target-streams.js';

const streams = await sdkTargetTestStreams();
if (!streams.ok) {
  t.test('the SDK target test streams', { skip: `not available: ${streams.skip}` }, () => undefined);
} else {
  const work = await mkdtemp(join(tmpdir(), 'sdk-streams-'));
  t.teardown(() => rm(work, { recursive: true, force: true }));
  const outcome = new Map<string, { plans: Map<string, StreamPlan>; rows: Map<string, number>; logs: string[]; refused: string[] }>();
  for (const file of streams.files) {
    const logged = planOptions({ tableOwners: new Map(), addRecordMetadata: true });
    const live = new Map<string, LiveTable>();
    const plans = new Map<string, StreamPlan>();
    const rows = new Map<string, number>();
    const refused: string[] = [];
    const lines = (await readFile(join(streams.dir, file), 'utf8')).split('\n').filter((l) => l.trim() !== '');
    for (const [index, line] of lines.entries()) {
      let message: Message;
      try {
        message = toMessage(parseJson(line));
      } catch (error) {
        if (error instanceof MessageShapeError) { refused.push(error.message); continue; }
        throw error;
      }
      if (message.type === 'SCHEMA') {
        const { plan, changes } = planStream(message, logged.options, live);
        applyChanges(live, changes);
        plans.set(message.stream, plan);
      } else if (message.type === 'RECORD') {
        const plan = plans.get(message.stream);
        if (plan === undefined) { refused.push(`record before schema: ${message.stream}`); continue; }
        const writer = createBatchWriter(plan, { directory: join(work, file), filesPerBatch: 2, sequence: index, addRecordMetadata: true });
        try {
          writer.write(message.record, { ordinal: index, receivedAt: '2026-12-02T10:00:00.000Z', ...(message.time_extracted === undefined ? {} : { extractedAt: message.time_extracted }) });
        } catch (error) {
          if (!(error instanceof RecordValueError)) throw error;
          refused.push(error.message);
        }
        const batch = await writer.close();
        for (const f of batch.files) rows.set(f.table, (rows.get(f.table) ?? 0) + f.rows);
      }
    }
    outcome.set(file, { plans, rows, logs: logged.lines, refused });
  }

  const columns = (file: string, stream: string): string[] =>
    outcome.get(file)?.plans.get(stream)?.root.columns.filter((c) => !c.name.startsWith('_sdc_')).map((c) => `${c.name} ${sqlTypeText(c.type)}`) ?? [];

  t.test('every target test stream file is planned and written without error', async (t) => {
    t.ok(streams.files.length >= 20, `${streams.files.length} files`);
    t.same([...outcome.keys()], streams.files);
  });

  t.test('camelcase names are lower-cased', async (t) => {
    t.same(columns('camelcase.singer', 'TestCamelcase'), ['id NVARCHAR(4000)', 'clientname NVARCHAR(4000)']);
    t.equal(outcome.get('camelcase.singer')?.plans.get('TestCamelcase')?.root.name, 'testcamelcase');
  });

  t.test('the camelcase complex schema is created then evolved with its new columns', async (t) => {
    const cols = columns('camelcase_complex_schema.singer', 'ForecastingTypeToCategory');
    t.ok(cols.includes('createddate NVARCHAR(4000)'), 'anyOf date-time | string is text');
    t.ok(cols.includes('isdeleted BIT'));
    t.same(cols.slice(-3), ['age BIGINT', 'newcamelcasedattribute NVARCHAR(4000)', '_attribute_startswith_underscore NVARCHAR(4000)']);
  });

  t.test('special characters in the stream and attribute names conform', async (t) => {
    const plan = outcome.get('special_chars_in_attributes.singer')?.plans.values().next().value;
    t.equal(plan?.root.name, 'test_specialchars_in_attributes');
    t.same(plan?.root.columns.filter((c) => !c.name.startsWith('_sdc_')).map((c) => c.name), ['_id', 'd__env', 'd__agent_type', 'd__agent_os_version']);
  });

  t.test('array data becomes a child table of the fruits', async (t) => {
    const o = outcome.get('array_data.singer');
    t.same(o?.plans.get('test_array_data')?.children.map((c) => c.name), ['test_array_data__fruits']);
    t.equal(o?.rows.get('test_array_data'), 4);
    t.ok((o?.rows.get('test_array_data__fruits') ?? 0) > 4);
  });

  t.test('encoded strings, including NUL and control characters, are written: 11, 11 and 6 rows', async (t) => {
    const rows = outcome.get('encoded_string_data.singer')?.rows;
    t.equal(rows?.get('test_strings'), 11);
    t.equal(rows?.get('test_strings_in_objects'), 11);
    t.equal(rows?.get('test_strings_in_arrays'), 6);
  });

  t.test('the invalid schema is refused and the schema without properties is JSON text', async (t) => {
    t.match(outcome.get('invalid_schema.singer')?.refused, [/has no "properties"/]);
    t.same(columns('schema_no_properties.singer', 'test_object_schema_no_properties'), ['object_store NVARCHAR(MAX)']);
    t.same(columns('schema_no_properties.singer', 'test_object_schema_with_properties'), ['object_store__id BIGINT', 'object_store__metric BIGINT']);
  });

  t.test('schema updates add a column per new property', async (t) => {
    t.same(columns('schema_updates.singer', 'test_schema_updates'), ['id BIGINT', 'a1 FLOAT', 'a2 NVARCHAR(4000)', 'a3 BIT', 'a4__id BIGINT', 'a4__value BIGINT', 'a6 BIGINT']);
    t.same(outcome.get('schema_updates.singer')?.plans.get('test_schema_updates')?.children.map((c) => c.name), ['test_schema_updates__a5']);
  });

  t.test('a record missing its key property is refused naming the stream and the column', async (t) => {
    t.match(outcome.get('record_missing_key_property.singer')?.refused, [/^stream "test_record_missing_key_property", record 1 \(id=undefined\): the value for column id of table test_record_missing_key_property is missing, but the column is NOT NULL/]);
    t.same(outcome.get('record_before_schema.singer')?.refused, ['record before schema: test_record_before_schema']);
  });

  t.test('user location data plans its three streams', async (t) => {
    t.same([...(outcome.get('user_location_data.singer')?.plans.keys() ?? [])], ['test_users', 'test_locations', 'test_user_in_location']);
  });
}
