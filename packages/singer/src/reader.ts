// Reads Singer messages, one JSON object per line, from stdin or a file.
import { createReadStream } from 'node:fs';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import split2 from 'split2';
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
  let lineNumber = 0;
  // pipeline passes an input error on to the lines, and closes the input when the caller stops early.
  const lines = pipeline(input, new WholeLines(), split2(), () => {});
  for await (const raw of lines as AsyncIterable<string>) {
    lineNumber += 1;
    // Windows tools (PowerShell's Out-File, Notepad) start UTF-8 files with a byte order mark; only the
    // first line can carry one legitimately.
    const line = lineNumber === 1 && raw.startsWith(BYTE_ORDER_MARK) ? raw.slice(1) : raw;
    if (isBlank(line)) continue;
    yield { message: parseLine(line, lineNumber), lineNumber };
  }
}

const BYTE_ORDER_MARK = '\uFEFF';

function isBlank(line: string): boolean {
  return line.length === 0 || line.trim().length === 0;
}

/**
 * Holds back chunks until one holds a newline, then passes them on as one. split2 appends every chunk to
 * the unfinished line and splits the whole of it again, which is quadratic in the length of a line: a
 * 32 MB record arriving in 64 KB chunks took 14 s. Given only chunks that end a line, split2 stays linear.
 */
export class WholeLines extends Transform {
  private held: Buffer[] = [];

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (!bytes.includes(NEWLINE)) {
      this.held.push(bytes);
      done();
      return;
    }
    if (this.held.length === 0) {
      done(null, bytes);
      return;
    }
    this.held.push(bytes);
    const whole = Buffer.concat(this.held);
    this.held = [];
    done(null, whole);
  }

  override _flush(done: TransformCallback): void {
    done(null, this.held.length === 0 ? undefined : Buffer.concat(this.held));
  }
}

const NEWLINE = 0x0a;
