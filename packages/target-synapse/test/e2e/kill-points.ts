// Where the crash test kills the target, and where each kill landed. A kill point is a seeded phase, the
// occurrence of that phase's log line (or stdout line) to wait for, and a delay inside the window synapse-sim's
// latency knob holds the statement open. Where it landed is read back from the run's own debug log and stdout,
// in the order they arrived.
import { seeded } from './crash-input.js';

export const PHASES = ['read', 'upload', 'copy', 'transaction', 'commit', 'after-commit', 'state', 'rebuild'] as const;
export type Phase = (typeof PHASES)[number];

/** Statements synapse-sim slows down by SLOW_MS, so a kill can land inside them. */
export const SLOW_STATEMENTS = /^\s*(COPY|DELETE|COMMIT|RENAME)\b/i;
export const SLOW_MS = 30;

/** The line each phase waits for (the debug log on stderr, or a state line on stdout). */
export const TRIGGERS: Readonly<Record<Exclude<Phase, 'read'>, { readonly stream: 'stderr' | 'stdout'; readonly pattern: RegExp }>> = {
  upload: { stream: 'stderr', pattern: /: upload started$/ },
  copy: { stream: 'stderr', pattern: /DEBUG target-synapse: SQL: COPY INTO / },
  transaction: { stream: 'stderr', pattern: /DEBUG target-synapse: SQL: DELETE / },
  commit: { stream: 'stderr', pattern: /DEBUG target-synapse: SQL: COMMIT/ },
  'after-commit': { stream: 'stderr', pattern: /: upsert transaction took \d+ ms$/ },
  state: { stream: 'stdout', pattern: /^\{/ },
  rebuild: { stream: 'stderr', pattern: /DEBUG target-synapse: SQL: RENAME OBJECT / },
};

export interface KillPlan {
  readonly phase: Phase;
  /** Kill after this many input chunks (read) or at this occurrence of the trigger line (1-based). */
  readonly occurrence: number;
  readonly delayMs: number;
}

/** Kill point `k`: phases in turn, so every phase gets its share; occurrence and delay seeded. */
export function killPlan(k: number, counts: Readonly<Record<Phase, number>>): KillPlan {
  const random = seeded(1000 + k);
  const phase = PHASES[k % PHASES.length]!;
  const occurrence = 1 + Math.floor(random() * Math.max(1, counts[phase]));
  const window = phase === 'copy' || phase === 'transaction' || phase === 'commit' || phase === 'rebuild' ? SLOW_MS / 2 : 3;
  return { phase, occurrence, delayMs: phase === 'read' ? 0 : Math.floor(random() * window) };
}

export interface Event {
  readonly stream: 'stderr' | 'stdout';
  readonly line: string;
}

const LANDMARKS: readonly (readonly [RegExp, string])[] = [
  [/: upload started$/, 'mid-upload'],
  [/: upload took/, 'after upload'],
  [/SQL: (CREATE TABLE \[#|DROP TABLE IF EXISTS \[#)/, 'staging DDL'],
  [/SQL: COPY INTO/, 'mid-COPY'],
  [/SQL: BEGIN/, 'in transaction'],
  [/SQL: (DELETE|INSERT INTO \[[^#])/, 'in transaction'],
  [/SQL: COMMIT/, 'at COMMIT'],
  [/: upsert transaction took/, 'right after COMMIT'],
  [/__sdc_rebuild|__sdc_old/, 'mid-rebuild'],
];

/** Where the kill landed: the last landmark before it; `printing state` when a state line came last. */
export function landedIn(events: readonly Event[], inputDone: boolean): string {
  let place = 'mid-read (before any load)';
  for (const { stream, line } of events) {
    if (stream === 'stdout') {
      place = 'printing state';
      continue;
    }
    const mark = LANDMARKS.find(([pattern]) => pattern.test(line));
    if (mark !== undefined) place = mark[1];
  }
  return inputDone || place.startsWith('mid-read') ? place : `${place}, input still arriving`;
}
