export { STREAMS, STREAM_NAMES, SEARCH_ROLE, METADATA_RESOURCES, type StreamName, type StreamSpec, type Endpoint } from './streams.js';
export { shapeRecord, snakeCase, type RawResource, type JsonObject, type JsonValue } from './record-shape.js';
export type * from './generated/index.js';
export { discoverCatalog, CUSTOM_RESOURCE_OF } from './discovery.js';
export { customSchema, attributeSchema, SUFFIX_TYPES, OPEN_CUSTOM } from './custom-types.js';
export { loadSchema } from './schemas.js';
export { readListStream } from './sync/list-stream.js';
export { readConversationAttachments, ATTACHMENT_CONCURRENCY } from './sync/attachments.js';
