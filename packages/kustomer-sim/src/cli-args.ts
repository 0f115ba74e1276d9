/** The `kustomer-sim` command line, parsed to SimOptions (a pure function, tested without a process). */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FAULT_KINDS, parseFaultScript, type FaultKind } from './http/faults.js';
import type { LatencyRange, SimOptions } from './options.js';

export const USAGE = `kustomer-sim: a local Kustomer REST API simulator

Usage: kustomer-sim [options]
  --seed <n|text>          data seed (default 1)
  --scale <n>              number of conversations; other objects are proportional (default 100)
  --port <n>               port on 127.0.0.1; 0 picks a free one (default 0)
  --token <text>           the API token holding every role (default kustomer-sim-token)
  --org-rpm <n>            org requests per minute (default 1000)
  --search-rpm <n>         search requests per minute (default 100)
  --reset-format <f>       x-ratelimit-reset as epoch-seconds (default) or delta-seconds
  --retry-after            add Retry-After to 429 responses
  --latency-ms <n|a-b>     delay every response by n ms, or a seeded draw in [a, b]
  --fault-rate <p>         probability in [0, 1] that a request fails
  --fault-kinds <list>     comma-separated kinds drawn from: ${FAULT_KINDS.join(', ')}
  --fault-seed <n>         seed of the fault draws (default: derived from --seed)
  --fault-script <rules>   scripted faults, or @file; e.g. "POST /v1/customers/search #3 502; GET /v1/users x2 reset"
  --slow-ms <n>            delay of a slow fault (default 30000)
  --now <iso|wall>         initial sim clock (default 2026-01-01T00:00:00.000Z)
  --frozen-clock           the clock moves only through POST /__sim/clock
  --no-request-log         keep no request log (long runs)
  --help                   this text

Prints one JSON line {"url","port","token"} on stdout when ready; stops on SIGINT or SIGTERM.`;

export type CliCommand = { readonly help: true } | { readonly help: false; readonly options: SimOptions };

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new RangeError(`--${name} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

function latency(value: string | undefined): number | LatencyRange | undefined {
  if (value === undefined) return undefined;
  const range = /^(\d+)-(\d+)$/.exec(value);
  if (range !== null) return { min: Number(range[1]), max: Number(range[2]) };
  return integer('latency-ms', value);
}

function faultKinds(value: string | undefined): readonly FaultKind[] | undefined {
  if (value === undefined) return undefined;
  const kinds = value.split(',').map((kind) => kind.trim());
  for (const kind of kinds) if (!(FAULT_KINDS as readonly string[]).includes(kind)) throw new RangeError(`unknown fault kind "${kind}"`);
  return kinds as FaultKind[];
}

export function parseCli(argv: readonly string[]): CliCommand {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      seed: { type: 'string' },
      scale: { type: 'string' },
      port: { type: 'string' },
      token: { type: 'string' },
      'org-rpm': { type: 'string' },
      'search-rpm': { type: 'string' },
      'reset-format': { type: 'string' },
      'retry-after': { type: 'boolean' },
      'latency-ms': { type: 'string' },
      'fault-rate': { type: 'string' },
      'fault-kinds': { type: 'string' },
      'fault-seed': { type: 'string' },
      'fault-script': { type: 'string' },
      'slow-ms': { type: 'string' },
      now: { type: 'string' },
      'frozen-clock': { type: 'boolean' },
      'no-request-log': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) return { help: true };
  const resetFormat = values['reset-format'];
  if (resetFormat !== undefined && resetFormat !== 'epoch-seconds' && resetFormat !== 'delta-seconds') {
    throw new RangeError('--reset-format must be epoch-seconds or delta-seconds');
  }
  const rate = values['fault-rate'] === undefined ? undefined : Number(values['fault-rate']);
  if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new RangeError('--fault-rate must be a number in [0, 1]');
  const scriptText = values['fault-script'];
  const script = scriptText === undefined ? undefined : parseFaultScript(scriptText.startsWith('@') ? readFileSync(scriptText.slice(1), 'utf8') : scriptText);
  const seedText = values.seed;
  const options: SimOptions = {
    seed: seedText === undefined ? undefined : /^\d+$/.test(seedText) ? Number(seedText) : seedText,
    scale: integer('scale', values.scale),
    port: integer('port', values.port),
    apiToken: values.token,
    rateLimits: {
      orgPerMinute: integer('org-rpm', values['org-rpm']),
      searchPerMinute: integer('search-rpm', values['search-rpm']),
      resetFormat,
      retryAfter: values['retry-after'],
    },
    latencyMs: latency(values['latency-ms']),
    faults: {
      probability: rate,
      kinds: faultKinds(values['fault-kinds']),
      seed: integer('fault-seed', values['fault-seed']),
      script,
      slowMs: integer('slow-ms', values['slow-ms']),
    },
    now: values.now,
    frozenClock: values['frozen-clock'],
    requestLog: values['no-request-log'] === true ? false : undefined,
  };
  return { help: false, options };
}
