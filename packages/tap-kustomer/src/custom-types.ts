// Types an org's custom attributes from their names, as Kustomer does: "the suffix of each attribute's name sets its
// type" (developer.kustomer.com, docs/concepts/custom-attributes and api/core-resources/get-custom-attribute-metadata:
// Str, Txt, Num, At, Bool, Url, Id; research/kustomer.md 2.3 adds Tree from the legacy API pages). "Every type also
// accepts null", so every property is nullable. A name with no known suffix is left untyped, and `custom` stays
// open (additionalProperties: true): an attribute an admin adds after discovery must not make records invalid.
// Pure: no I/O.
import type { JsonSchema } from '@kustomer-synapse/singer';

const STRING: JsonSchema = { type: ['null', 'string'] };

/** Suffix -> the JSON Schema of its values. */
export const SUFFIX_TYPES: Readonly<Record<string, JsonSchema>> = {
  Str: STRING,
  Txt: STRING,
  Url: STRING,
  Id: STRING,
  Tree: STRING,
  Num: { type: ['null', 'number'] },
  At: { type: ['null', 'string'], format: 'date-time' },
  Bool: { type: ['null', 'boolean'] },
};

/** camelCase, then the suffix: the suffix starts with a capital that follows a lower-case letter or digit. */
const SUFFIX = new RegExp(`[a-z0-9](${Object.keys(SUFFIX_TYPES).join('|')})$`);

/** What `GET /v1/metadata/{resource}` says of one attribute (`attributes.properties.<name>`). */
export interface AttributeDefinition {
  /** true for a multi-valued attribute (research 5: MeltanoLabs' custom_attributes schema has `array`). */
  readonly array?: unknown;
}

export function attributeSchema(name: string, definition: AttributeDefinition = {}): JsonSchema | undefined {
  const suffix = SUFFIX.exec(name)?.[1];
  const scalar = suffix === undefined ? undefined : SUFFIX_TYPES[suffix];
  if (scalar === undefined) return undefined;
  // [infer] the docs describe `array` as a property option without its value shape: an array of the suffix's type.
  return definition.array === true ? { type: ['null', 'array'], items: scalar } : scalar;
}

/** The open object `custom` is without metadata (the committed schemas say the same). */
export const OPEN_CUSTOM: JsonSchema = { type: ['null', 'object'], additionalProperties: true };

/** `custom` with a typed property per attribute whose suffix is known, in name order; open for the rest. */
export function customSchema(definitions: Readonly<Record<string, AttributeDefinition>>): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const name of Object.keys(definitions).sort()) {
    const schema = attributeSchema(name, definitions[name]);
    if (schema !== undefined) properties[name] = schema;
  }
  return Object.keys(properties).length === 0 ? OPEN_CUSTOM : { type: ['null', 'object'], properties, additionalProperties: true };
}
