// The message loop's dispatch (STYLE.md 6): one handler per Singer message type in an exhaustive map, so
// the compiler proves every type is handled. Handlers check the message against what came before it and
// hand it to the flow; every user mistake is an InputError naming the stream and the input line.
import { InputError, type MessageOf, type MessageType } from '@kustomer-synapse/singer';
import type { Flow, StreamEntry } from './flow.js';
import { RecordValueError } from '../plan/index.js';
import { missingKeyProperty } from './record-checks.js';

type Handler<T extends MessageType> = (flow: Flow, message: MessageOf<T>, lineNumber: number) => Promise<void> | void;

export const HANDLERS: { readonly [T in MessageType]: Handler<T> } = {
  SCHEMA: (flow, message, lineNumber) => flow.defineStream(message, lineNumber),

  RECORD: (flow, message, lineNumber) => {
    const entry = requireStream(flow, message.stream, 'RECORD', lineNumber);
    const keys = entry.sink.keyProperties;
    const missing = missingKeyProperty(message.record, keys);
    if (missing !== undefined) {
      throw new InputError(
        `RECORD of stream "${message.stream}" is missing key property "${missing}" (key_properties ${JSON.stringify(keys)}); every record must carry its keys`,
        lineNumber,
      );
    }
    const problem = entry.validate?.(message.record);
    if (problem !== undefined) {
      throw new InputError(`RECORD of stream "${message.stream}" does not match the stream's schema: ${problem} (validate_records is on)`, lineNumber);
    }
    try {
      return flow.acceptRecord(entry, message);
    } catch (error) {
      // A value its column cannot hold is found while the record is encoded, which knows no input lines.
      if (error instanceof RecordValueError) throw new InputError(error.message, lineNumber, { cause: error });
      throw error;
    }
  },

  STATE: (flow, message) => flow.receiveState(message.value),

  ACTIVATE_VERSION: (flow, message, lineNumber) => {
    const entry = requireStream(flow, message.stream, 'ACTIVATE_VERSION', lineNumber);
    return flow.activateVersion(entry, message.version);
  },

  BATCH: (_flow, message, lineNumber) => {
    throw new InputError(
      `BATCH messages (stream "${message.stream}") are not supported by target-synapse; configure the tap to send RECORD messages (turn off its batch_config)`,
      lineNumber,
    );
  },
};

function requireStream(flow: Flow, stream: string, type: MessageType, lineNumber: number): StreamEntry {
  const entry = flow.stream(stream);
  if (entry === undefined) {
    throw new InputError(`${type} for stream "${stream}" arrived before any SCHEMA for it; the tap must send a stream's SCHEMA first`, lineNumber);
  }
  return entry;
}

/** Dispatches one message to its handler. */
export function route<T extends MessageType>(flow: Flow, message: MessageOf<T>, lineNumber: number): Promise<void> | void {
  const handler = HANDLERS[message.type] as Handler<T>;
  return handler(flow, message, lineNumber);
}
