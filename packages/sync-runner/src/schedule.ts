// Once, or every interval until stopped. Runs never overlap: the next starts one interval after the previous
// started, or at once when a run took longer than the interval (missed starts are not made up, as systemd timers
// do). In a loop a failed run is logged and the next one resumes from the last saved state.
import { UserError, type Logger } from '@kustomer-synapse/singer';
import { LockBusyError } from './errors.js';
import type { RunOutcome } from './run-once.js';

export interface ScheduleOptions {
  /** Milliseconds between starts; undefined runs once. */
  readonly every: number | undefined;
  readonly run: () => Promise<RunOutcome>;
  readonly log: Logger;
  readonly stop: AbortSignal;
}

export async function runScheduled(options: ScheduleOptions): Promise<void> {
  const { every, log, stop } = options;
  if (every === undefined) {
    await options.run();
    return;
  }
  for (let round = 1; !stop.aborted; round += 1) {
    const started = Date.now();
    try {
      await options.run();
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      if (error instanceof LockBusyError) log.warning(`run ${round} skipped: ${error.message}`);
      else log.error(`run ${round} failed: ${error.message}; the next run resumes from the last saved state`);
    }
    if (stop.aborted) break;
    const next = Math.max(Date.now(), started + every);
    log.info(`next run at ${new Date(next).toISOString()}`);
    await sleep(next - Date.now(), stop);
  }
}

function sleep(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    stop.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      resolve();
    }
  });
}
