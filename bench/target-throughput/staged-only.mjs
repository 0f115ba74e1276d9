// Issue 10 (a) as a program: the real target (packages/target-synapse dist) on the benchmark input with a loader
// that commits at once, so what is measured is reading, parsing, planning, CSV and gzip files: no warehouse.
// Usage: node staged-only.mjs INPUT  -> prints one JSON line {records, seconds, peakRssMb} on stdout.
import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { Logger, validateConfig } from '@kustomer-synapse/singer';
import { PLUGIN, REAL_DEPENDENCIES, runTarget, toTargetConfig } from 'target-synapse';

const [input] = process.argv.slice(2);
let records = 0;
const loader = {
  describe: async () => new Map(),
  apply: async () => undefined,
  load: async (batch) => {
    records += batch.records;
    return { rowsLoaded: batch.records, milliseconds: 0 };
  },
  activateVersion: async () => undefined,
  close: async () => undefined,
};
const log = new Logger('target-synapse', 'warning');
const config = toTargetConfig(validateConfig({
  host: '127.0.0.1', database: 'dw', user: 'bench', password: 'bench', storage_account: 'devstoreaccount1',
  container: 'staging', storage_account_key: 'bench', default_target_schema: 'bench',
}, PLUGIN.settings, PLUGIN.envPrefix), log);
const started = performance.now();
await runTarget({
  config, log, input: createReadStream(input), output: new Writable({ write: (_chunk, _encoding, done) => done() }),
  dependencies: { ...REAL_DEPENDENCIES, createLoader: async () => loader },
});
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ records, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
