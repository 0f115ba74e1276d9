// The config directory's layout: tap.json and target.json (required), catalog.json (optional: without it the tap
// syncs every stream), state.json (optional: written by the runner, absent before the first run).
import { access, constants, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError } from '@kustomer-synapse/singer';
import { STATE_FILE } from './state-file.js';

export const TAP_CONFIG = 'tap.json';
export const TARGET_CONFIG = 'target.json';
export const CATALOG = 'catalog.json';

export interface ConfigDir {
  readonly dir: string;
  /** The tap's flags for this run: --config, --catalog when there is one, --state once a run has written it. */
  tapArgs(): Promise<readonly string[]>;
  readonly targetArgs: readonly string[];
}

/** Checks the directory and its required files once, so a mistake is one line before anything starts. */
export async function openConfigDir(path: string): Promise<ConfigDir> {
  const dir = resolve(path);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new ConfigError(`--config-dir ${path} is not a directory; create it with ${TAP_CONFIG} and ${TARGET_CONFIG} inside`);
  for (const name of [TAP_CONFIG, TARGET_CONFIG]) {
    if (!(await readable(join(dir, name)))) throw new ConfigError(`${join(dir, name)} is missing or unreadable; the runner needs ${TAP_CONFIG} and ${TARGET_CONFIG} in --config-dir`);
  }
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new ConfigError(`--config-dir ${dir} is not writable; the runner writes ${STATE_FILE} and its lock there`);
  }
  return {
    dir,
    targetArgs: ['--config', join(dir, TARGET_CONFIG)],
    async tapArgs() {
      const args = ['--config', join(dir, TAP_CONFIG)];
      if (await readable(join(dir, CATALOG))) args.push('--catalog', join(dir, CATALOG));
      if (await readable(join(dir, STATE_FILE))) args.push('--state', join(dir, STATE_FILE));
      return args;
    },
  };
}

async function readable(path: string): Promise<boolean> {
  try {
    await access(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
