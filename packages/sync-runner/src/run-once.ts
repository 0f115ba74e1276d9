// One run: take the lock, run tap | target with the directory's files, save each state the target prints, and
// say which side failed. The lock is released however the run ends; a crash leaves it stale, and the next run
// takes it over.
import { parseJson, type Logger } from '@kustomer-synapse/singer';
import { withArgs, type Command } from './command.js';
import type { ConfigDir } from './config-dir.js';
import { RunFailedError } from './errors.js';
import { acquireLock } from './lock.js';
import { runPair } from './pipe.js';
import { describeExit, failed } from './side.js';
import { AtomicStateFile } from './state-file.js';

export interface RunOptions {
  readonly configDir: ConfigDir;
  readonly tap: Command;
  readonly target: Command;
  readonly log: Logger;
  readonly stop: AbortSignal;
  readonly kill: AbortSignal;
}

export interface RunOutcome {
  /** States saved to state.json in this run. */
  readonly states: number;
  readonly stopped: boolean;
}

export async function runOnce(options: RunOptions): Promise<RunOutcome> {
  const { configDir, log } = options;
  const lock = await acquireLock(configDir.dir, log);
  try {
    const started = Date.now();
    const state = new AtomicStateFile(configDir.dir);
    const tapArgs = await configDir.tapArgs();
    log.info(`run started: ${options.tap.label} | ${options.target.label} in ${configDir.dir} (${tapArgs.includes('--state') ? 'from state.json' : 'no state.json yet: a full sync'})`);
    const problems: string[] = [];
    const result = await runPair({
      tap: withArgs(options.tap, tapArgs),
      target: withArgs(options.target, configDir.targetArgs),
      onLine: (line, lineNumber) => {
        const problem = stateProblem(line);
        if (problem === undefined) state.write(line.trim());
        else if (problem !== '') problems.push(`${options.target.label} printed stdout line ${lineNumber}, which is not a Singer state (${problem}); it was not saved`);
      },
      stop: options.stop,
      kill: options.kill,
    });
    await state.flush().catch((error: unknown) => {
      throw new RunFailedError(`cannot write ${state.path} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the previous state is kept`, { cause: error });
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.stopped) {
      log.info(`run stopped after ${seconds} s; ${state.path} holds the last state the target committed (${state.written} saved in this run)`);
      return { states: state.written, stopped: true };
    }
    const failures = result.exits.filter(failed);
    if (failures.length > 0) throw new RunFailedError(failures.map(describeExit).join('; then '));
    if (problems.length > 0) throw new RunFailedError(problems.length === 1 ? problems[0]! : `${problems[0]!} (and ${problems.length - 1} more such lines)`);
    log.info(`run finished in ${seconds} s: ${state.written} states saved to ${state.path}`);
    return { states: state.written, stopped: false };
  } finally {
    await lock.release();
  }
}

/** undefined for a state; '' for a blank line (ignored); else what is wrong with the line. */
function stateProblem(line: string): string | undefined {
  if (line.trim() === '') return '';
  let value: unknown;
  try {
    value = parseJson(line);
  } catch {
    return 'not JSON';
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'not a JSON object';
}
