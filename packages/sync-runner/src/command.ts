// What runs as the tap and as the target: our own CLIs by default, or a user's command line (`--tap "..."`),
// which a shell parses as the user wrote it, with the runner's flags appended as separate words.
import { fileURLToPath } from 'node:url';

export interface Command {
  /** How messages name this side: `tap-kustomer`, or the user's command. */
  readonly label: string;
  readonly file: string;
  readonly args: readonly string[];
}

/** Our CLI of a workspace package: its compiled dist/cli.js, found from the package's resolved entry point. */
function ownCli(name: 'tap-kustomer' | 'target-synapse'): Command {
  const cli = fileURLToPath(new URL('./cli.js', import.meta.resolve(name)));
  return { label: name, file: process.execPath, args: [cli] };
}

function userCommand(side: 'tap' | 'target', text: string): Command {
  // "$@" expands to the runner's flags, each one word whatever it holds (paths with spaces included).
  return { label: `the ${side} (${text})`, file: '/bin/sh', args: ['-c', `${text} "$@"`, side] };
}

export function tapCommand(text: string | undefined): Command {
  return text === undefined ? ownCli('tap-kustomer') : userCommand('tap', text);
}

export function targetCommand(text: string | undefined): Command {
  return text === undefined ? ownCli('target-synapse') : userCommand('target', text);
}

export function withArgs(command: Command, args: readonly string[]): Command {
  return { ...command, args: [...command.args, ...args] };
}
