// The target-synapse command (DESIGN.md section 3): --config (repeatable, or ENV for TARGET_SYNAPSE_*
// variables), --input FILE (default stdin), --about [--format json|markdown], --version. A user error is
// one line on stderr and exit code 1; stdout carries state lines only.
import { access, constants } from 'node:fs/promises';
import { InputError, Logger, openInput, parseTargetArgs, runMain } from '@kustomer-synapse/singer';
import { PLUGIN } from './config/plugin.js';
import { toTargetConfig } from './config/target-config.js';
import { runTarget } from './target.js';

export async function main(argv: readonly string[]): Promise<void> {
  const log = new Logger(PLUGIN.name);
  await runMain(log, async () => {
    const invocation = await parseTargetArgs(PLUGIN, argv);
    if (invocation.kind !== 'load') {
      process.stdout.write(`${invocation.text}\n`);
      return;
    }
    const config = toTargetConfig(invocation.config, log);
    if (invocation.input !== undefined) await requireReadable(invocation.input);
    await runTarget({ config, input: openInput(invocation.input), log });
  });
}

async function requireReadable(path: string): Promise<void> {
  try {
    await access(path, constants.R_OK);
  } catch (error) {
    throw new InputError(`cannot read input file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the --input path`);
  }
}

await main(process.argv.slice(2));
