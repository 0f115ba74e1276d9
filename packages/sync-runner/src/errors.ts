// The runner's own failures, each one line for the user. Exit codes: 1 for a failed run or a user mistake,
// 75 (EX_TEMPFAIL in sysexits.h: "try again later") when another run holds the lock.
import { UserError } from '@kustomer-synapse/singer';

export const EXIT_FAILED = 1;
export const EXIT_LOCKED = 75;

/** Another run of the same config directory is under way. */
export class LockBusyError extends UserError {
  readonly kind = 'input';
  readonly exitCode = EXIT_LOCKED;
  constructor(lockFile: string, pid: number | undefined) {
    const holder = pid === undefined ? '' : ` (pid ${pid} is alive)`;
    super(`another run holds ${lockFile}${holder}; this run did nothing. If no runner is running, delete the file`);
    this.name = 'LockBusyError';
  }
}

/** The tap or the target failed, or the target printed something that is not a state. */
export class RunFailedError extends UserError {
  readonly kind = 'input';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RunFailedError';
  }
}
