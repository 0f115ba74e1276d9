// The command line: `kustomer-synapse-sync --config-dir DIR [--every 15m] [--tap CMD] [--target CMD]`.
import { createRequire } from 'node:module';
import { ConfigError } from '@kustomer-synapse/singer';
import yargs from 'yargs';
import { parseInterval } from './interval.js';

export const NAME = 'kustomer-synapse-sync';
const manifest = createRequire(import.meta.url)('../package.json') as { readonly version: string };

export type Invocation =
  | { readonly kind: 'help' | 'version' }
  | { readonly kind: 'run'; readonly configDir: string; readonly every?: number; readonly tap?: string; readonly target?: string };

export const versionText = (): string => `${NAME} v${manifest.version}`;

export async function parseArgs(argv: readonly string[]): Promise<Invocation> {
  const args = await yargs([...argv])
    .scriptName(NAME)
    .usage(`${NAME} --config-dir DIR [--every 15m] [--tap CMD] [--target CMD]\n\n`
      + 'Runs tap-kustomer | target-synapse with DIR/tap.json, DIR/target.json, DIR/catalog.json (optional) and '
      + 'DIR/state.json, saving each state the target prints to DIR/state.json atomically. One run at a time per DIR '
      + '(lock file DIR/sync.lock; exit code 75 when another run holds it).')
    .version(false) // ours prints "<name> v<version>" like the tap and the target
    .option('config-dir', { type: 'string', description: 'Directory holding tap.json, target.json, catalog.json and state.json' })
    .option('every', { type: 'string', description: 'Run again every interval (30s, 15m, 1h, 1h30m) until SIGTERM or SIGINT; once without it' })
    .option('tap', { type: 'string', description: 'Tap command line instead of tap-kustomer (the runner appends --config, --catalog, --state)' })
    .option('target', { type: 'string', description: 'Target command line instead of target-synapse (the runner appends --config)' })
    .option('version', { type: 'boolean', description: 'Print the version' })
    .strict()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new ConfigError(`${message}; run ${NAME} --help for usage`);
    })
    .parseAsync();
  if (args.help === true) return { kind: 'help' };
  if (args.version === true) return { kind: 'version' };
  const configDir = args['config-dir'];
  if (configDir === undefined || configDir === '') throw new ConfigError(`--config-dir DIR is required; run ${NAME} --help for usage`);
  return {
    kind: 'run', configDir,
    ...(args.every === undefined ? {} : { every: parseInterval(args.every) }),
    ...(args.tap === undefined ? {} : { tap: nonEmpty(args.tap, '--tap') }),
    ...(args.target === undefined ? {} : { target: nonEmpty(args.target, '--target') }),
  };
}

function nonEmpty(text: string, flag: string): string {
  if (text.trim() === '') throw new ConfigError(`${flag} needs a command line`);
  return text;
}
