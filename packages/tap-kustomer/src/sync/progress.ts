// What a user watching stderr sees (issue 8 "Users can watch it"): a progress line per running stream every few
// seconds, Singer METRIC lines (research/singer.md 1.12: record_count counters, http_request_duration timers in
// seconds, tagged by endpoint and status as the SDK does), and a summary per stream at the end.
import type { Logger } from '@kustomer-synapse/singer';
import type { AttemptReport } from '../http/client.js';

/** "every few seconds"; TAP_KUSTOMER_PROGRESS_INTERVAL_MS changes it (tests use a short one). */
const DEFAULT_INTERVAL_MS = 5_000;

interface StreamCounts {
  records: number;
  reportedRecords: number;
  requests: number;
  bookmark?: string;
  readonly startedMs: number;
}

export class SyncProgress {
  private readonly streams = new Map<string, StreamCounts>();
  /** One progress timer per running stream: a search stream and a list or attachments stream run at once. */
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly intervalMs: number = intervalFromEnv(process.env.TAP_KUSTOMER_PROGRESS_INTERVAL_MS),
  ) {}

  /** For the client's onAttempt: one timer metric per HTTP attempt, counted against its stream. */
  readonly onAttempt = (attempt: AttemptReport): void => {
    const counts = this.streams.get(attempt.stream);
    if (counts !== undefined) counts.requests++;
    const ok = typeof attempt.status === 'number' && attempt.status < 400;
    this.logger.metric({
      type: 'timer',
      metric: 'http_request_duration',
      value: attempt.durationMs / 1000,
      tags: { endpoint: attempt.stream, http_status_code: attempt.status === 'network' ? null : attempt.status, status: ok ? 'succeeded' : 'failed' },
    });
  };

  start(stream: string): void {
    this.streams.set(stream, { records: 0, reportedRecords: 0, requests: 0, startedMs: this.now() });
    clearInterval(this.timers.get(stream));
    const timer = setInterval(() => this.report(stream), this.intervalMs);
    timer.unref();
    this.timers.set(stream, timer);
  }

  page(stream: string, records: number, bookmark: string | undefined): void {
    const counts = this.streams.get(stream);
    if (counts === undefined) return;
    counts.records += records;
    if (bookmark !== undefined) counts.bookmark = bookmark;
  }

  /** Ends the stream's progress lines; prints its last record_count and its summary. */
  finish(stream: string, outcome: 'done' | 'failed'): void {
    clearInterval(this.timers.get(stream));
    this.timers.delete(stream);
    const counts = this.streams.get(stream);
    if (counts === undefined) return;
    this.recordCount(stream, counts);
    const seconds = (this.now() - counts.startedMs) / 1000;
    this.logger.info(`stream ${stream} ${outcome}: ${counts.records} records in ${seconds.toFixed(1)} s (${rate(counts.records, seconds)} records/s), ${counts.requests} requests${bookmarkText(counts)}`);
  }

  private report(stream: string): void {
    const counts = this.streams.get(stream);
    if (counts === undefined) return;
    const seconds = (this.now() - counts.startedMs) / 1000;
    this.logger.info(`stream ${stream}: ${counts.records} records, ${rate(counts.records, seconds)} records/s, ${counts.requests} requests${bookmarkText(counts)}`);
    this.recordCount(stream, counts);
  }

  private recordCount(stream: string, counts: StreamCounts): void {
    const value = counts.records - counts.reportedRecords;
    counts.reportedRecords = counts.records;
    this.logger.metric({ type: 'counter', metric: 'record_count', value, tags: { endpoint: stream } });
  }
}

function rate(records: number, seconds: number): number {
  return seconds > 0 ? Math.round(records / seconds) : records;
}

function bookmarkText(counts: StreamCounts): string {
  return counts.bookmark === undefined ? '' : `, bookmark ${counts.bookmark}`;
}

function intervalFromEnv(value: string | undefined): number {
  const parsed = Number(value);
  return value !== undefined && Number.isInteger(parsed) && parsed > 0 ? parsed : DEFAULT_INTERVAL_MS;
}
