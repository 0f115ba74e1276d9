// Bounded waits for tests: each fails within a few seconds, naming what did not happen, rather than sitting out
// the runner's 300 s timeout.
import { once, type EventEmitter } from 'node:events';

/** Long enough for a loaded 2-core machine, far below tap's 300 s. */
export const WAIT_MS = 5_000;
const POLL_MS = 10;

/** Polls `condition` until it holds; throws `timed out after N ms waiting until <what>` otherwise. */
export async function waitUntil(what: string, condition: () => boolean, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Resolves with `promise`, or throws `timed out after N ms waiting until <what>`. */
export async function within<T>(what: string, promise: Promise<T>, timeoutMs = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting until ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The emitter's next `event`, bounded. */
export function nextEvent(what: string, emitter: EventEmitter, event: string, timeoutMs = WAIT_MS): Promise<unknown[]> {
  return within(what, once(emitter, event), timeoutMs);
}
