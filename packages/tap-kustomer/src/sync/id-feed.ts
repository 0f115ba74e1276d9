// The records (ids and bookmarks) a parent stream writes, handed to its child stream while the parent is still running: the child
// (conversation_attachments, one org request per conversation) then spends the org budget while the parent spends
// the search budget, instead of after it. Pushing never waits; the ids are held until the child reads them, as the
// whole list was held before.

export class IdFeed<T = string> implements AsyncIterable<T> {
  private readonly ids: T[] = [];
  private readIndex = 0;
  private ended = false;
  private failure: { readonly error: unknown } | undefined;
  private wake: (() => void) | undefined;

  push(id: T): void {
    this.ids.push(id);
    this.notify();
  }

  /** The parent wrote its last record. */
  end(): void {
    this.ended = true;
    this.notify();
  }

  /** The parent failed: the child stops with the same error rather than wait for ids that never come. */
  fail(error: unknown): void {
    this.failure ??= { error };
    this.notify();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      if (this.failure !== undefined) throw this.failure.error;
      if (this.readIndex < this.ids.length) {
        const id = this.ids[this.readIndex] as T;
        this.readIndex++;
        yield id;
      } else if (this.ended) {
        return;
      } else {
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
