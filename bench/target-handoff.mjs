// Launcher for bench/target-handoff.ts (TypeScript: it shares target-throughput's input generator), so bench/run.mjs runs it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./target-handoff.ts', import.meta.url));
const result = spawnSync(process.execPath, ['--import', '@tapjs/typescript/import', script, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
