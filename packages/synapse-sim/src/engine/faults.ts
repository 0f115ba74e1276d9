// The engine's fault knobs (contract.ts FaultSettings; STYLE.md 13): statement counting across sessions,
// connection drops, seeded transient errors, a drop during the Nth COPY INTO, and latency for chosen statements.
import { ConnectionDropFault, type FaultSettings, type SqlServerError } from '../contract.js';
import { SERVICE_BUSY, serviceBusy } from '../errors.js';

/** mulberry32: a small seeded PRNG so a failing run replays exactly. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the knobs decided for one statement as it starts. */
export interface StatementFaults {
  /** A transient error to report instead of running the statement. */
  readonly error?: SqlServerError;
  /** Run the statement, then drop the connection before its reply (`dropConnectionAfterStatement`). */
  readonly dropAfterRun: boolean;
}

const NO_FAULTS: StatementFaults = { dropAfterRun: false };

export class FaultInjector {
  private statements = 0;
  private copies = 0;
  private readonly random: () => number;

  constructor(private readonly settings: FaultSettings = {}) {
    this.random = mulberry32(settings.seed ?? 1);
  }

  get statementCount(): number {
    return this.statements;
  }

  /**
   * Called as each statement starts, with its text: throws ConnectionDropFault, or says whether to report a
   * transient error instead of running it, or to drop the connection once it ran. A statement outside
   * `faultStatementPattern` is neither counted nor faulted.
   */
  startStatement(text: string): StatementFaults {
    const pattern = this.settings.faultStatementPattern;
    if (pattern !== undefined) {
      pattern.lastIndex = 0;
      if (!pattern.test(text)) return NO_FAULTS;
    }
    this.statements++;
    if (this.settings.dropConnectionAtStatement === this.statements) {
      throw new ConnectionDropFault(`at statement ${this.statements}`);
    }
    const dropAfterRun = this.settings.dropConnectionAfterStatement === this.statements;
    const rate = this.settings.transientErrorRate ?? 0;
    if (rate > 0 && this.random() < rate) {
      const n = this.settings.transientErrorNumber ?? SERVICE_BUSY;
      return { error: serviceBusy(n, `00000000-0000-0000-0000-${String(this.statements).padStart(12, '0')}`), dropAfterRun };
    }
    return { dropAfterRun };
  }

  /** How long a statement with this text waits before it runs (the latency knob); 0 for none. */
  delayFor(text: string): number {
    const ms = this.settings.slowStatementMs ?? 0;
    const pattern = this.settings.slowStatementPattern;
    if (ms <= 0) return 0;
    if (pattern === undefined) return ms;
    pattern.lastIndex = 0;
    return pattern.test(text) ? ms : 0;
  }

  /** Called as a COPY INTO starts; returns its ordinal. */
  startCopy(): number {
    this.copies++;
    return this.copies;
  }

  /** Called by CopyIntoHost.beforeCopyCommit for the copy with this ordinal. */
  beforeCopyCommit(copy: number): void {
    if (this.settings.dropConnectionDuringCopy === copy) throw new ConnectionDropFault(`during COPY INTO ${copy}`);
  }
}
