// The kustomer-synapse-sync command. A run prints nothing on stdout (only --help and --version do); logs go to stderr. SIGTERM or SIGINT stops the tap
// and the target (the target loads what it has and prints its last state, which is saved), and the runner then
// ends by the same signal, as shells and service managers expect; a second signal kills both sides at once.
import { constants } from 'node:os';
import { Logger, runMain } from '@kustomer-synapse/singer';
import { NAME, parseArgs, versionText } from './args.js';
import { tapCommand, targetCommand } from './command.js';
import { openConfigDir } from './config-dir.js';
import { LockBusyError } from './errors.js';
import { runOnce } from './run-once.js';
import { runScheduled } from './schedule.js';

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export async function main(argv: readonly string[]): Promise<void> {
  const log = new Logger(NAME);
  const stop = new AbortController();
  const kill = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received === undefined) {
      received = signal;
      log.info(`${signal} received: stopping the tap and the target; the state saved so far is kept`);
      stop.abort();
    } else {
      log.warning(`${signal} received again: killing the tap and the target`);
      kill.abort();
    }
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);

  await runMain(log, async () => {
    const invocation = await parseArgs(argv);
    if (invocation.kind === 'version') process.stdout.write(`${versionText()}\n`);
    if (invocation.kind !== 'run') return;
    const configDir = await openConfigDir(invocation.configDir);
    const run = () => runOnce({
      configDir, log, stop: stop.signal, kill: kill.signal,
      tap: tapCommand(invocation.tap), target: targetCommand(invocation.target),
    });
    try {
      await runScheduled({ every: invocation.every, run, log, stop: stop.signal });
    } catch (error) {
      if (!(error instanceof LockBusyError)) throw error;
      log.error(error.message);
      process.exitCode = error.exitCode;
    }
  });

  for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  if (received !== undefined) {
    // 128 + the signal's number is what a shell reports for it; it stands should another handler in this
    // process (an instrumenting --import) catch the signal below instead of letting it end the process.
    process.exitCode = 128 + constants.signals[received];
    process.kill(process.pid, received);
  }
}

await main(process.argv.slice(2));
