import t from 'tap';
import type { JsonSchema } from '@kustomer-synapse/singer';
import { planStream, sqlTypeText } from '../../src/plan/index.js';
import { decimalScale } from '../../src/plan/schema-types.js';
import { parseJson } from '@kustomer-synapse/singer';
import { planOptions, schemaMessage } from './helpers.js';

/** A bound as exact-json reads it from a SCHEMA line (an ExactNumber when a double cannot hold it). */
function exact(text: string): unknown {
  return (parseJson(`{"m":${text}}`) as { m: unknown }).m;
}

function typeOf(schema: JsonSchema, key = false): string {
  const { options } = planOptions();
  const { plan } = planStream(schemaMessage('s', { p: schema }, key ? ['p'] : []), options, new Map());
  const column = plan.root.columns.find((c) => c.name === 'p');
  if (column === undefined) throw new Error('no column p');
  return `${sqlTypeText(column.type)}${column.nullable ? '' : ' NOT NULL'}${column.source.kind === 'property' && column.source.asJson ? ' json' : ''}`;
}

t.test('every JSON Schema type maps to its Synapse type', async (t) => {
  t.equal(typeOf({ type: 'integer' }), 'BIGINT');
  t.equal(typeOf({ type: ['null', 'integer'] }), 'BIGINT');
  t.equal(typeOf({ type: 'number' }), 'FLOAT');
  t.equal(typeOf({ type: 'boolean' }), 'BIT');
  t.equal(typeOf({ type: 'string', format: 'date-time' }), 'DATETIMEOFFSET(7)');
  t.equal(typeOf({ type: 'string', format: 'date' }), 'DATE');
  t.equal(typeOf({ type: 'string', format: 'time' }), 'TIME(7)');
  t.equal(typeOf({ type: 'string' }), 'NVARCHAR(4000)', 'the default length keeps the table columnstore');
  t.equal(typeOf({ type: 'string', maxLength: 36 }), 'NVARCHAR(36)');
  t.equal(typeOf({ type: 'string', maxLength: 4000 }), 'NVARCHAR(4000)');
  t.equal(typeOf({ type: 'string', maxLength: 4001 }), 'NVARCHAR(MAX)');
  t.equal(typeOf({ type: 'null' }), 'NVARCHAR(4000)');
  t.equal(typeOf({}), 'NVARCHAR(MAX) json', 'a schema that allows anything is JSON text');
  t.equal(typeOf({ type: 'object' }), 'NVARCHAR(MAX) json', 'an object without properties is JSON text');
});

t.test('integers whose bounds leave BIGINT become DECIMAL(38,0)', async (t) => {
  t.equal(typeOf({ type: 'integer', minimum: -1000, maximum: 1000 }), 'BIGINT');
  t.equal(typeOf({ type: 'integer', minimum: exact('-9223372036854775808') }), 'BIGINT', '-2^63 is in range');
  t.equal(typeOf({ type: 'integer', maximum: exact('99999999999999999999') }), 'DECIMAL(38,0)');
  t.equal(typeOf({ type: 'integer', minimum: exact('-9223372036854775809') }), 'DECIMAL(38,0)');
  t.equal(typeOf({ type: 'integer', maximum: exact('9223372036854775807') }), 'BIGINT', 'the exact bound itself fits');
  t.equal(typeOf({ type: 'integer', exclusiveMaximum: 1e30 }), 'DECIMAL(38,0)');
  t.equal(typeOf({ type: 'integer', maximum: 9223372036854775807 }), 'DECIMAL(38,0)', 'as a double this bound is 2^63, one past BIGINT');
});

