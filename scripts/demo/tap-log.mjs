// Reads the tap's stderr as packages/tap-kustomer/README.md "What a user sees on stderr" documents it: Singer
// METRIC lines (a record_count counter per stream, which add up to the records written) and the end-of-stream
// line `stream <name> done: <n> records in <s> s ...`. Pure.

const METRIC = /\bMETRIC: (\{.*\})\s*$/;
const DONE = /\bstream (\S+) done: \d+ records in ([\d.]+) s\b/;

/**
 * @param {string} line
 * @returns {{ kind: 'records', stream: string, count: number } | { kind: 'done', stream: string, seconds: number } | undefined}
 */
export function parseTapLine(line) {
  const metric = METRIC.exec(line);
  if (metric !== null) {
    let value;
    try {
      value = JSON.parse(metric[1]);
    } catch {
      return undefined;
    }
    const stream = value?.tags?.endpoint;
    if (value?.metric !== 'record_count' || typeof stream !== 'string' || typeof value.value !== 'number') return undefined;
    return { kind: 'records', stream, count: value.value };
  }
  const done = DONE.exec(line);
  if (done !== null) return { kind: 'done', stream: done[1], seconds: Number(done[2]) };
  return undefined;
}

/** Records per stream and seconds per finished stream, folded from parsed lines. */
export class TapTally {
  /** @type {Map<string, number>} */ records = new Map();
  /** @type {Map<string, number>} */ seconds = new Map();
  /** @type {string | undefined} */ current;

  /** @param {string} line @returns {boolean} whether the line changed the tally */
  add(line) {
    const event = parseTapLine(line);
    if (event === undefined) return false;
    if (event.kind === 'records') {
      this.records.set(event.stream, (this.records.get(event.stream) ?? 0) + event.count);
      if (!this.seconds.has(event.stream)) this.current = event.stream;
    } else {
      this.seconds.set(event.stream, event.seconds);
      if (!this.records.has(event.stream)) this.records.set(event.stream, 0);
      if (this.current === event.stream) this.current = undefined;
    }
    return true;
  }

  total() {
    let sum = 0;
    for (const n of this.records.values()) sum += n;
    return sum;
  }
}
