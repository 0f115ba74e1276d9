// `tap | target` as two processes joined by an OS pipe that the runner does not sit in: the target's stdin is
// the tap's stdout itself. The runner reads only the target's stdout (state lines) and both stderr streams.
import { createInterface } from 'node:readline';
import type { Command } from './command.js';
import { Side, failed, type Exit } from './side.js';

export interface PairOptions {
  readonly tap: Command;
  readonly target: Command;
  /** Each stdout line of the target, in order, as it arrives. */
  onLine(line: string, lineNumber: number): void;
  /** Aborted: stop both sides (SIGTERM); the target loads what it has and prints its last state. */
  readonly stop: AbortSignal;
  /** Aborted: kill both sides at once (SIGKILL), for a second Ctrl-C. */
  readonly kill: AbortSignal;
}

export interface PairResult {
  /** Both exits, the first to end first. */
  readonly exits: readonly [Exit, Exit];
  readonly stopped: boolean;
}

export async function runPair(options: PairOptions): Promise<PairResult> {
  const tap = new Side(options.tap, ['ignore', 'pipe', 'pipe']);
  const target = new Side(options.target, [tap.child.stdout ?? 'ignore', 'pipe', 'pipe']);
  // The target holds its own copy of the pipe's read end; ours would keep the pipe open after the target dies
  // and leave the tap blocked on a full pipe instead of failing with EPIPE.
  tap.child.stdout?.destroy();
  const sides = [tap, target];
  const stopAll = (signal: NodeJS.Signals) => () => sides.forEach((side) => side.kill(signal));
  const onStop = stopAll('SIGTERM');
  const onKill = stopAll('SIGKILL');
  options.stop.addEventListener('abort', onStop, { once: true });
  options.kill.addEventListener('abort', onKill, { once: true });
  try {
    let lineNumber = 0;
    const lines = target.child.stdout === null ? undefined : createInterface({ input: target.child.stdout, crlfDelay: Infinity });
    lines?.on('line', (line) => options.onLine(line, (lineNumber += 1)));
    const order: Exit[] = [];
    const ended = [tap, target].map((side) => side.closed.then((exit) => {
      order.push(exit);
      // A failed target reads nothing more: stop the tap rather than let it run into a closed pipe.
      if (side === target && failed(exit)) tap.kill('SIGTERM');
      return exit;
    }));
    await Promise.all(ended);
    return { exits: [order[0]!, order[1]!], stopped: options.stop.aborted };
  } finally {
    options.stop.removeEventListener('abort', onStop);
    options.kill.removeEventListener('abort', onKill);
  }
}
