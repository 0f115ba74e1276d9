// `--every` durations: one or more <number><unit> parts, as systemd and Go write them (30s, 15m, 1h30m, 500ms).
import { ConfigError } from '@kustomer-synapse/singer';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PART = /(\d+)(ms|s|m|h|d)/gy;

/** Milliseconds of a duration such as `15m`; a ConfigError naming the flag for anything else. */
export function parseInterval(text: string, flag = '--every'): number {
  const problem = new ConfigError(`${flag} ${JSON.stringify(text)} is not a duration; write it like 30s, 15m, 1h or 1h30m`);
  let total = 0;
  let at = 0;
  PART.lastIndex = 0;
  for (let match = PART.exec(text); match !== null; match = PART.exec(text)) {
    total += Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
    at = PART.lastIndex;
  }
  if (text === '' || at !== text.length || total <= 0) throw problem;
  return total;
}
