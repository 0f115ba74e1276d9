// Streams one CSV file (bytes, UTF-8) into normalized records for DuckDB's read_csv:
//   <file>,<row>,<error>,<field 1>,...,<field n>\n
// where NULL (an empty unquoted field) is written empty and every value is quoted, so read_csv with
// allow_quoted_nulls=false tells '' from NULL. Parsing follows RFC 4180 as COPY INTO documents it (FIELDQUOTE doubled
// inside quoted fields, terminators inside quoted fields are data); FIRSTROW skipping counts raw row terminators
// ("Rows are skipped based on the existence of row terminators", copy-into-transact-sql, FIRSTROW). Pure.
import { BULK_INVALID_CSV_VALUE, formatRowError, invalidCsvMessage } from '../errors.js';

export interface CsvLayout {
  readonly fieldQuote: string;
  readonly fieldTerminator: Buffer;
  readonly rowTerminator: Buffer;
  readonly firstRow: number;
  /** Fields to emit per record. */
  readonly fieldCount: number;
  /** Without a column list the record must have exactly fieldCount fields; with one, at least. */
  readonly exactFieldCount: boolean;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

type Field = Buffer | null;

export class CsvNormalizer {
  private carry: Buffer = Buffer.alloc(0);
  private row = 0;
  private toSkip: number;
  private atFileStart = true;
  private readonly quote: number;
  private readonly prefix: Buffer;
  /** The longest normalized record written so far, in bytes (sizes DuckDB's max_line_size). */
  maxRecordBytes = 0;
  rows = 0;

  constructor(private readonly layout: CsvLayout, fileIndex: number, private readonly fileName: string) {
    this.quote = layout.fieldQuote.charCodeAt(0);
    this.toSkip = layout.firstRow - 1;
    this.prefix = Buffer.from(`${fileIndex},`);
  }

  /** Parses what it can; returns normalized bytes. Keeps an unfinished record for the next call. */
  push(chunk: Buffer): Buffer {
    let buf = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    if (this.atFileStart) {
      if (buf.length < UTF8_BOM.length && UTF8_BOM.subarray(0, buf.length).equals(buf)) { this.carry = buf; return Buffer.alloc(0); }
      if (buf.subarray(0, 3).equals(UTF8_BOM)) buf = buf.subarray(3);
      this.atFileStart = false;
    }
    return this.parse(buf, false);
  }

  end(): Buffer {
    const out = this.parse(this.carry, true);
    this.carry = Buffer.alloc(0);
    return out;
  }

  private parse(buf: Buffer, final: boolean): Buffer {
    const { fieldTerminator: ft, rowTerminator: rt } = this.layout;
    const out = new ByteSink(buf.length + (buf.length >> 2) + 256);
    let pos = 0;
    let nextFt = -2;
    let nextRt = -2;
    const findFt = (from: number): number => { if (nextFt !== -1 && nextFt < from) nextFt = buf.indexOf(ft, from); return nextFt; };
    const findRt = (from: number): number => { if (nextRt !== -1 && nextRt < from) nextRt = buf.indexOf(rt, from); return nextRt; };
    for (;;) {
      const recordStart = pos;
      if (this.toSkip > 0) {
        const at = findRt(pos);
        if (at < 0) { if (!final) this.carry = buf.subarray(pos); else this.carry = Buffer.alloc(0); return out.take(); }
        pos = at + rt.length;
        this.toSkip -= 1;
        this.row += 1;
        continue;
      }
      if (pos >= buf.length) { this.carry = Buffer.alloc(0); return out.take(); }
      const fields: Field[] = [];
      let badColumn = 0;
      let done = false;
      let incomplete = false;
      while (!done) {
        if (buf[pos] === this.quote) {
          const parts: Buffer[] = [];
          let p = pos + 1;
          let closed = -1;
          while (closed < 0) {
            const q = buf.indexOf(this.quote, p);
            if (q < 0 || (q + 1 >= buf.length && !final)) break;
            if (buf[q + 1] === this.quote) { parts.push(buf.subarray(p, q + 1)); p = q + 2; continue; }
            parts.push(buf.subarray(p, q));
            closed = q + 1;
          }
          if (closed < 0) {
            if (!final) { incomplete = true; break; }
            badColumn = fields.length + 1;
            pos = buf.length;
            done = true;
            break;
          }
          fields.push(parts.length === 1 ? parts[0]! : Buffer.concat(parts));
          pos = closed;
          if (pos >= buf.length) { if (!final) { incomplete = true; break; } done = true; break; }
          if (startsAt(buf, pos, rt)) { pos += rt.length; done = true; break; }
          if (startsAt(buf, pos, ft)) { pos += ft.length; continue; }
          if (!final && buf.length - pos < Math.max(rt.length, ft.length)) { incomplete = true; break; }
          badColumn = fields.length;
          const resync = findRt(pos);
          if (resync < 0) { if (!final) { incomplete = true; break; } pos = buf.length; } else pos = resync + rt.length;
          done = true;
          break;
        }
        const f = findFt(pos);
        const r = findRt(pos);
        if (r >= 0 && (f < 0 || r <= f)) {
          fields.push(r === pos ? null : buf.subarray(pos, r));
          pos = r + rt.length;
          done = true;
        } else if (f >= 0) {
          fields.push(f === pos ? null : buf.subarray(pos, f));
          pos = f + ft.length;
        } else {
          if (!final) { incomplete = true; break; }
          fields.push(pos === buf.length ? null : buf.subarray(pos));
          pos = buf.length;
          done = true;
        }
      }
      if (incomplete) { this.carry = buf.subarray(recordStart); return out.take(); }
      this.row += 1;
      this.writeRecord(out, fields, badColumn);
    }
  }

