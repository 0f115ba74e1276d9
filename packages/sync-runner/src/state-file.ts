// state.json replaced atomically: each state goes to a temporary file in the same directory, is fsynced, and is
// renamed over state.json, and the directory is fsynced so the rename itself survives a power cut. rename(2)
// swaps the name in one step, so a reader (or the next run after a crash) sees the old state or the new one,
// never a mix. States that arrive while a write is under way are coalesced: only the newest is written next,
// since each state the target prints supersedes the ones before it.
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';

export const STATE_FILE = 'state.json';
/** One name is enough: the run lock makes this process the only writer in the directory. */
const TEMP_FILE = '.state.json.tmp';

export class AtomicStateFile {
  readonly path: string;
  private readonly temp: string;
  private pending: string | undefined;
  private writing: Promise<void> | undefined;
  private failure: unknown;
  private count = 0;

  constructor(private readonly dir: string) {
    this.path = join(dir, STATE_FILE);
    this.temp = join(dir, TEMP_FILE);
  }

  /** How many states reached the disk. */
  get written(): number {
    return this.count;
  }

  /** Queues a state (its JSON text, kept byte for byte so exact numbers stay exact). */
  write(text: string): void {
    this.pending = text;
    this.writing ??= this.drain();
  }

  /** Resolves once every queued state is on disk; rejects with the first write error. */
  async flush(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
    if (this.failure !== undefined) throw this.failure;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending !== undefined && this.failure === undefined) {
        const text = this.pending;
        this.pending = undefined;
        await this.replace(text);
        this.count += 1;
      }
    } catch (error) {
      this.failure = error;
    } finally {
      this.writing = undefined;
    }
  }

  private async replace(text: string): Promise<void> {
    const file = await open(this.temp, 'w');
    try {
      await file.writeFile(`${text}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(this.temp, this.path);
    const dir = await open(this.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}