t.test('a number whose multipleOf is a power of ten is a DECIMAL of that scale', async (t) => {
  t.equal(typeOf({ type: 'number', multipleOf: 0.01 }), 'DECIMAL(38,2)');
  t.equal(typeOf({ type: 'number', multipleOf: 1 }), 'DECIMAL(38,0)');
  t.equal(typeOf({ type: 'number', multipleOf: 1e-7 }), 'DECIMAL(38,7)');
  t.equal(typeOf({ type: 'number', multipleOf: exact('0.0000000000000000001') }), 'DECIMAL(38,19)');
  t.equal(typeOf({ type: 'number', multipleOf: 0.25 }), 'FLOAT', 'not a power of ten');
  t.equal(typeOf({ type: 'number', multipleOf: 20 }), 'FLOAT');
  t.equal(decimalScale(1e-39), undefined, 'past DECIMAL precision');
  t.equal(decimalScale(100), 0);
});

t.test('anyOf and type lists take the widest type that holds every branch', async (t) => {
  t.equal(typeOf({ type: ['integer', 'number'] }), 'FLOAT', 'an integer is a number');
  t.equal(typeOf({ anyOf: [{ type: 'integer' }, { type: 'number', multipleOf: 0.001 }] }), 'DECIMAL(38,3)', '19 integer digits left of the point');
  t.equal(typeOf({ anyOf: [{ type: 'integer' }, { type: 'number', multipleOf: 1e-20 }] }), 'FLOAT', 'no DECIMAL holds 19 + 20 digits');
  t.equal(typeOf({ anyOf: [{ type: 'string', format: 'date-time' }, { type: ['string', 'null'] }] }), 'NVARCHAR(4000)', 'a plain string branch is not a date-time');
  t.equal(typeOf({ anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] }), 'DATETIMEOFFSET(7)');
  t.equal(typeOf({ anyOf: [{ type: 'string', maxLength: 10 }, { type: 'string', maxLength: 5000 }] }), 'NVARCHAR(MAX)');
  t.equal(typeOf({ type: ['string', 'integer'] }), 'NVARCHAR(4000)');
  t.equal(typeOf({ type: ['boolean', 'integer'] }), 'NVARCHAR(4000)', 'BIT cannot hold 2, BIGINT would lose true/false');
  t.equal(typeOf({ type: ['string', 'object'] }), 'NVARCHAR(MAX) json');
  t.equal(typeOf({ type: ['string', 'number', 'integer', 'array', 'object', 'boolean', 'null'] }), 'NVARCHAR(MAX) json');
  t.equal(typeOf({ oneOf: [{ type: 'integer' }, { type: 'null' }] }), 'BIGINT');
});

t.test('key columns are NOT NULL and never MAX', async (t) => {
  t.equal(typeOf({ type: 'integer' }, true), 'BIGINT NOT NULL');
  t.equal(typeOf({ type: 'string', maxLength: 10_000 }, true), 'NVARCHAR(4000) NOT NULL');
  t.equal(typeOf({ type: 'string', maxLength: 36 }, true), 'NVARCHAR(4000) NOT NULL', 'a key is never altered later: it is the hash column');
  t.equal(typeOf({}, true), 'NVARCHAR(4000) NOT NULL');
});

t.test('the metadata columns follow the properties when add_record_metadata is on', async (t) => {
  const { options } = planOptions({ addRecordMetadata: true });
  const { plan } = planStream(schemaMessage('s', { id: { type: 'integer' }, _sdc_deleted_at: { type: 'string' } }), options, new Map());
  t.same(plan.root.columns.map((c) => `${c.name} ${sqlTypeText(c.type)}`), [
    'id BIGINT', '_sdc_extracted_at DATETIMEOFFSET(7)', '_sdc_received_at DATETIMEOFFSET(7)', '_sdc_batched_at DATETIMEOFFSET(7)',
    '_sdc_deleted_at DATETIMEOFFSET(7)', '_sdc_sequence BIGINT', '_sdc_table_version BIGINT',
  ]);
  t.equal(plan.root.columns.find((c) => c.name === '_sdc_deleted_at')?.source.kind, 'metadata', 'the schema\'s own _sdc_deleted_at is replaced');
  const off = planStream(schemaMessage('s', { id: { type: 'integer' } }), planOptions().options, new Map());
  t.same(off.plan.root.columns.map((c) => c.name), ['id']);
});