  private writeRecord(out: ByteSink, fields: readonly Field[], badColumn: number): void {
    const { fieldCount, exactFieldCount } = this.layout;
    let bad = badColumn;
    if (bad === 0 && (fields.length < fieldCount || (exactFieldCount && fields.length > fieldCount))) {
      bad = Math.min(fields.length, fieldCount) + 1;
    }
    const start = out.length;
    out.bytes(this.prefix);
    out.ascii(`${this.row},`);
    if (bad > 0) {
      out.quoted(Buffer.from(formatRowError(BULK_INVALID_CSV_VALUE, invalidCsvMessage(this.fileName, this.row, bad))));
    }
    for (let i = 0; i < fieldCount; i += 1) {
      out.byte(COMMA);
      const field = bad > 0 ? null : fields[i] ?? null;
      if (field !== null) out.quoted(field);
    }
    out.byte(NEWLINE);
    const bytes = out.length - start;
    if (bytes > this.maxRecordBytes) this.maxRecordBytes = bytes;
    this.rows += 1;
  }
}

function startsAt(buf: Buffer, pos: number, needle: Buffer): boolean {
  if (pos + needle.length > buf.length) return false;
  for (let i = 0; i < needle.length; i += 1) if (buf[pos + i] !== needle[i]) return false;
  return true;
}

/**
 * The normalized bytes of one parse, copied into one growing buffer: a few Buffer objects per call rather than three
 * per field. Quoted fields are always '"'-quoted with '"' doubled: the normalized file's quote is fixed, whatever
 * FIELDQUOTE was.
 */
class ByteSink {
  private buf: Buffer;
  length = 0;

  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(grown, 0, 0, this.length);
    this.buf = grown;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.length++] = b;
  }

  bytes(src: Buffer): void {
    this.room(src.length);
    this.length += src.copy(this.buf, this.length);
  }

  ascii(text: string): void {
    this.room(text.length);
    this.length += this.buf.write(text, this.length, 'latin1');
  }

  quoted(value: Buffer): void {
    this.room(value.length * 2 + 2);
    const buf = this.buf;
    let at = this.length;
    buf[at++] = QUOTE;
    let from = 0;
    for (let q = value.indexOf(QUOTE); q >= 0; q = value.indexOf(QUOTE, from)) {
      at += value.copy(buf, at, from, q + 1);
      buf[at++] = QUOTE;
      from = q + 1;
    }
    at += value.copy(buf, at, from);
    buf[at++] = QUOTE;
    this.length = at;
  }

  /** The bytes written; the sink is not used after. */
  take(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}
