// The Meltano SDK's target test streams (research/singer.md 2.10), read from the singer-sdk wheel at test time,
// piped through the real target-synapse CLI into synapse-sim + Azurite, and checked by querying the tables
// with the outcome the SDK suite and the stricter MeltanoLabs targets (Postgres, Snowflake) expect. Each case
// loads into a schema of its own, so one harness serves the whole file.
import t, { type Test } from 'tap';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PASSWORD, startHarness, type Harness } from '../load/harness.js';
import { runTarget, type TargetRun } from '../support/cli-run.js';
import { sdkTargetTestStreams } from '../support/sdk-target-streams.js';

type Row = Readonly<Record<string, unknown>>;

/** Every .singer file of the pinned wheel, each loaded by a case below (`load` refuses any other). */
const FILES = [
  'array_data.singer', 'camelcase.singer', 'camelcase_complex_schema.singer', 'duplicate_records.singer',
  'encoded_string_data.singer', 'invalid_schema.singer', 'multiple_state_messages.singer', 'no_primary_keys.singer',
  'no_primary_keys_append.singer', 'optional_attributes.singer', 'pk_updates.singer', 'record_before_schema.singer',
  'record_missing_fields.singer', 'record_missing_key_property.singer', 'record_missing_required_property.singer',
  'schema_no_properties.singer', 'schema_updates.singer', 'special_chars_in_attributes.singer',
  'user_location_data.singer', 'user_location_upsert_data.singer',
] as const;
type SdkFile = (typeof FILES)[number];

