// Bounds the loads that run at once (max_parallelism), each on its own connection.

/** At most `limit` loads at once; `drain` waits for the running ones (issue 10's load queue sits in front). */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly idle: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      const next = this.waiting.shift();
      if (next !== undefined) next();
      else if (this.running === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  drain(): Promise<void> {
    return this.running === 0 && this.waiting.length === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }
}
