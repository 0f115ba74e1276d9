// Writes Singer messages (or a target's state lines) to stdout. Lines are gathered into chunks to keep
// writes cheap, and every chunk respects backpressure: when the consumer is slow, `write` returns a
// promise that settles on 'drain', so a producer that awaits it never grows memory without bound.
import type { Writable } from 'node:stream';
import { OutputClosedError } from './errors.js';
import { stringifyJson } from './exact-json.js';
import type { Message } from './messages.js';

const CHUNK_BYTES = 64 * 1024;

export class LineWriter {
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(private readonly out: Writable = process.stdout) {
    // With no listener, a reader that goes away (EPIPE) crashes the process from the stream's 'error' event; with
    // one, the next write sees `errored` and rejects, and the program ends with one line.
    out.on('error', () => undefined);
  }

  /** Queues a message as one line; await the result (it is only a promise when the consumer is behind). */
  writeMessage(message: Message): Promise<void> | undefined {
    return this.writeLine(stringifyJson(message));
  }

  /** Queues raw JSON text as one line. */
  writeLine(text: string): Promise<void> | undefined {
    this.pending.push(text, '\n');
    this.pendingLength += text.length + 1;
    return this.pendingLength >= CHUNK_BYTES ? this.writeChunk() : undefined;
  }

  /** Writes everything queued and resolves once the stream has taken it. Call before exit and after a state line. */
  async flush(): Promise<void> {
    await this.writeChunk();
    await new Promise<void>((resolve, reject) => {
      // A destroyed stream calls back with ERR_STREAM_DESTROYED; an errored one with its error.
      this.out.write('', (error) => (error ? reject(outputError(this.out, error)) : resolve()));
    });
  }

  private writeChunk(): Promise<void> | undefined {
    if (this.pendingLength === 0) return undefined;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    if (this.out.write(chunk)) return undefined;
    // 'drain' never comes from a stream that has already failed or closed, so waiting for it would hang.
    const gone = this.out.errored ?? (this.out.destroyed ? closedError() : undefined);
    if (gone) return Promise.reject(outputError(this.out, gone));
    return new Promise<void>((resolve, reject) => {
      const settle = (error?: Error): void => {
        this.out.off('drain', onDrain);
        this.out.off('error', onError);
        this.out.off('close', onClose);
        if (error) reject(outputError(this.out, error));
        else resolve();
      };
      const onDrain = (): void => settle();
      const onError = (error: Error): void => settle(error);
      const onClose = (): void => settle(this.out.errored ?? closedError());
      this.out.once('drain', onDrain);
      this.out.once('error', onError);
      this.out.once('close', onClose);
    });
  }
}

/** EPIPE (the reader closed the pipe) is the reader's doing, not a bug: one line, no stack. */
function outputError(out: Writable, error: Error): Error {
  const cause = out.errored ?? error;
  return (cause as NodeJS.ErrnoException).code === 'EPIPE' ? new OutputClosedError({ cause }) : error;
}

function closedError(): Error {
  return new Error('the output stream closed before every line was written');
}
