// Checks of a RECORD against its stream's SCHEMA: key properties present (always), and with
// `validate_records` the whole JSON Schema through ajv with formats. Each returns the problem as text, for
// an InputError that adds the stream and the line.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ExactNumber, isObject, type JsonObject, type JsonSchema } from '@kustomer-synapse/singer';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The first key property the record lacks (absent or null: a key must identify the row). */
export function missingKeyProperty(record: JsonObject, keys: readonly string[]): string | undefined {
  return keys.find((key) => record[key] === undefined || record[key] === null);
}

export type RecordValidator = (record: JsonObject) => string | undefined;

/** Compiles a stream's schema once; throws a plain Error with ajv's reason when the schema itself is invalid. */
export function compileValidator(schema: JsonSchema): RecordValidator {
  // Singer schemas carry keywords of their own and name drafts ajv does not load; neither is a record's fault.
  const ajv = addFormats(new Ajv({ allErrors: false, strict: false, logger: false, validateSchema: false }));
  const { $schema: _draft, ...withoutDraft } = schema;
  const validate: ValidateFunction = ajv.compile(withoutDraft);
  return (record) => (validate(forValidation(record)) ? undefined : describe(validate.errors?.[0]));
}

function describe(error: ErrorObject | undefined): string {
  if (error === undefined) return 'does not match its schema';
  const path = error.instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    return `property "${[...path, missing].join('.')}" is required by the schema but missing`;
  }
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    return `property "${[...path, extra].join('.')}" is not allowed by the schema (additionalProperties is false)`;
  }
  const name = path.length === 0 ? 'the record' : `property "${path.join('.')}"`;
  return `${name} ${error.message ?? 'does not match its schema'}`;
}

/**
 * ajv checks `typeof x === "number"`, and an integer above 2^53 arrives as an ExactNumber object: for the
 * check only, such numbers become their nearest double (same sign; an integer stays an integer). A long
 * decimal whose double is whole, such as 1.0000000000000000001, then passes `type: integer`: the columns
 * keep the exact text either way. Records without an ExactNumber are passed as they are.
 */
function forValidation(value: unknown): unknown {
  return holdsExactNumber(value) ? toPlain(value) : value;
}

function holdsExactNumber(value: unknown): boolean {
  if (value instanceof ExactNumber) return true;
  if (Array.isArray(value)) return value.some(holdsExactNumber);
  if (isObject(value)) return Object.values(value).some(holdsExactNumber);
  return false;
}

function toPlain(value: unknown): unknown {
  if (value instanceof ExactNumber) return Number(value.text);
  if (Array.isArray(value)) return value.map(toPlain);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, toPlain(child)]));
  return value;
}
