// Runs the flow's steps (messages, timer ticks, the end) one at a time, so a tick never closes a batch in
// the middle of a message. When nothing is in flight a step runs at once, and a step that finishes
// synchronously (a record buffered) costs no promise: this is the per-record path.
export class Turns {
  /** Settles when the step in flight is done; undefined when none is. */
  private tail: Promise<void> | undefined;

  constructor(private readonly check: () => void) {}

  /** Runs `step` now, or after the step in flight; `check` runs first and may throw to refuse it. */
  run(step: () => Promise<void> | void): Promise<void> | undefined {
    if (this.tail === undefined) {
      this.check();
      const result = step();
      return result === undefined ? undefined : this.hold(result);
    }
    return this.hold(
      this.tail.then(() => {
        this.check();
        return step();
      }),
    );
  }

  /** Like run, always as a promise (for callers outside the read loop). */
  runAsync(step: () => Promise<void>): Promise<void> {
    return Promise.resolve().then(() => this.run(step));
  }

  private hold(run: Promise<void>): Promise<void> {
    const tail: Promise<void> = run
      .catch(() => undefined)
      .then(() => {
        if (this.tail === tail) this.tail = undefined;
      });
    this.tail = tail;
    return run;
  }
}
