// Singer catalogs: parsing, metadata by breadcrumb, stream and field selection as the Meltano SDK does it,
// replication settings, and building a catalog for --discover (research/singer.md 1.9).
import { InputError } from './errors.js';
import { isObject, type JsonSchema } from './messages.js';

export type Breadcrumb = readonly string[];
export type ReplicationMethod = 'FULL_TABLE' | 'INCREMENTAL' | 'LOG_BASED';
export type Inclusion = 'available' | 'automatic' | 'unsupported';

export interface Metadata {
  readonly selected?: boolean;
  readonly inclusion?: Inclusion;
  readonly 'selected-by-default'?: boolean;
  readonly 'replication-method'?: ReplicationMethod;
  readonly 'replication-key'?: string;
  readonly 'forced-replication-method'?: ReplicationMethod;
  readonly 'valid-replication-keys'?: readonly string[];
  readonly 'table-key-properties'?: readonly string[];
  readonly [keyword: string]: unknown;
}

export interface MetadataEntry {
  readonly breadcrumb: Breadcrumb;
  readonly metadata: Metadata;
}

export interface CatalogEntry {
  readonly tap_stream_id: string;
  readonly stream: string;
  readonly schema: JsonSchema;
  readonly metadata?: readonly MetadataEntry[];
  readonly key_properties?: readonly string[];
  readonly replication_key?: string | null;
  readonly replication_method?: ReplicationMethod | null;
  readonly [key: string]: unknown;
}

export interface Catalog {
  readonly streams: readonly CatalogEntry[];
}

/** Checks a parsed --catalog/--properties file; `source` names it in errors. */
export function parseCatalog(value: unknown, source: string): Catalog {
  if (!isObject(value) || !Array.isArray(value.streams)) {
    throw new InputError(`${source} is not a Singer catalog: expected an object with a "streams" list`);
  }
  value.streams.forEach((entry: unknown, index: number) => checkEntry(entry, `${source} streams[${index}]`));
  return value as unknown as Catalog;
}

function checkEntry(entry: unknown, where: string): void {
  if (!isObject(entry)) throw new InputError(`${where} must be an object`);
  if (typeof entry.tap_stream_id !== 'string') throw new InputError(`${where} is missing "tap_stream_id"`);
  if (!isObject(entry.schema)) throw new InputError(`${where} (${entry.tap_stream_id}) is missing "schema"`);
  if (entry.metadata === undefined) return;
  if (!Array.isArray(entry.metadata)) throw new InputError(`${where} (${entry.tap_stream_id}) "metadata" must be a list`);
  entry.metadata.forEach((item: unknown, index: number) => {
    if (!isObject(item) || !Array.isArray(item.breadcrumb) || !isObject(item.metadata)) {
      throw new InputError(`${where} (${entry.tap_stream_id}) metadata[${index}] must have "breadcrumb" (a list) and "metadata" (an object)`);
    }
  });
}

/** Metadata of one entry keyed by breadcrumb. */
export class MetadataMap {
  private readonly byBreadcrumb = new Map<string, Metadata>();

  constructor(entries: readonly MetadataEntry[] = []) {
    for (const entry of entries) {
      const key = breadcrumbKey(entry.breadcrumb);
      this.byBreadcrumb.set(key, { ...this.byBreadcrumb.get(key), ...normalise(entry.metadata) });
    }
  }

  get size(): number {
    return this.byBreadcrumb.size;
  }

  get(breadcrumb: Breadcrumb): Metadata {
    return this.byBreadcrumb.get(breadcrumbKey(breadcrumb)) ?? {};
  }

  /**
   * The SDK's rule (singerlib/catalog.py MetadataMapping._breadcrumb_is_selected): a deselected parent
   * deselects its children; `unsupported` is never selected; `automatic` always is; then an explicit
   * `selected`, then `selected-by-default`, then the parent's value.
   */
  isSelected(breadcrumb: Breadcrumb): boolean {
    const parent = breadcrumb.length === 0 ? undefined : this.isSelected(breadcrumb.slice(0, -2));
    if (parent === false) return false;
    const metadata = this.get(breadcrumb);
    if (metadata.inclusion === 'unsupported') return false;
    if (metadata.inclusion === 'automatic') return true;
    if (metadata.selected !== undefined) return metadata.selected;
    if (metadata['selected-by-default'] !== undefined) return metadata['selected-by-default'];
    return parent ?? false;
  }
}

