// tedious 19.2.2 leaves one promise rejection unhandled whenever a server closes the connection while a
// request is outstanding: its SentClientRequest state re-dispatches the socket error after moving to
// Final ("No event 'socketError' in state 'Final'"). The request itself still fails cleanly. Tests that
// drop connections tolerate exactly that rejection and pass any other on.
import type { Test } from 'tap';

export const TEDIOUS_DROP_REJECTION = "No event 'socketError' in state 'Final'";

/** Returns the tolerated rejections seen so far (filled as they happen). */
export function tolerateTediousDropRejection(t: Test): readonly string[] {
  const seen: string[] = [];
  const saved = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  const filter = (reason: unknown, promise: Promise<unknown>): void => {
    if (reason instanceof Error && reason.message === TEDIOUS_DROP_REJECTION) {
      seen.push(reason.message);
      return;
    }
    for (const listener of saved) listener(reason, promise);
  };
  process.on('unhandledRejection', filter);
  t.teardown(() => {
    process.off('unhandledRejection', filter);
    for (const listener of saved) process.on('unhandledRejection', listener);
  });
  return seen;
}
