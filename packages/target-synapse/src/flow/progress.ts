// Progress per stream on stderr (DESIGN.md section 3 "Metrics"): rows received, batches and rows loaded,
// and records/s since the start, at most every `intervalMs`, with a summary and Singer METRIC lines at the end.
import type { Logger } from '@kustomer-synapse/singer';

interface StreamCounts {
  received: number;
  batchesLoaded: number;
  rowsLoaded: number;
  loadMs: number;
}

export class Progress {
  private readonly streams = new Map<string, StreamCounts>();
  private readonly startedAt: number;
  private lastReport: number;

  constructor(
    private readonly log: Logger,
    private readonly now: () => number,
    private readonly intervalMs: number,
  ) {
    this.startedAt = now();
    this.lastReport = this.startedAt;
  }

  received(stream: string): void {
    this.counts(stream).received += 1;
  }

  loaded(stream: string, rows: number, milliseconds: number): void {
    const counts = this.counts(stream);
    counts.batchesLoaded += 1;
    counts.rowsLoaded += rows;
    counts.loadMs += milliseconds;
  }

  /** Logs a line per stream when `intervalMs` has passed since the last report. */
  maybeReport(): void {
    const now = this.now();
    if (now - this.lastReport < this.intervalMs) return;
    this.lastReport = now;
    for (const stream of this.streams.keys()) this.log.info(`progress: ${this.line(stream, now)}`);
  }

  summary(): void {
    const now = this.now();
    let total = 0;
    for (const [stream, counts] of this.streams) {
      total += counts.received;
      this.log.info(`summary: ${this.line(stream, now)}`);
      this.log.metric({ type: 'counter', metric: 'record_count', value: counts.received, tags: { stream } });
    }
    const seconds = Math.max((now - this.startedAt) / 1000, 0.001);
    // maxRSS is in KiB (Node's process.resourceUsage); the peak shows whether memory stayed bounded.
    const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
    this.log.info(`summary: ${total} records in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} records/s), ${this.streams.size} stream(s), peak memory ${peakMb} MB`);
  }

  private line(stream: string, now: number): string {
    const counts = this.counts(stream);
    const seconds = Math.max((now - this.startedAt) / 1000, 0.001);
    return `stream ${stream}: ${counts.received} records received (${Math.round(counts.received / seconds)}/s), ` +
      `${counts.batchesLoaded} batch(es) loaded with ${counts.rowsLoaded} rows in ${(counts.loadMs / 1000).toFixed(1)} s of loading`;
  }

  private counts(stream: string): StreamCounts {
    let counts = this.streams.get(stream);
    if (counts === undefined) {
      counts = { received: 0, batchesLoaded: 0, rowsLoaded: 0, loadMs: 0 };
      this.streams.set(stream, counts);
    }
    return counts;
  }
}
