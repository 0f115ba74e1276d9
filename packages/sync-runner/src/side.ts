// One side of the pipe as a child process in its own process group, so a stop reaches everything it started
// (the shell of a user command and the program under it). Its stderr is passed through to ours line by line,
// and its last line kept for the failure message.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import type { Command } from './command.js';

export interface Exit {
  readonly label: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The last non-empty stderr line, without the Singer log prefix (time, level, program). */
  readonly lastLine: string;
  /** The runner signalled it: its exit is the runner's doing, not a failure of its own. */
  readonly stopped: boolean;
}

/** `2026-01-01T00:00:00.000Z CRITICAL tap-kustomer: ` as our Logger and singer-python write it. */
const LOG_PREFIX = /^\d{4}-\d\d-\d\d[T ][\d:.,]+Z?\s+[A-Z]+\s+[\w.-]+:\s+/;

export class Side {
  readonly child: ChildProcess;
  /** Resolves when the process has exited and its stderr is read to the end. */
  readonly closed: Promise<Exit>;
  private lastLine = '';
  private partial = '';
  private signalled = false;

  constructor(readonly command: Command, stdio: StdioOptions) {
    this.child = spawn(command.file, [...command.args], { stdio, detached: true });
    this.child.stderr?.setEncoding('utf8').on('data', (text: string) => this.pass(text));
    this.closed = new Promise((resolve) => {
      this.child.once('error', (error) => {
        this.lastLine = `cannot start it (${(error as NodeJS.ErrnoException).code ?? error.message})`;
        resolve(this.exit(null, null));
      });
      this.child.once('close', (code, signal) => resolve(this.exit(code, signal)));
    });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.pid !== undefined;
  }

  /** Signals the whole process group; nothing if it has already exited. */
  kill(signal: NodeJS.Signals): void {
    if (!this.running || this.child.pid === undefined) return;
    this.signalled = true;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // the group is gone already
    }
  }

  /** Whole lines only, so that the two sides' lines never interleave mid-line on our stderr. */
  private pass(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    if (lines.length === 0) return;
    process.stderr.write(`${lines.join('\n')}\n`);
    const last = lines.filter((line) => line.trim() !== '').at(-1);
    if (last !== undefined) this.lastLine = last;
  }

  private exit(code: number | null, signal: NodeJS.Signals | null): Exit {
    if (this.partial !== '') process.stderr.write(`${this.partial}\n`);
    if (this.partial.trim() !== '') this.lastLine = this.partial;
    return { label: this.command.label, code, signal, lastLine: this.lastLine.trim().replace(LOG_PREFIX, ''), stopped: this.signalled };
  }
}

/** A side that failed of its own accord (not one the runner stopped). */
export function failed(exit: Exit): boolean {
  return exit.code !== 0 && !exit.stopped;
}

/** `tap-kustomer exited with 1: <its last stderr line>`. */
export function describeExit(exit: Exit): string {
  const how = exit.code !== null ? `exited with ${exit.code}` : exit.signal !== null ? `was stopped by ${exit.signal}` : 'did not start';
  return exit.lastLine === '' ? `${exit.label} ${how}` : `${exit.label} ${how}: ${exit.lastLine}`;
}
