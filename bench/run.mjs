// Runs every benchmark in bench/ one after another; each prints its own figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
for (const name of readdirSync(here).filter((file) => file.endsWith('.mjs') && file !== 'run.mjs').sort()) {
  if (only && !name.includes(only)) continue;
  console.log(`\n== ${name}`);
  const result = spawnSync(process.execPath, [join(here, name)], { stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = 1;
}
