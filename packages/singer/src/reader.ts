// Reads Singer messages, one JSON object per line, from stdin or a file.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { InputError } from './errors.js';
import { parseJson } from './exact-json.js';
import { MessageShapeError, toMessage, type Message } from './messages.js';

export interface ReadMessage {
  readonly message: Message;
  /** 1-based line number in the input, counting blank lines. */
  readonly lineNumber: number;
}

/** The input named by `--input` (a file path), or stdin when none is given. */
export function openInput(path?: string): Readable {
  return path === undefined ? process.stdin : createReadStream(path);
}

/** Parses one line into a message; throws InputError naming the line and the problem. */
export function parseLine(line: string, lineNumber: number): Message {
  let value: unknown;
  try {
    value = parseJson(line);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new InputError(`not valid JSON (${detail}); each line must be one Singer message`, lineNumber, { cause: error });
  }
  try {
    return toMessage(value);
  } catch (error) {
    if (error instanceof MessageShapeError) throw new InputError(error.message, lineNumber, { cause: error });
    throw error;
  }
}

/** Yields every message of the input in order with its line number; blank lines are skipped. */
export async function* readMessages(input: Readable): AsyncGenerator<ReadMessage> {
  for await (const batch of readMessageBatches(input)) yield* batch;
}

/**
 * The messages of the input in order, as one list per chunk of input: a loop over a chunk's messages costs no
 * promise per message, which a line at a time through stream layers did (a tenth of a target's read loop). A line
 * that cannot be read ends the reading with its InputError after the messages before it have been yielded.
 */
export async function* readMessageBatches(input: Readable): AsyncGenerator<ReadMessage[]> {
  let lineNumber = 0;
  for await (const lines of readLines(input)) {
    const batch: ReadMessage[] = [];
    for (const raw of lines) {
      lineNumber += 1;
      // Windows tools (PowerShell's Out-File, Notepad) start UTF-8 files with a byte order mark; only the
      // first line can carry one legitimately.
      const line = lineNumber === 1 && raw.startsWith(BYTE_ORDER_MARK) ? raw.slice(1) : raw;
      if (isBlank(line)) continue;
      let message: Message;
      try {
        message = parseLine(line, lineNumber);
      } catch (error) {
        if (batch.length > 0) yield batch;
        throw error;
      }
      batch.push({ message, lineNumber });
    }
    if (batch.length > 0) yield batch;
  }
}

/**
 * The input's lines (without their `\n` or `\r\n`), as one list per chunk read. The unfinished end of a chunk is
 * held as pieces and joined once its newline arrives, so a line of any length costs time linear in its length.
 * Stopping early (or an error of the input) destroys the input, as `for await` over a stream does.
 */
export async function* readLines(input: Readable): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  const held: string[] = [];
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let newline = text.indexOf('\n');
    if (newline === -1) {
      held.push(text);
      continue;
    }
    const lines: string[] = [];
    held.push(text.slice(0, newline));
    lines.push(withoutCarriageReturn(held.join('')));
    held.length = 0;
    let start = newline + 1;
    newline = text.indexOf('\n', start);
    while (newline !== -1) {
      lines.push(withoutCarriageReturn(text.slice(start, newline)));
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (start < text.length) held.push(text.slice(start));
    yield lines;
  }
  const last = held.join('') + decoder.end();
  if (last !== '') yield [withoutCarriageReturn(last)];
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

const BYTE_ORDER_MARK = '\uFEFF';

function isBlank(line: string): boolean {
  return line.length === 0 || line.trim().length === 0;
}
