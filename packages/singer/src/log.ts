// Logging on stderr with levels (LOG_LEVEL) and Singer METRIC lines (research/singer.md 1.12).
// stdout is protocol only, so nothing here ever writes to it.
import { redactor, type Redactor } from './redact.js';

export const LOG_LEVELS = ['debug', 'info', 'warning', 'error', 'critical'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Metric {
  readonly type: 'counter' | 'timer';
  readonly metric: string;
  readonly value: number;
  readonly tags?: { readonly [tag: string]: string | number | boolean | null };
}

export interface LineSink {
  write(line: string): unknown;
}

export class Logger {
  private readonly threshold: number;

  constructor(
    private readonly name: string,
    level: LogLevel = levelFromEnv(process.env.LOG_LEVEL),
    private readonly sink: LineSink = process.stderr,
    private readonly secrets: Redactor = redactor,
  ) {
    this.threshold = LOG_LEVELS.indexOf(level);
  }

  debug(message: string): void {
    this.log('debug', message);
  }

  info(message: string): void {
    this.log('info', message);
  }

  warning(message: string): void {
    this.log('warning', message);
  }

  error(message: string): void {
    this.log('error', message);
  }

  critical(message: string): void {
    this.log('critical', message);
  }

  /** `INFO METRIC: {...}`, the line format singer-python and the SDK print. */
  metric(metric: Metric): void {
    this.log('info', `METRIC: ${JSON.stringify(metric)}`);
  }

  enabled(level: LogLevel): boolean {
    return LOG_LEVELS.indexOf(level) >= this.threshold;
  }

  private log(level: LogLevel, message: string): void {
    if (!this.enabled(level)) return;
    const line = `${new Date().toISOString()} ${level.toUpperCase()} ${this.name}: ${message}`;
    this.sink.write(`${this.secrets.redact(line)}\n`);
  }
}

/** Reads LOG_LEVEL case-insensitively (Python names such as WARN and FATAL too); unknown values mean info. */
export function levelFromEnv(value: string | undefined): LogLevel {
  const wanted = (value ?? 'info').toLowerCase();
  if (wanted === 'warn') return 'warning';
  if (wanted === 'fatal') return 'critical';
  return (LOG_LEVELS as readonly string[]).includes(wanted) ? (wanted as LogLevel) : 'info';
}
