// --discover: one catalog entry per stream of the stream table, with its committed schema, key `id` and its
// replication, and `custom` typed from the org's custom attribute metadata (DESIGN.md section 4; issue 8). Meltano runs
// discovery before every sync, so it costs one `GET /v1/metadata/{resource}` per resource that has custom attributes
// and nothing else. Without the metadata role (403) it warns once, asks no further, and leaves `custom` open.
import { describeStream, PermissionError, type Catalog, type CatalogEntry, type JsonSchema, type Logger } from '@kustomer-synapse/singer';
import { customSchema, type AttributeDefinition } from './custom-types.js';
import { KustomerApiError, type KustomerClient } from './http/client.js';
import { loadSchema } from './schemas.js';
import { METADATA_RESOURCES, STREAM_NAMES, STREAMS, type StreamName, type StreamSpec } from './streams.js';

type MetadataResource = (typeof METADATA_RESOURCES)[number];

/** The metadata resource that describes each stream's `custom` (research 2.4: company, conversation, customer, message, kobject). */
export const CUSTOM_RESOURCE_OF: Readonly<Partial<Record<StreamName, MetadataResource>>> = {
  customers: 'customer',
  conversations: 'conversation',
  messages: 'message',
  companies: 'company',
  kobjects: 'kobject',
};

const METADATA_ROLE = STREAMS.custom_attributes.roles.join(' and ');

export async function discoverCatalog(client: KustomerClient, log: Logger): Promise<Catalog> {
  const customOf = await customSchemas(client, log);
  const streams: CatalogEntry[] = [];
  for (const name of STREAM_NAMES) {
    const spec = STREAMS[name];
    const resource = CUSTOM_RESOURCE_OF[name];
    streams.push(entryFor(spec, await loadSchema(spec), resource === undefined ? undefined : customOf.get(resource)));
  }
  return { streams };
}

export function entryFor(spec: StreamSpec, schema: JsonSchema, custom: JsonSchema | undefined): CatalogEntry {
  const properties = schema.properties;
  const typed = custom === undefined || properties?.['custom'] === undefined ? schema : { ...schema, properties: { ...properties, custom } };
  return describeStream({
    stream: spec.name,
    schema: typed,
    keyProperties: spec.keyProperties,
    replicationMethod: spec.replicationKey === null ? 'FULL_TABLE' : 'INCREMENTAL',
    ...(spec.replicationKey === null ? {} : { replicationKey: spec.replicationKey }),
  });
}

/** `custom` per resource, from the org's metadata; a resource whose metadata could not be read is left out. */
async function customSchemas(client: KustomerClient, log: Logger): Promise<ReadonlyMap<MetadataResource, JsonSchema>> {
  const out = new Map<MetadataResource, JsonSchema>();
  for (const resource of new Set(Object.values(CUSTOM_RESOURCE_OF))) {
    let document: unknown;
    try {
      document = await client.json({ method: 'GET', path: `/v1/metadata/${resource}`, search: false, context: { stream: 'custom_attributes', role: METADATA_ROLE } });
    } catch (error) {
      if (error instanceof PermissionError) {
        log.warning(`discovery: the API key lacks the role ${METADATA_ROLE}, so custom is an open object on every stream; create a key with that role to type custom attributes`);
        return new Map();
      }
      if (!(error instanceof KustomerApiError)) throw error;
      log.warning(`discovery: ${error.message}; custom of ${streamsOf(resource)} stays an open object`);
      continue;
    }
    out.set(resource, customSchema(definitionsIn(document)));
  }
  return out;
}

const streamsOf = (resource: MetadataResource): string =>
  Object.entries(CUSTOM_RESOURCE_OF).filter(([, r]) => r === resource).map(([stream]) => stream).join(', ');

/** `data.attributes.properties` of a metadata document; anything else counts as no definitions. */
function definitionsIn(document: unknown): Readonly<Record<string, AttributeDefinition>> {
  const properties = (document as { data?: { attributes?: { properties?: unknown } } } | null)?.data?.attributes?.properties;
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return {};
  const out: Record<string, AttributeDefinition> = {};
  for (const [name, definition] of Object.entries(properties as Record<string, unknown>)) {
    out[name] = typeof definition === 'object' && definition !== null ? (definition as AttributeDefinition) : {};
  }
  return out;
}
