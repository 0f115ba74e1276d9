// Singer message types (research/singer.md 1.2-1.6) and their runtime checks.
import { ExactNumber } from './exact-json.js';

export type JsonObject = { readonly [key: string]: unknown };

/** A JSON Schema as Singer uses it: an object with `properties` at the top level. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: { readonly [name: string]: JsonSchema };
  readonly items?: JsonSchema;
  readonly format?: string;
  readonly anyOf?: readonly JsonSchema[];
  readonly [keyword: string]: unknown;
}

export interface SchemaMessage {
  readonly type: 'SCHEMA';
  readonly stream: string;
  readonly schema: JsonSchema;
  readonly key_properties: readonly string[];
  readonly bookmark_properties?: readonly string[];
}

export interface RecordMessage {
  readonly type: 'RECORD';
  readonly stream: string;
  readonly record: JsonObject;
  readonly time_extracted?: string;
  readonly version?: number;
}

export interface StateMessage {
  readonly type: 'STATE';
  readonly value: unknown;
}

export interface ActivateVersionMessage {
  readonly type: 'ACTIVATE_VERSION';
  readonly stream: string;
  readonly version: number;
}

/** Meltano SDK extension: records in files named by a manifest (research/singer.md 1.6). */
export interface BatchMessage {
  readonly type: 'BATCH';
  readonly stream: string;
  readonly encoding: { readonly format: string; readonly compression?: string };
  readonly manifest: readonly string[];
  readonly version?: number;
}

export type Message = SchemaMessage | RecordMessage | StateMessage | ActivateVersionMessage | BatchMessage;
export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

/** Thrown when a parsed line is not a valid Singer message; the reader adds the line number. */
export class MessageShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MessageShapeError';
  }
}

type Checker<T extends MessageType> = (raw: JsonObject) => MessageOf<T>;

// One checker per type: the compiler proves every message type is handled (STYLE.md 6).
const CHECKERS: { readonly [T in MessageType]: Checker<T> } = {
  SCHEMA: (raw) => {
    const schema = requireObject(raw, 'schema', 'SCHEMA');
    if (!isObject(schema.properties)) {
      throw new MessageShapeError('SCHEMA for stream ' + JSON.stringify(raw.stream) + ' has no "properties" in its schema (a JSON Schema object with properties is required)');
    }
    const bookmarks = optionalStringList(raw, 'bookmark_properties', 'SCHEMA');
    return {
      type: 'SCHEMA',
      stream: requireString(raw, 'stream', 'SCHEMA'),
      schema: schema as JsonSchema,
      // The spec requires key_properties, but the Meltano SDK reads it as optional and its standard
      // test stream pk_updates.singer omits it (research/singer.md 1.2): a missing list means no key.
      key_properties: optionalStringList(raw, 'key_properties', 'SCHEMA') ?? [],
      ...(bookmarks === undefined ? {} : { bookmark_properties: bookmarks }),
    };
  },
  RECORD: (raw) => {
    const timeExtracted = raw.time_extracted;
    if (timeExtracted !== undefined && timeExtracted !== null && typeof timeExtracted !== 'string') {
      throw new MessageShapeError('RECORD "time_extracted" must be an RFC 3339 string');
    }
    const version = optionalNumber(raw, 'version', 'RECORD');
    return {
      type: 'RECORD',
      stream: requireString(raw, 'stream', 'RECORD'),
      record: requireObject(raw, 'record', 'RECORD'),
      ...(typeof timeExtracted === 'string' ? { time_extracted: timeExtracted } : {}),
      ...(version === undefined ? {} : { version }),
    };
  },
  STATE: (raw) => {
    if (!('value' in raw)) throw new MessageShapeError('STATE message is missing "value"');
    return { type: 'STATE', value: raw.value };
  },
  ACTIVATE_VERSION: (raw) => {
    const version = optionalNumber(raw, 'version', 'ACTIVATE_VERSION');
    if (version === undefined) throw new MessageShapeError('ACTIVATE_VERSION message is missing "version" (a number)');
    return { type: 'ACTIVATE_VERSION', stream: requireString(raw, 'stream', 'ACTIVATE_VERSION'), version };
  },
  BATCH: (raw) => {
    const encoding = requireObject(raw, 'encoding', 'BATCH');
    if (typeof encoding.format !== 'string') throw new MessageShapeError('BATCH "encoding.format" must be a string such as "jsonl"');
    if (encoding.compression !== undefined && typeof encoding.compression !== 'string') {
      throw new MessageShapeError('BATCH "encoding.compression" must be "gzip" or "none"');
    }
    const manifest = optionalStringList(raw, 'manifest', 'BATCH');
    if (manifest === undefined) throw new MessageShapeError('BATCH message is missing "manifest" (a list of file URLs)');
    const version = optionalNumber(raw, 'version', 'BATCH');
    return {
      type: 'BATCH',
      stream: requireString(raw, 'stream', 'BATCH'),
      encoding: typeof encoding.compression === 'string'
        ? { format: encoding.format, compression: encoding.compression }
        : { format: encoding.format },
      manifest,
      ...(version === undefined ? {} : { version }),
    };
  },
};

export const MESSAGE_TYPES = Object.keys(CHECKERS) as readonly MessageType[];

/**
 * Checks a parsed JSON value and returns it as a typed message. `type` is matched case-insensitively,
 * as the spec allows; anything else that is wrong throws MessageShapeError saying what.
 */
export function toMessage(value: unknown): Message {
  if (!isObject(value)) throw new MessageShapeError('a Singer message must be a JSON object');
  const type = value.type;
  if (type === undefined) throw new MessageShapeError('message has no "type"');
  if (typeof type !== 'string') throw new MessageShapeError('message "type" must be a string');
  const upper = type.toUpperCase();
  if (!isMessageType(upper)) {
    throw new MessageShapeError(`unknown message type ${JSON.stringify(type)} (expected one of ${MESSAGE_TYPES.join(', ')})`);
  }
  return CHECKERS[upper](value) as Message;
}

function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(CHECKERS, type);
}

/** A JSON object: not null, not an array, and not an ExactNumber (a number in the text, an object only in JS). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof ExactNumber);
}

function requireString(raw: JsonObject, key: string, type: MessageType): string {
  const value = raw[key];
  if (value === undefined) throw new MessageShapeError(`${type} message is missing "${key}"`);
  if (typeof value !== 'string' || value === '') throw new MessageShapeError(`${type} "${key}" must be a non-empty string`);
  return value;
}

function requireObject(raw: JsonObject, key: string, type: MessageType): JsonObject {
  const value = raw[key];
  if (value === undefined) throw new MessageShapeError(`${type} message is missing "${key}"`);
  if (!isObject(value)) throw new MessageShapeError(`${type} "${key}" must be a JSON object`);
  return value;
}

function optionalStringList(raw: JsonObject, key: string, type: MessageType): readonly string[] | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new MessageShapeError(`${type} "${key}" must be a list of strings`);
  }
  return value as string[];
}

function optionalNumber(raw: JsonObject, key: string, type: MessageType): number | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  // Versions are epoch milliseconds or seconds, so the nearest double of an ExactNumber is close enough.
  // Only numbers: Number([5]) is 5 and Number([]) is 0.
  const number = typeof value === 'number' ? value : value instanceof ExactNumber ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw new MessageShapeError(`${type} "${key}" must be a number`);
  return number;
}