// Catalogs written by hand or by old tools carry "true"/"false" strings (SYNC_MODE.md's own example does).
function normalise(metadata: Metadata): Metadata {
  const fixed: Record<string, unknown> = { ...metadata };
  for (const key of ['selected', 'selected-by-default']) {
    if (fixed[key] === 'true') fixed[key] = true;
    if (fixed[key] === 'false') fixed[key] = false;
  }
  return fixed as Metadata;
}

function breadcrumbKey(breadcrumb: Breadcrumb): string {
  return JSON.stringify(breadcrumb);
}

export function metadataOf(entry: CatalogEntry): MetadataMap {
  return new MetadataMap(entry.metadata);
}

/** A stream without any metadata is selected, as in the SDK and singer-python. */
export function isStreamSelected(entry: CatalogEntry): boolean {
  const metadata = metadataOf(entry);
  return metadata.size === 0 || metadata.isSelected([]);
}

export function isFieldSelected(entry: CatalogEntry, breadcrumb: Breadcrumb): boolean {
  const metadata = metadataOf(entry);
  return metadata.size === 0 || metadata.isSelected(breadcrumb);
}

/** The entry's schema with every deselected property removed, at any depth of nested objects. */
export function selectedSchema(entry: CatalogEntry): JsonSchema {
  const metadata = metadataOf(entry);
  if (metadata.size === 0) return entry.schema;
  return prune(entry.schema, [], metadata);
}

function prune(schema: JsonSchema, at: Breadcrumb, metadata: MetadataMap): JsonSchema {
  if (schema.properties === undefined) return schema;
  const properties: Record<string, JsonSchema> = {};
  for (const [name, child] of Object.entries(schema.properties)) {
    const breadcrumb = [...at, 'properties', name];
    if (metadata.isSelected(breadcrumb)) properties[name] = prune(child, breadcrumb, metadata);
  }
  return { ...schema, properties };
}

/** Top-level key (what Meltano writes) first, then metadata, as the SDK's apply_catalog reads them. */
export function replicationMethod(entry: CatalogEntry): ReplicationMethod | undefined {
  const root = metadataOf(entry).get([]);
  return entry.replication_method ?? root['replication-method'] ?? root['forced-replication-method'];
}

export function replicationKey(entry: CatalogEntry): string | undefined {
  return entry.replication_key ?? metadataOf(entry).get([])['replication-key'];
}

export function keyProperties(entry: CatalogEntry): readonly string[] {
  return entry.key_properties ?? metadataOf(entry).get([])['table-key-properties'] ?? [];
}

export interface StreamDescription {
  readonly stream: string;
  readonly schema: JsonSchema;
  readonly keyProperties: readonly string[];
  readonly replicationMethod: ReplicationMethod;
  readonly replicationKey?: string;
  readonly selectedByDefault?: boolean;
}

/** The catalog entry --discover prints for one stream, with metadata as the SDK's get_standard_metadata. */
export function describeStream(description: StreamDescription): CatalogEntry {
  const automatic = new Set([...description.keyProperties, ...(description.replicationKey ? [description.replicationKey] : [])]);
  const selectedByDefault = description.selectedByDefault ?? true;
  const root: Record<string, unknown> = {
    inclusion: 'available',
    'selected-by-default': selectedByDefault,
    'table-key-properties': description.keyProperties,
    'forced-replication-method': description.replicationMethod,
  };
  if (description.replicationKey !== undefined) {
    root['valid-replication-keys'] = [description.replicationKey];
    root['replication-key'] = description.replicationKey;
  }
  const metadata: MetadataEntry[] = [{ breadcrumb: [], metadata: root }];
  addFieldMetadata(description.schema, [], (name, depth) => depth === 0 && automatic.has(name), selectedByDefault, metadata);
  return {
    tap_stream_id: description.stream,
    stream: description.stream,
    schema: description.schema,
    key_properties: description.keyProperties,
    replication_method: description.replicationMethod,
    ...(description.replicationKey === undefined ? {} : { replication_key: description.replicationKey }),
    metadata,
  };
}

function addFieldMetadata(
  schema: JsonSchema,
  at: Breadcrumb,
  isAutomatic: (name: string, depth: number) => boolean,
  selectedByDefault: boolean,
  out: MetadataEntry[],
): void {
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const breadcrumb = [...at, 'properties', name];
    const inclusion: Inclusion = isAutomatic(name, at.length / 2) ? 'automatic' : 'available';
    out.push({ breadcrumb, metadata: { inclusion, 'selected-by-default': selectedByDefault } });
    addFieldMetadata(child, breadcrumb, isAutomatic, selectedByDefault, out);
  }
}

export function findEntry(catalog: Catalog, tapStreamId: string): CatalogEntry | undefined {
  return catalog.streams.find((entry) => entry.tap_stream_id === tapStreamId);
}
