/**
 * Turns one Kustomer JSON:API resource into the singer-io / Stitch record shape (DESIGN.md section 4,
 * research/kustomer.md 4.3), so that tables Stitch users already have keep working:
 * - `attributes` hoisted to the top level, names camelCase -> snake_case (singer-io's `convert_json` regexes);
 * - each relationship that has `data` becomes that `data` (`{type, id}`, or an array of them); relationships
 *   with only `links` / `meta` are dropped; `sla` becomes `sla_data` so it does not clobber the `sla` attribute;
 * - `type`, `id` and `links` kept.
 * Unlike singer-io, keys inside `custom` stay as Kustomer sends them (`tierStr`): they are the org's own names,
 * the ones `GET /v1/metadata/{resource}` describes, and renaming them would break that lookup. Keys of the
 * custom attribute definitions map (`properties` of a metadata resource) are kept for the same reason.
 * Pure: no I/O.
 */

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/** A JSON:API resource as Kustomer serves it (research 2.3). */
export interface RawResource {
  readonly type: string;
  readonly id: string;
  readonly attributes: JsonObject;
  readonly relationships?: JsonObject;
  readonly links?: JsonObject;
}

/** Attributes whose keys are data (the org's custom attribute names), not field names: copied as they are. */
const VERBATIM_ATTRIBUTES: ReadonlySet<string> = new Set(['custom']);
/** A metadata resource's `properties` maps attribute names (data) to definitions: keys kept, definitions converted. */
const KEYED_MAP_ATTRIBUTES: Readonly<Record<string, ReadonlySet<string>>> = { metadata: new Set(['properties']) };
/** singer-io `transform.py`: the `sla` relationship is renamed so it does not overwrite the `sla` attribute. */
const RENAMED_RELATIONSHIPS: Readonly<Record<string, string>> = { sla: 'sla_data' };

/**
 * Names converted so far: every record repeats the same few hundred field names, and the two regexes were an
 * eighth of the tap's CPU time at 100,000 conversations (README "Throughput"). Bounded, since nested objects
 * may carry keys that are data.
 */
const SNAKE_NAMES = new Map<string, string>();
const SNAKE_NAMES_MAX = 10_000;

/** singer-io's `convert_json` rename: `(.)([A-Z][a-z]+)` -> `\1_\2`, then `([a-z0-9])([A-Z])` -> `\1_\2`, lower. */
export function snakeCase(name: string): string {
  const known = SNAKE_NAMES.get(name);
  if (known !== undefined) return known;
  const snake = name
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
  if (SNAKE_NAMES.size < SNAKE_NAMES_MAX) SNAKE_NAMES.set(name, snake);
  return snake;
}

const isObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function snakeKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (!isObject(value)) return value;
  const out: Record<string, JsonValue> = {};
  for (const [key, inner] of Object.entries(value)) out[snakeCase(key)] = snakeKeys(inner);
  return out;
}

function attributeValue(type: string, name: string, value: JsonValue): JsonValue {
  if (VERBATIM_ATTRIBUTES.has(name)) return value;
  if ((KEYED_MAP_ATTRIBUTES[type]?.has(name) ?? false) && isObject(value)) {
    const out: Record<string, JsonValue> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = snakeKeys(inner);
    return out;
  }
  return snakeKeys(value);
}

/** The Stitch-shaped record of one resource. */
export function shapeRecord(raw: RawResource): JsonObject {
  const out: Record<string, JsonValue> = { type: raw.type, id: raw.id };
  for (const [name, value] of Object.entries(raw.attributes)) out[snakeCase(name)] = attributeValue(raw.type, name, value);
  for (const [name, relationship] of Object.entries(raw.relationships ?? {})) {
    if (!isObject(relationship) || !('data' in relationship)) continue;
    const data = relationship['data'];
    if (data === undefined) continue;
    const field = snakeCase(name);
    out[RENAMED_RELATIONSHIPS[field] ?? field] = data;
  }
  if (raw.links !== undefined) out['links'] = snakeKeys(raw.links);
  return out;
}
