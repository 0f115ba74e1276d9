#!/usr/bin/env node
/** `kustomer-sim`: starts the simulator and prints where it listens. */
import { USAGE, parseCli } from './cli-args.js';
import { start } from './sim.js';

async function main(): Promise<void> {
  let command;
  try {
    command = parseCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`kustomer-sim: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (command.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const began = performance.now();
  const sim = await start(command.options);
  process.stderr.write(`kustomer-sim: listening on ${sim.url} (started in ${Math.round(performance.now() - began)} ms)\n`);
  process.stdout.write(`${JSON.stringify({ url: sim.url, port: sim.port, token: sim.apiToken })}\n`);
  const stop = (): void => {
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