const streams = await sdkTargetTestStreams();
if (!streams.ok) {
  t.test('the SDK target test streams through the CLI', { skip: `not available: ${streams.skip}` }, () => undefined);
} else {
  const dir = streams.dir;
  const h: Harness = await startHarness();
  t.teardown(() => h.stop());

  t.test('every target test stream file of the wheel has a case here', async (t) => {
    t.same([...streams.files], [...FILES].sort());
  });

  const loaded = new Set<SdkFile>();
  const sdkFile = (name: SdkFile): Promise<string> => readFile(join(dir, name), 'utf8');
  /** The records of `stream` in an SDK file, parsed as the file holds them (its strings are the expected values). */
  const recordsOf = async (file: SdkFile, stream: string): Promise<Row[]> =>
    (await sdkFile(file)).split('\n').filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { type: string; stream?: string; record?: Row })
      .filter((m) => m.type === 'RECORD' && m.stream === stream).map((m) => m.record ?? {});
  /** Runs the CLI on an SDK file (or Singer text of a case's own) into `schema`. */
  const load = async (input: SdkFile | { readonly text: string }, schema: string, settings: Readonly<Record<string, unknown>> = {}): Promise<TargetRun> => {
    if (typeof input === 'string') loaded.add(input);
    return runTarget(h, typeof input === 'string' ? await sdkFile(input) : input.text, { default_target_schema: schema, ...settings });
  };
  const noSecret = (t: Test, run: TargetRun): void => {
    const output = run.stdout + run.stderr;
    t.ok(!output.includes(PASSWORD) && !output.includes(h.azurite.accountKey), 'no password or account key in any output');
  };
  const succeeded = (t: Test, run: TargetRun): void => {
    t.equal(run.code, 0, `exit code 0 (stderr: ${lastLine(run.stderr)})`);
    t.doesNotThrow(() => states(run), 'stdout holds only JSON state lines');
    noSecret(t, run);
  };
  /** A failed run: exit code 1, one critical line (no stack trace) naming the input line, and no state printed. */
  const failedWith = (t: Test, run: TargetRun, message: RegExp): void => {
    t.equal(run.code, 1, 'exit code 1');
    t.same(run.stateLines, [], 'no state printed');
    const critical = run.stderr.split('\n').filter((line) => /CRITICAL/.test(line));
    t.equal(critical.length, 1, 'one error line');
    t.match(critical[0], message);
    t.notMatch(run.stderr, /\n\s+at /, 'no stack trace');
    noSecret(t, run);
  };
  const rows = (sql: string): Promise<readonly Row[]> => h.query(sql);
  const tableExists = async (schema: string, table: string): Promise<boolean> =>
    (await rows(`SELECT COUNT(*) AS n FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = '${schema}' AND TABLE_NAME = '${table}'`))[0]?.['n'] === 1;
  const columnsOf = async (schema: string, table: string): Promise<string[]> =>
    (await rows(`SELECT COLUMN_NAME AS c FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = '${schema}' AND TABLE_NAME = '${table}' ORDER BY ORDINAL_POSITION`))
      .map((r) => String(r['c'])).filter((c) => !c.startsWith('_sdc_'));

  t.test('each file through the CLI', async (t) => {
    // The cases load into schemas of their own, so two run at once: most of a case is a CLI starting up.
    t.jobs = 2;

    t.test('camelcase: table and columns are lower-cased, both records land', async (t) => {
      succeeded(t, await load('camelcase.singer', 'sdk_camelcase'));
      t.same(await columnsOf('sdk_camelcase', 'testcamelcase'), ['id', 'clientname']);
      t.same(await rows('SELECT [id], [clientname] FROM [sdk_camelcase].[testcamelcase] ORDER BY [id]'), [
        { id: '1', clientname: 'Gitter Windows Desktop App' },
        { id: '2', clientname: 'Gitter iOS App' },
      ]);
    });

    t.test('camelcase complex schema: the table is created, then evolved with the second schema\'s columns', async (t) => {
      succeeded(t, await load('camelcase_complex_schema.singer', 'sdk_camelcase_complex'));
      const columns = await columnsOf('sdk_camelcase_complex', 'forecastingtypetocategory');
      t.same(columns.slice(0, 3), ['id', 'isdeleted', 'createddate']);
      t.same(columns.slice(-3), ['age', 'newcamelcasedattribute', '_attribute_startswith_underscore']);
      const types = Object.fromEntries((await rows("SELECT COLUMN_NAME AS c, DATA_TYPE AS t FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'sdk_camelcase_complex' AND TABLE_NAME = 'forecastingtypetocategory'"))
        .map((r) => [String(r['c']), String(r['t'])]));
      t.match(types, { isdeleted: 'bit', createddate: 'nvarchar', age: 'bigint' }, 'boolean BIT, integer BIGINT, anyOf date-time | string text');
      t.same(await rows('SELECT COUNT(*) AS n FROM [sdk_camelcase_complex].[forecastingtypetocategory]'), [{ n: 0 }]);
    });

    t.test('duplicate records: 2 rows, the last record of each key wins, with DELETE + INSERT and with MERGE', async (t) => {
      // MERGE refuses a source with duplicate keys (error 8672), so the dedupe must come first there too.
      for (const [schema, settings] of [['sdk_duplicates', {}], ['sdk_duplicates_merge', { upsert_strategy: 'merge' }]] as const) {
        const run = await load('duplicate_records.singer', schema, settings);
        succeeded(t, run);
        t.same(states(run), [{ test_duplicate_records: 2 }]);
        t.same(await rows(`SELECT [id], [metric] FROM [${schema}].[test_duplicate_records] ORDER BY [id]`), [
          { id: '1', metric: '100' },
          { id: '2', metric: '20' },
        ], schema);
      }
    });

    t.test('schema updates: each new property becomes a column, earlier rows hold NULL there', async (t) => {
      const run = await load('schema_updates.singer', 'sdk_schema_updates');
      succeeded(t, run);
      t.same(states(run), [{ test_schema_updates: 6 }]);
      t.same(await rows('SELECT [id], [a1], [a2], [a3], [a4__id], [a4__value], [a6] FROM [sdk_schema_updates].[test_schema_updates] ORDER BY [id]'), [
        { id: '1', a1: 101, a2: 'string1', a3: null, a4__id: null, a4__value: null, a6: null },
        { id: '2', a1: 102, a2: 'string2', a3: true, a4__id: null, a4__value: null, a6: null },
        { id: '3', a1: 103, a2: 'string3', a3: false, a4__id: '1', a4__value: '1', a6: null },
        { id: '4', a1: 104, a2: 'string4', a3: true, a4__id: '2', a4__value: '22', a6: null },
        { id: '5', a1: 105, a2: 'string5', a3: false, a4__id: '3', a4__value: '33', a6: '985' },
        { id: '6', a1: 106, a2: 'string6', a3: true, a4__id: '4', a4__value: '444', a6: '341' },
      ]);
      t.same(await arrays('sdk_schema_updates', 'test_schema_updates__a5'), {
        3: ['banana', 'apple'], 4: ['orange', 'pear'], 5: ['apple'], 6: ['banana', 'orange'],
      });
    });

    t.test('special characters in the stream and attribute names: conformed names, the record lands', async (t) => {
      succeeded(t, await load('special_chars_in_attributes.singer', 'sdk_special_chars'));
      t.same(await rows('SELECT [_id], [d__env], [d__agent_type], [d__agent_os_version] FROM [sdk_special_chars].[test_specialchars_in_attributes]'), [
        { _id: 'a2e98886', d__env: 'prod', d__agent_type: 'desktop', d__agent_os_version: '10.13.1' },
      ]);
      t.same(await rows('SELECT CAST([_sdc_extracted_at] AS NVARCHAR(40)) AS extracted, [_sdc_table_version] AS version FROM [sdk_special_chars].[test_specialchars_in_attributes]'), [
        { extracted: '2018-11-02 22:57:04.8410200 +00:00', version: '1541199424491' },
      ], 'the RECORD\'s time_extracted and version land in the _sdc_ columns');
    });

    /** A child table's `value` column per parent id, each value placed at its `_sdc_level_0_id`. */
    async function arrays(schema: string, table: string): Promise<Record<string, unknown[]>> {
      const out: Record<string, unknown[]> = {};
      for (const r of await rows(`SELECT [_sdc_source_key_id] AS id, [_sdc_level_0_id] AS position, [value] FROM [${schema}].[${table}]`)) {
        (out[String(r['id'])] ??= [])[Number(r['position'])] = r['value'];
      }
      return out;
    }

    t.test('encoded strings, NUL and control characters included, land exactly: 11, 11 and 6 rows', async (t) => {
      const file = 'encoded_string_data.singer';
      const run = await load(file, 'sdk_encoded');
      succeeded(t, run);
      t.same(states(run), [{ test_strings: 11, test_strings_in_objects: 11, test_strings_in_arrays: 6 }]);
      const strings = await recordsOf(file, 'test_strings');
      t.same(await rows('SELECT [id], [info] FROM [sdk_encoded].[test_strings] ORDER BY [id]'), strings.map((r) => ({ id: String(r['id']), info: r['info'] })));
      t.equal((await rows('SELECT [info] FROM [sdk_encoded].[test_strings] WHERE [id] = 11'))[0]?.['info'], 'Control Characters in string: \u0000 A \u0001', 'NUL and SOH are kept');
      const inObjects = await recordsOf(file, 'test_strings_in_objects');
      t.same(
        await rows('SELECT [id], [info__name], [info__value] FROM [sdk_encoded].[test_strings_in_objects] ORDER BY [id]'),
        inObjects.map((r) => { const info = r['info'] as Row; return { id: String(r['id']), info__name: info['name'], info__value: info['value'] }; }),
      );
      const inArrays = await recordsOf(file, 'test_strings_in_arrays');
      t.same(await rows('SELECT COUNT(*) AS n FROM [sdk_encoded].[test_strings_in_arrays]'), [{ n: 6 }]);
      t.same(await arrays('sdk_encoded', 'test_strings_in_arrays__strings'), Object.fromEntries(inArrays.map((r) => [String(r['id']), r['strings']])));
    });

    t.test('unicode beyond the Basic Multilingual Plane lands exactly, in values and as a key', async (t) => {
      // Not a file of the SDK wheel (its unicode is in encoded_string_data): astral characters, combining marks,
      // right-to-left text, a ZWJ sequence and U+FEFF, as values and inside keys, the last record of a key winning.
      const values = ['😀 grinning', '𠀋 CJK extension B', 'e\u0301 combining acute', 'שלום RTL', '👩‍👩‍👧 ZWJ family', 'zero\uFEFFwidth no-break space', 'Ω≈ç√∫'];
      const input = [
        { type: 'SCHEMA', stream: 'unicode', key_properties: ['id'], schema: { type: 'object', properties: { id: { type: 'string' }, text: { type: 'string' } } } },
        ...values.map((text, i) => ({ type: 'RECORD', stream: 'unicode', record: { id: `${i}-${text}`, text } })),
        { type: 'RECORD', stream: 'unicode', record: { id: '0-😀 grinning', text: '😀 again' } },
        { type: 'RECORD', stream: 'unicode', record: { id: 'leading', text: '\uFEFF at the start' } },
      ].map((m) => `${JSON.stringify(m)}\n`).join('');
      succeeded(t, await load({ text: input }, 'sdk_unicode'));
      t.same(await rows("SELECT [id], [text] FROM [sdk_unicode].[unicode] WHERE [id] <> 'leading' ORDER BY [id]"),
        values.map((text, i) => ({ id: `${i}-${text}`, text: i === 0 ? '😀 again' : text })));
      // A leading U+FEFF is stored (UNICODE and LEN see it) but is not compared as a returned value: synapse-sim
      // reads DuckDB through @duckdb/node-api 1.5, whose `new TextDecoder()` drops a leading BOM from every
      // VARCHAR it returns (lib/vectors/dataAccessors.js); Synapse returns NVARCHAR code units as stored.
      t.same(await rows("SELECT UNICODE([text]) AS first, LEN([text]) AS n FROM [sdk_unicode].[unicode] WHERE [id] = 'leading'"),
        [{ first: 0xfeff, n: '\uFEFF at the start'.length }]);
    });

    t.test('array data: each record\'s fruits land in the child table, in order', async (t) => {
      const run = await load('array_data.singer', 'sdk_array');
      succeeded(t, run);
      t.same(states(run), [{ test_array_data: 4 }]);
      t.same(await rows('SELECT [id] FROM [sdk_array].[test_array_data] ORDER BY [id]'), [{ id: '1' }, { id: '2' }, { id: '3' }, { id: '4' }]);
      t.same(await arrays('sdk_array', 'test_array_data__fruits'), {
        1: ['apple', 'orange', 'pear'], 2: ['banana', 'apple'], 3: ['pear'], 4: ['orange', 'banana', 'apple', 'pear'],
      });
    });

    t.test('schema without properties: that object is JSON text, the object with properties is flattened', async (t) => {
      succeeded(t, await load('schema_no_properties.singer', 'sdk_no_properties'));
      t.same(await rows('SELECT [object_store__id], [object_store__metric] FROM [sdk_no_properties].[test_object_schema_with_properties] ORDER BY [object_store__id]'), [
        { object_store__id: '1', object_store__metric: '187' },
        { object_store__id: '2', object_store__metric: '203' },
      ]);
      const stored = await rows('SELECT [object_store] FROM [sdk_no_properties].[test_object_schema_no_properties]');
      t.same(stored.map((r) => JSON.parse(String(r['object_store'])) as unknown).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))), [
        { id: 1, metric: 1 }, { id: 2, metric: 2 },
      ]);
    });

    t.test('optional attributes and missing optional fields: an absent property is NULL', async (t) => {
      const optional = await load('optional_attributes.singer', 'sdk_optional');
      succeeded(t, optional);
      t.same(await rows('SELECT [id], [optional] FROM [sdk_optional].[test_optional_attributes] ORDER BY [id]'), [
        { id: '1', optional: 'This is optional' }, { id: '2', optional: null }, { id: '3', optional: 'Also optional' }, { id: '4', optional: null },
      ]);
      const missing = await load('record_missing_fields.singer', 'sdk_optional');
      succeeded(t, missing);
      t.same(states(missing), [{}], 'the empty state is a state the tap sent');
      t.same(await rows('SELECT [id], [optional] FROM [sdk_optional].[record_missing_fields] ORDER BY [id]'), [
        { id: '1', optional: 'now you see me' }, { id: '2', optional: null },
      ]);
    });

    t.test('no primary keys: every record is appended, run after run', async (t) => {
      succeeded(t, await load('no_primary_keys.singer', 'sdk_no_pk'));
      succeeded(t, await load('no_primary_keys_append.singer', 'sdk_no_pk'));
      t.same(await rows('SELECT [id], [metric] FROM [sdk_no_pk].[test_no_pk] ORDER BY [metric]'), [
        { id: '1', metric: '11' }, { id: '2', metric: '22' }, { id: '3', metric: '33' },
        { id: '1', metric: '101' }, { id: '2', metric: '202' }, { id: '3', metric: '303' }, { id: '4', metric: '404' }, { id: '5', metric: '505' },
      ]);
      // target-postgres runs both files twice and expects 16 rows: nothing is deduplicated without keys.
      succeeded(t, await load('no_primary_keys.singer', 'sdk_no_pk'));
      succeeded(t, await load('no_primary_keys_append.singer', 'sdk_no_pk'));
      t.same(await rows('SELECT COUNT(*) AS n FROM [sdk_no_pk].[test_no_pk]'), [{ n: 16 }]);
    });

    t.test('large integers: 17 digits and the BIGINT bounds land exactly, also as keys; past the bounds the run fails', async (t) => {
      // Not in the SDK wheel: target-postgres's large_int.singer (research/singer.md 2.10), with the BIGINT bounds added.
      const schema = { type: 'SCHEMA', stream: 'test_large_int', key_properties: ['id'], schema: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, n: { type: 'integer' } } } };
      const record = (id: string, name: string, n: string): string => `{"type": "RECORD", "stream": "test_large_int", "record": {"id": ${id}, "name": "${name}", "n": ${n}}}`;
      const ids = ['99999999999999999', '9223372036854775807', '-9223372036854775808', '2'];
      const input = [JSON.stringify(schema), ...ids.map((id) => record(id, `first ${id}`, id)), record('99999999999999999', 'last', '99999999999999998'), ''].join('\n');
      succeeded(t, await load({ text: input }, 'sdk_large_int'));
      t.same(await rows('SELECT [id], [name], [n] FROM [sdk_large_int].[test_large_int] ORDER BY [id]'), [
        { id: '-9223372036854775808', name: 'first -9223372036854775808', n: '-9223372036854775808' },
        { id: '2', name: 'first 2', n: '2' },
        { id: '99999999999999999', name: 'last', n: '99999999999999998' },
        { id: '9223372036854775807', name: 'first 9223372036854775807', n: '9223372036854775807' },
      ]);
      const past = await load({ text: [JSON.stringify(schema), record('3', 'past', '9223372036854775808'), ''].join('\n') }, 'sdk_large_int');
      failedWith(t, past, /^\S+ CRITICAL target-synapse: input line 2: stream "test_large_int", record 1 \(id=3\): the value for column n of table test_large_int is the number 9223372036854775808, outside BIGINT.s range/);
      t.same(await rows('SELECT COUNT(*) AS n FROM [sdk_large_int].[test_large_int]'), [{ n: 4 }], 'nothing of the failed run is stored');
    });

    t.test('pk updates: key_properties inside the schema are not keys, so both records land with their values', async (t) => {
      succeeded(t, await load('pk_updates.singer', 'sdk_pk_updates'));
      t.same(await rows('SELECT [id], [name], [email] FROM [sdk_pk_updates].[example_stream] ORDER BY [id]'), [
        { id: '1', name: 'Alice', email: 'alice@example.com' },
        { id: '2', name: 'Bob', email: 'bob@example.com' },
      ]);
    });

    t.test('pk updates as the file means them (top-level key_properties): after the key change, records upsert by the new key', async (t) => {
      // pk_updates.singer with its key_properties moved beside the schema, where the Singer spec puts them.
      const text = (await sdkFile('pk_updates.singer')).split('\n').filter((line) => line.trim() !== '').map((line) => {
        const message = JSON.parse(line) as { type: string; schema?: { key_properties?: unknown } };
        if (message.type !== 'SCHEMA' || message.schema === undefined) return line;
        const { key_properties: keys, ...schema } = message.schema;
        return JSON.stringify({ ...message, schema, key_properties: keys });
      });
      text.push('{"type": "RECORD", "stream": "example_stream", "record": {"id": 3, "name": "Alice again", "email": "alice@example.com"}}');
      const run = await load({ text: `${text.join('\n')}\n` }, 'sdk_pk_updates_top');
      succeeded(t, run);
      t.same(await rows('SELECT [id], [name], [email] FROM [sdk_pk_updates_top].[example_stream] ORDER BY [id]'), [
        { id: '2', name: 'Bob', email: 'bob@example.com' },
        { id: '3', name: 'Alice again', email: 'alice@example.com' },
      ]);
    });

    t.test('user location data, then its upsert: 8, 5 and 5 rows with the last values', async (t) => {
      const first = await load('user_location_data.singer', 'sdk_user_location');
      succeeded(t, first);
      t.same(states(first), [{ test_users: 5, test_locations: 3, test_user_in_location: 3 }]);
      const second = await load('user_location_upsert_data.singer', 'sdk_user_location');
      succeeded(t, second);
      t.same(states(second), [{ test_users: 13, test_locations: 8, test_user_in_location: 14 }]);
      t.same(await rows('SELECT [id], [name] FROM [sdk_user_location].[test_users] ORDER BY [id]'), [
        { id: '1', name: 'Johny' }, { id: '2', name: 'George' }, { id: '3', name: 'Jacob' }, { id: '4', name: 'Josh' },
        { id: '5', name: 'Jim' }, { id: '8', name: 'Thomas' }, { id: '12', name: 'Paul' }, { id: '13', name: 'Mary' },
      ]);
      t.same(await rows('SELECT [id], [name] FROM [sdk_user_location].[test_locations] ORDER BY [id]'), [
        { id: '1', name: 'Philly' }, { id: '2', name: 'NY' }, { id: '3', name: 'San Francisco' }, { id: '6', name: 'Colorado' }, { id: '8', name: 'Boston' },
      ]);
      t.same(await rows('SELECT [id], [user_id], [location_id], [info__weather], [info__mood] FROM [sdk_user_location].[test_user_in_location] ORDER BY [id]'), [
        { id: '1', user_id: '1', location_id: '4', info__weather: 'rainy', info__mood: 'sad' },
        { id: '2', user_id: '2', location_id: '3', info__weather: 'sunny', info__mood: 'satisfied' },
        { id: '3', user_id: '1', location_id: '3', info__weather: 'sunny', info__mood: 'happy' },
        { id: '6', user_id: '3', location_id: '2', info__weather: 'sunny', info__mood: 'happy' },
        { id: '14', user_id: '4', location_id: '1', info__weather: 'cloudy', info__mood: 'ok' },
      ]);
    });

    t.test('multiple state messages: 6 rows per stream; the states printed are states sent, in order, the last one last', async (t) => {
      const file = 'multiple_state_messages.singer';
      const run = await load(file, 'sdk_multiple_states');
      succeeded(t, run);
      const sent = (await sdkFile(file)).split('\n').filter((line) => line.includes('"STATE"')).map((line) => JSON.stringify((JSON.parse(line) as { value: unknown }).value));
      const positions = states(run).map((value) => sent.indexOf(JSON.stringify(value)));
      t.ok(positions.length > 0 && positions.every((p, i) => p >= 0 && (i === 0 || p > (positions[i - 1] ?? -1))), `printed states ${positions.join(', ')} of those sent, in the order sent`);
      t.equal(positions.at(-1), sent.length - 1, 'the last state printed is the last one sent');
      for (const stream of ['test_multiple_state_messages_a', 'test_multiple_state_messages_b']) {
        t.same(await rows(`SELECT COUNT(*) AS n FROM [sdk_multiple_states].[${stream}]`), [{ n: 6 }], stream);
      }
    });

    t.test('record before schema fails naming the stream and the line; nothing is loaded', async (t) => {
      failedWith(t, await load('record_before_schema.singer', 'sdk_record_before_schema'),
        /input line 1: RECORD for stream "test_record_before_schema" arrived before any SCHEMA for it/);
      t.notOk(await tableExists('sdk_record_before_schema', 'test_record_before_schema'));
    });

    t.test('a record missing its key property fails naming the stream, the key and the line', async (t) => {
      failedWith(t, await load('record_missing_key_property.singer', 'sdk_missing_key'),
        /input line 2: RECORD of stream "test_record_missing_key_property" is missing key property "id"/);
      t.same(await rows('SELECT COUNT(*) AS n FROM [sdk_missing_key].[test_record_missing_key_property]'), [{ n: 0 }], 'the SCHEMA made the table; no row is stored');
    });

    t.test('a record missing a required property fails with validate_records, naming it; without, it lands with NULL there', async (t) => {
      // target-postgres expects InvalidRecord here (the SDK validates by default); validate_records is off by default.
      failedWith(t, await load('record_missing_required_property.singer', 'sdk_missing_required', { validate_records: true }),
        /input line 2: RECORD of stream "test_record_missing_required_property" does not match the stream's schema: property "id" is required/);
      t.same(await rows('SELECT COUNT(*) AS n FROM [sdk_missing_required].[test_record_missing_required_property]'), [{ n: 0 }]);
      succeeded(t, await load('record_missing_required_property.singer', 'sdk_missing_required'));
      t.same(await rows('SELECT [id], [metric] FROM [sdk_missing_required].[test_record_missing_required_property]'), [{ id: null, metric: '3215' }]);
    });

    t.test('the invalid schema fails naming the stream and the line; no table is created', async (t) => {
      failedWith(t, await load('invalid_schema.singer', 'sdk_invalid_schema'), /input line 1: .*test_invalid_schema.*"properties"/);
      t.notOk(await tableExists('sdk_invalid_schema', 'test_invalid_schema'));
    });
  });

  t.test('every listed file was loaded by a case', async (t) => {
    t.same([...loaded].sort(), [...FILES].sort());
  });
}

/** The state lines printed, parsed (stdout holds nothing else). */
function states(run: TargetRun): unknown[] {
  return run.stateLines.map((line) => JSON.parse(line) as unknown);
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}
