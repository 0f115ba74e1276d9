/**
 * A throwaway Meltano project made from the repository's meltano.yml: the same file (optionally edited by the
 * test), with node_modules linked beside it so that its `node_modules/.bin/...` executables resolve as they do
 * in a clone. Settings come in as environment variables, as a user would pass secrets.
 */
import type { Test } from 'tap';
import { chmod, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import { pinnedVenv, readPins, REPO_ROOT, type RunResult, type Venv, type VenvResult } from '../support/python-venv.js';
import { RUN_TIMEOUT_MS, tempDir } from './pipe.js';

const PINS = join(REPO_ROOT, 'test/ecosystem/requirements/meltano.txt');
// The console script's shebang names the scratch folder the venv was built in, so run it through bin/python.
const MELTANO_MAIN = 'import sys; from meltano.cli import main; sys.exit(main())';

export const meltanoVenv = async (): Promise<VenvResult> => pinnedVenv('meltano', await readPins(PINS));

/** `<PLUGIN>_<SETTING>` variables, the names Meltano reads a plugin's settings from. */
export function settingsEnv(plugin: string, settings: Readonly<Record<string, string | number | boolean>>): Record<string, string> {
  const prefix = plugin.toUpperCase().replaceAll('-', '_');
  return Object.fromEntries(Object.entries(settings).map(([name, value]) => [`${prefix}_${name.toUpperCase()}`, String(value)]));
}

/**
 * An executable for Meltano to run a Python program of a pinned venv: the venv's console scripts name the folder
 * the venv was built in, so this runs `main` (Python source) through the venv's python instead.
 */
export async function venvExecutable(dir: string, name: string, venv: Venv, main: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\nexec '${venv.python}' -c '${main}' "$@"\n`);
  await chmod(path, 0o755);
  return path;
}

export interface MeltanoProject {
  readonly dir: string;
  run(args: readonly string[]): Promise<RunResult>;
}

export async function meltanoProject(
  t: Test,
  venv: Venv,
  env: Readonly<Record<string, string>>,
  edit: (document: Document) => void = () => undefined,
): Promise<MeltanoProject> {
  const dir = await tempDir(t, 'meltano-project-');
  const document = parseDocument(await readFile(join(REPO_ROOT, 'meltano.yml'), 'utf8'));
  edit(document);
  await writeFile(join(dir, 'meltano.yml'), document.toString());
  await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  return {
    dir,
    run: (args) =>
      venv.run(['-c', MELTANO_MAIN, ...args], {
        cwd: dir,
        timeoutMs: RUN_TIMEOUT_MS,
        env: { ...env, MELTANO_SEND_ANONYMOUS_USAGE_STATS: 'false', NO_COLOR: '1' },
      }),
  };
}
