/**
 * The committed schemas against what kustomer-sim serves: every record, shaped as the tap shapes it,
 * validates (no property the schema lacks, at every level the schema types), and every schema property is
 * filled by at least one record.
 */
import t from 'tap';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start } from '@kustomer-synapse/kustomer-sim';
import { shapeRecord, type JsonObject } from '../src/record-shape.js';
import { STREAM_NAMES, STREAMS, type StreamName } from '../src/streams.js';
import { simRecords } from './support/sim-records.js';
import { nonNullTypes, schemaPaths, valuePaths, type SchemaNode } from './support/schema-paths.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
/** Org-specific: an open object here, typed at discovery from the metadata (DESIGN.md section 4). */
const CUSTOM = 'custom';
/** custom_attributes: `properties` maps the org's attribute names to their definitions. */
const MAPS: Readonly<Partial<Record<StreamName, ReadonlySet<string>>>> = { custom_attributes: new Set(['properties']) };
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

const schemaOf = async (stream: StreamName): Promise<SchemaNode> =>
  JSON.parse(await readFile(join(ROOT, STREAMS[stream].schemaFile), 'utf8')) as SchemaNode;

const sim = await start({ seed: 1, scale: 200 });
const raw = await simRecords(sim).finally(() => sim.stop());
const shaped = new Map<StreamName, JsonObject[]>(STREAM_NAMES.map((stream) => [stream, (raw.get(stream) ?? []).map((record) => shapeRecord(record))]));

t.test('the simulator serves records for every stream', async (t) => {
  for (const stream of STREAM_NAMES) t.ok((shaped.get(stream) ?? []).length > 0, `${stream}: ${shaped.get(stream)?.length ?? 0} records`);
});

t.test('every record the simulator serves, in the Stitch shape, validates against its stream schema', async (t) => {
  const ajv = addFormats(new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }));
  for (const stream of STREAM_NAMES) {
    const validate = ajv.compile(await schemaOf(stream));
    const failures: string[] = [];
    for (const record of shaped.get(stream) ?? []) {
      if (!validate(record)) failures.push(`${String(record['id'])}: ${ajv.errorsText(validate.errors)}`);
    }
    t.same(failures.slice(0, 5), [], `${stream}: all ${shaped.get(stream)?.length ?? 0} records valid`);
  }
});

t.test('every object the schemas type is closed, and custom is an open object', async (t) => {
  for (const stream of STREAM_NAMES) {
    const schema = await schemaOf(stream);
    t.equal(schema.additionalProperties, false, `${stream}: the record itself is closed`);
    for (const { path, node } of schemaPaths(schema)) {
      if (node.properties !== undefined) t.equal(node.additionalProperties, false, `${stream}.${path}: closed`);
      else if (nonNullTypes(node).includes('object') && typeof node.additionalProperties !== 'object') {
        t.equal(node.additionalProperties, true, `${stream}.${path}: an object without typed properties says it is open`);
      }
    }
    const custom = schema.properties?.[CUSTOM];
    if (custom !== undefined) t.same(custom, { type: ['null', 'object'], additionalProperties: true }, `${stream}: custom is open`);
  }
});

t.test('every property of every schema is filled by at least one record', async (t) => {
  for (const stream of STREAM_NAMES) {
    const options = { stopAt: new Set([CUSTOM]), maps: MAPS[stream] ?? new Set<string>() };
    const filled = new Set<string>();
    for (const record of shaped.get(stream) ?? []) valuePaths(record, options, '', filled);
    // An array's items are not a property: an array the simulator always serves empty (tags: []) still types them.
    const declared = schemaPaths(await schemaOf(stream), options.stopAt).map(({ path }) => path).filter((path) => !path.endsWith('[]'));
    t.same(declared.filter((path) => !filled.has(path)), [], `${stream}: no property that no record fills`);
  }
});

t.test('every timestamp the records carry is typed as a date-time, and only timestamps are', async (t) => {
  for (const stream of STREAM_NAMES) {
    const formats = new Map(schemaPaths(await schemaOf(stream), new Set([CUSTOM])).map(({ path, node }) => [path, node.format]));
    const values = new Map<string, string[]>();
    const collect = (value: unknown, path: string): void => {
      if (path === CUSTOM) return;
      if (typeof value === 'string') values.set(path, [...(values.get(path) ?? []), value]);
      else if (Array.isArray(value)) for (const item of value) collect(item, `${path}[]`);
      else if (typeof value === 'object' && value !== null) {
        const isMap = MAPS[stream]?.has(path) ?? false;
        for (const [name, inner] of Object.entries(value)) collect(inner, path === '' ? name : `${path}.${isMap ? '*' : name}`);
      }
    };
    for (const record of shaped.get(stream) ?? []) collect(record, '');
    const wrong: string[] = [];
    for (const [path, strings] of values) {
      const timestamps = strings.every((value) => ISO_INSTANT.test(value));
      if (timestamps !== (formats.get(path) === 'date-time')) wrong.push(`${path}: format ${formats.get(path) ?? 'none'}`);
    }
    t.same(wrong, [], `${stream}: date-time exactly on the timestamps`);
  }
});

t.test('search streams carry their replication key on every record', async (t) => {
  for (const stream of STREAM_NAMES) {
    const key = STREAMS[stream].replicationKey;
    if (key === null) continue;
    const missing = (shaped.get(stream) ?? []).filter((record) => typeof record[key] !== 'string').length;
    t.equal(missing, 0, `${stream}: ${key} on every record`);
  }
});
