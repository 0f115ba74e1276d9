// `npm run demo` on a fresh clone: `npm ci` compiles through the prepare script, but `npm ci --ignore-scripts`
// (or a clean) leaves no dist/, and the stand-ins and both bins run compiled code. Build once when that is so.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const PACKAGES = ['singer', 'kustomer-sim', 'synapse-sim', 'tap-kustomer', 'target-synapse'];

/** @param {string} root the repository root */
export function missingBuilds(root) {
  return PACKAGES.filter((name) => !existsSync(join(root, 'packages', name, 'dist', 'index.js')));
}

/** @param {string} root @param {(line: string) => void} say */
export async function ensureBuilt(root, say) {
  if (!existsSync(join(root, 'node_modules'))) throw new Error('node_modules is missing; run `npm ci` first');
  const missing = missingBuilds(root);
  if (missing.length === 0) return;
  say(`not built yet (${missing.join(', ')}): running npm run prepare first (generate + tsc -b)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // The build's own output is not the demo's: it goes to stderr, keeping stdout for the demo's tables.
  const child = spawn(npm, ['run', 'prepare'], { cwd: root, stdio: ['ignore', 2, 2] });
  const code = await new Promise((resolve, reject) => child.once('error', reject).once('close', resolve));
  if (code !== 0) throw new Error(`npm run prepare failed (exit ${code}); see its output above`);
}
