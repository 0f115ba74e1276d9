/** The record of every API request the simulator answered, for tests to count requests and inspect bodies. */
import type { FaultKind } from './http/faults.js';

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The parsed JSON body, the raw text when it was not JSON, or undefined when empty. */
  readonly body: unknown;
  /** The HTTP status sent; 0 when the connection was reset instead. */
  readonly status: number;
  readonly fault?: FaultKind;
  /** Sim-clock time the request arrived. */
  readonly at: string;
}

export class RequestLog {
  readonly #entries: RequestLogEntry[] = [];
  readonly #enabled: boolean;

  constructor(enabled: boolean) {
    this.#enabled = enabled;
  }

  add(entry: RequestLogEntry): void {
    if (this.#enabled) this.#entries.push(entry);
  }

  get entries(): readonly RequestLogEntry[] {
    return this.#entries;
  }

  clear(): void {
    this.#entries.length = 0;
  }
}
