// Progress per stream on stderr while a sync runs: one permanent line per finished stream, and the running
// stream's count, rewritten in place on a terminal or repeated every few seconds into a file or pipe.

const REPEAT_MS = 3_000;
const STREAM_WIDTH = 26;

export class ProgressView {
  /** @type {Set<string>} */ #printed = new Set();
  #lastRepeat = 0;
  #live = false;

  /** @param {NodeJS.WriteStream} out */
  constructor(out) {
    this.out = out;
    this.tty = out.isTTY === true;
  }

  /** @param {import('./tap-log.mjs').TapTally} tally */
  update(tally) {
    for (const [stream, seconds] of tally.seconds) {
      if (this.#printed.has(stream)) continue;
      this.#printed.add(stream);
      this.#write(`  ${stream.padEnd(STREAM_WIDTH)} ${String(tally.records.get(stream) ?? 0).padStart(7)} records in ${seconds.toFixed(1)} s\n`);
    }
    const current = tally.current;
    if (current === undefined || (tally.records.get(current) ?? 0) === 0) return;
    const text = `  ${current.padEnd(STREAM_WIDTH)} ${String(tally.records.get(current) ?? 0).padStart(7)} records so far`;
    if (this.tty) {
      this.out.write(`\r\x1b[K${text}`);
      this.#live = true;
    } else if (Date.now() - this.#lastRepeat >= REPEAT_MS) {
      this.#lastRepeat = Date.now();
      this.out.write(`${text}\n`);
    }
  }

  /** Ends a live line so that what follows starts on its own line. */
  end() {
    if (this.#live) this.out.write('\r\x1b[K');
    this.#live = false;
  }

  /** @param {string} text */
  #write(text) {
    if (this.#live) this.out.write('\r\x1b[K');
    this.#live = false;
    this.out.write(text);
  }
}
