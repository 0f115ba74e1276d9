// `npm run demo`: the whole pipe, tap-kustomer | target-synapse, against the local stand-ins (kustomer-sim,
// Azurite, synapse-sim), twice: the whole org, then an incremental sync after updates. Progress and logs on
// stderr, the summaries on stdout. Ctrl-C stops everything it started. Env: DEMO_SCALE, DEMO_DIR.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './demo/build.mjs';
import { readDemoSettings } from './demo/settings.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const say = (line) => process.stderr.write(`demo: ${line}\n`);
const print = (text) => process.stdout.write(`${text}\n`);

const controller = new AbortController();
/** Children still running: killed outright if the demo has to exit before they stop. */
const children = new Set();
const onSignal = (signal) => {
  if (controller.signal.aborted) {
    say(`${signal} again: killing what is left`);
    process.exit(130);
  }
  say(`${signal}: stopping the sync and the stand-ins`);
  controller.abort();
};
process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
process.once('exit', () => {
  for (const pid of children) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
});

try {
  const settings = readDemoSettings(process.env, root);
  await ensureBuilt(root, say);
  const { runDemo, DemoInterrupted } = await import('./demo/run.mjs');
  try {
    await runDemo({
      root, settings, signal: controller.signal, say, print,
      onSpawn: (pid) => children.add(pid),
    });
    children.clear();
  } catch (error) {
    if (error instanceof DemoInterrupted || controller.signal.aborted) {
      say('stopped');
      process.exitCode = 130;
    } else throw error;
  }
} catch (error) {
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
