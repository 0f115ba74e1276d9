// The bounded queue between the sinks and the loader (DESIGN.md section 2; issue 10's pipelining). A job is
// one stream's load (or ACTIVATE_VERSION). At most `maxParallelism` jobs run at once, and at most one per
// stream, in the order they were queued, so a stream's batches commit in sequence. At most `capacity` jobs
// wait to start: `enqueue` does not resolve while the queue is full, so the reader, which awaits it, stops
// reading and memory and disk have a ceiling whatever the warehouse's speed. After the first failure no
// job starts and every caller gets that error.

export type Job = () => Promise<void>;

export interface LoadQueueOptions {
  readonly maxParallelism: number;
  /** Jobs queued but not started; the reader waits beyond this. */
  readonly capacity: number;
  /** Called once with the first failure, so a reader idle on its input can stop at once. */
  readonly onFailure?: (error: unknown) => void;
}

interface Queued {
  readonly stream: string;
  readonly job: Job;
}

interface Waiter {
  readonly stream: string | undefined;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class LoadQueue {
  private readonly queued: Queued[] = [];
  private readonly running = new Set<string>();
  private readonly roomWaiters: Waiter[] = [];
  private readonly drainWaiters: Waiter[] = [];
  private failure: { readonly error: unknown } | undefined;
  private readonly settleWaiters: (() => void)[] = [];
  private peakRunning = 0;

  constructor(private readonly options: LoadQueueOptions) {
    if (!(options.maxParallelism >= 1) || !(options.capacity >= 1)) throw new RangeError('load queue: maxParallelism and capacity must be at least 1');
  }

  /** Queues a job; resolves once it is accepted, which waits while `capacity` jobs are already waiting. */
  async enqueue(stream: string, job: Job): Promise<void> {
    while (this.failure === undefined && this.queued.length >= this.options.capacity) {
      await new Promise<void>((resolve, reject) => this.roomWaiters.push({ stream, resolve, reject }));
    }
    if (this.failure) throw this.failure.error;
    this.queued.push({ stream, job });
    this.pump();
  }

  /** Resolves when every job queued so far (of one stream, or of all) has finished; rejects on a failure. */
  drain(stream?: string): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.idle(stream)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => this.drainWaiters.push({ stream, resolve, reject }));
  }

  get waitingJobs(): number {
    return this.queued.length;
  }

  get runningJobs(): number {
    return this.running.size;
  }

  /** The most jobs that ran at the same time, for the summary and the tests. */
  get peakParallelism(): number {
    return this.peakRunning;
  }

  private idle(stream: string | undefined): boolean {
    if (stream === undefined) return this.queued.length === 0 && this.running.size === 0;
    return !this.running.has(stream) && !this.queued.some((item) => item.stream === stream);
  }

  private pump(): void {
    if (this.failure) return;
    for (let index = 0; index < this.queued.length && this.running.size < this.options.maxParallelism; ) {
      const item = this.queued[index]!;
      if (this.running.has(item.stream)) {
        index += 1;
        continue;
      }
      this.queued.splice(index, 1);
      this.start(item);
    }
    while (this.roomWaiters.length > 0 && this.queued.length < this.options.capacity) this.roomWaiters.shift()!.resolve();
  }

  private start(item: Queued): void {
    this.running.add(item.stream);
    this.peakRunning = Math.max(this.peakRunning, this.running.size);
    // A job that throws synchronously is a failure like one that rejects.
    void Promise.resolve()
      .then(item.job)
      .then(
        () => this.finished(item.stream),
        (error: unknown) => this.failed(item.stream, error),
      );
  }

  private finished(stream: string): void {
    this.running.delete(stream);
    this.pump();
    for (const waiter of [...this.drainWaiters]) {
      if (this.failure === undefined && this.idle(waiter.stream)) {
        this.drainWaiters.splice(this.drainWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    this.settleIfIdle();
  }

  private failed(stream: string, error: unknown): void {
    this.running.delete(stream);
    if (this.failure === undefined) {
      this.stop(error);
      this.options.onFailure?.(error);
    }
    this.settleIfIdle();
  }

  private stop(error: unknown): void {
    this.failure = { error };
    this.queued.length = 0;
    for (const waiter of this.roomWaiters.splice(0)) waiter.reject(error);
    for (const waiter of this.drainWaiters.splice(0)) waiter.reject(error);
  }

  private settleIfIdle(): void {
    if (this.running.size === 0) for (const resolve of this.settleWaiters.splice(0)) resolve();
  }

  /**
   * After a failure elsewhere (a bad input line): drops the jobs not started, starts no other, and resolves
   * once the running ones have finished, so nothing is left half-done when the program exits.
   */
  cancel(): Promise<void> {
    if (this.failure === undefined) this.stop(new Error('the load queue was cancelled'));
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.settleWaiters.push(resolve));
  }
}
