export { STREAMS, STREAM_NAMES, SEARCH_ROLE, METADATA_RESOURCES, type StreamName, type StreamSpec, type Endpoint } from './streams.js';
export { shapeRecord, snakeCase, type RawResource, type JsonObject, type JsonValue } from './record-shape.js';
export type * from './generated/index.js';
