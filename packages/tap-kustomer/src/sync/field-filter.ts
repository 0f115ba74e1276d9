// Field selection (issue 8: deselected fields never appear in RECORDs). The catalog's metadata decides, by the
// SDK's rule (MetadataMap.isSelected); this only removes, at any depth, the properties it deselects.
import { metadataOf, type CatalogEntry, type JsonSchema } from '@kustomer-synapse/singer';
import type { JsonObject, JsonValue } from '../record-shape.js';

type Path = readonly string[];

/** A function that drops every deselected field of the entry's schema from a record; identity when none is. */
export function fieldFilter(entry: CatalogEntry | undefined): (record: JsonObject) => JsonObject {
  if (entry === undefined) return (record) => record;
  const metadata = metadataOf(entry);
  if (metadata.size === 0) return (record) => record;
  const dropped: Path[] = [];
  const walk = (schema: JsonSchema, at: Path): void => {
    for (const [name, child] of Object.entries(schema.properties ?? {})) {
      const path = [...at, name];
      if (!metadata.isSelected(path.flatMap((part) => ['properties', part]))) dropped.push(path);
      else walk(child, path);
    }
  };
  walk(entry.schema, []);
  if (dropped.length === 0) return (record) => record;
  return (record) => dropped.reduce<JsonObject>((out, path) => without(out, path), record);
}

function without(record: JsonObject, path: Path): JsonObject {
  const [head, ...rest] = path;
  if (head === undefined || !(head in record)) return record;
  const { [head]: value, ...kept } = record;
  if (rest.length === 0) return kept;
  if (!isObject(value)) return record;
  return { ...kept, [head]: without(value, rest) };
}

const isObject = (value: JsonValue | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
