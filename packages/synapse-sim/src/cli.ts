#!/usr/bin/env node
// synapse-sim: runs the simulator until SIGINT/SIGTERM. Prints one line on stdout once listening;
// errors go to stderr with a non-zero exit.
import { parseArgs } from 'node:util';
import type { FaultSettings } from './contract.js';
import { DEFAULT_HOST, startSynapseSim } from './server.js';

const USAGE = `usage: synapse-sim --user NAME --password SECRET [--database dw] [--host ${DEFAULT_HOST}] [--port 0]
                   [--database-file FILE] [--blob-endpoint URL]
                   [--drop-at-statement N] [--drop-after-statement N] [--drop-during-copy N] [--transient-error-rate P]
                   [--transient-error-number N] [--seed N] [--fault-statements REGEX]
                   [--slow-statement-ms MS] [--slow-statements REGEX]
--fault-statements restricts the fault knobs to statements matching REGEX (case-insensitive), e.g. '^\\s*COMMIT'.
--slow-statement-ms delays each statement matching --slow-statements (default: every statement), e.g. '^\\s*COPY'.
The password may come from SYNAPSE_SIM_PASSWORD instead of --password.`;
const DEFAULT_DATABASE = 'dw';

class UsageError extends Error {}

function numberOption(values: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const parsed = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(parsed)) throw new UsageError(`--${name} must be a number`);
  return parsed;
}

function patternOption(values: Readonly<Record<string, unknown>>, name: string): RegExp | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  try {
    return new RegExp(String(raw), 'i');
  } catch {
    throw new UsageError(`--${name} must be a regular expression`);
  }
}

function faultSettings(values: Readonly<Record<string, unknown>>): FaultSettings | undefined {
  const entries = Object.entries({
    seed: numberOption(values, 'seed'),
    dropConnectionAtStatement: numberOption(values, 'drop-at-statement'),
    dropConnectionAfterStatement: numberOption(values, 'drop-after-statement'),
    dropConnectionDuringCopy: numberOption(values, 'drop-during-copy'),
    transientErrorRate: numberOption(values, 'transient-error-rate'),
    transientErrorNumber: numberOption(values, 'transient-error-number'),
    faultStatementPattern: patternOption(values, 'fault-statements'),
    slowStatementMs: numberOption(values, 'slow-statement-ms'),
    slowStatementPattern: patternOption(values, 'slow-statements'),
  }).filter(([, value]) => value !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as FaultSettings);
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      database: { type: 'string' },
      'database-file': { type: 'string' },
      'blob-endpoint': { type: 'string' },
      'drop-at-statement': { type: 'string' },
      'drop-after-statement': { type: 'string' },
      'drop-during-copy': { type: 'string' },
      'transient-error-rate': { type: 'string' },
      'transient-error-number': { type: 'string' },
      seed: { type: 'string' },
      'fault-statements': { type: 'string' },
      'slow-statement-ms': { type: 'string' },
      'slow-statements': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  const password = values.password ?? process.env['SYNAPSE_SIM_PASSWORD'];
  if (values.user === undefined || password === undefined) throw new UsageError('--user and --password are required');
  const faults = faultSettings(values);
  const blobEndpoint = values['blob-endpoint'];
  const sim = await startSynapseSim({
    host: values.host ?? DEFAULT_HOST,
    port: numberOption(values, 'port') ?? 0,
    user: values.user,
    password,
    database: values.database ?? DEFAULT_DATABASE,
    ...(values['database-file'] === undefined ? {} : { databaseFile: values['database-file'] }),
    ...(faults === undefined ? {} : { faults }),
    ...(blobEndpoint === undefined ? {} : { blobStore: { blobEndpoint } }),
  });
  process.stdout.write(`synapse-sim listening on ${sim.host}:${sim.port}\n`);
  const shutdown = (): void => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
  process.stderr.write(`synapse-sim: ${error instanceof Error ? error.message : String(error)}\n${usage ? `${USAGE}\n` : ''}`);
  process.exit(usage ? 2 : 1);
});
