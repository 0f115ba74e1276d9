// Records -> gzip CSV part files, `filesPerBatch` per table, streamed as they arrive (DESIGN.md section 4: memory
// stays bounded; no batch of parsed records is ever held). Record n goes to part n mod filesPerBatch of every table
// it has rows in, so COPY INTO reads the parts in parallel (research/synapse.md 1.1, "files").
import { type JsonObject } from '@kustomer-synapse/singer';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';
import type { Batch, LocalCsvFile } from '../load/loader.js';
import type { StreamPlan, TablePlan } from '../plan/types.js';
import { formatPartFile } from './part-files.js';
import { recordRows, tableTree, type RecordMeta, type RowBuffer, type TableNode } from './rows.js';

export interface BatchWriterOptions {
  readonly directory: string;
  readonly filesPerBatch: number;
  readonly sequence: number;
  readonly addRecordMetadata: boolean;
}

export interface BatchWriter {
  write(record: JsonObject, meta: RecordMeta): void;
  /** CSV rows written so far, in every table (root and child rows). */
  readonly rows: number;
  /** Compressed bytes written so far (approximate: gzip holds some back until it ends). */
  readonly bytes: number;
  readonly records: number;
  /** Uncompressed text waiting for gzip or the disk; a caller may wait on `drained()` when it grows. */
  readonly pendingBytes: number;
  /** Resolves once every buffered line has reached gzip and gzip's input queue is below its high-water mark. */
  drained(): Promise<void>;
  close(): Promise<Pick<Batch, 'files' | 'maxLengths' | 'records'>>;
  discard(): Promise<void>;
}

/** Lines are joined into chunks of about this many characters before gzip sees them (fewer, larger zlib calls). */
const CHUNK_CHARS = 64 * 1024;

interface Part {
  readonly table: TablePlan;
  readonly path: string;
  readonly gzip: Gzip;
  readonly file: WriteStream;
  readonly finished: Promise<void>;
  pending: string;
  rows: number;
}

export function createBatchWriter(plan: StreamPlan, options: BatchWriterOptions): BatchWriter {
  if (!Number.isSafeInteger(options.filesPerBatch) || options.filesPerBatch < 1) throw new RangeError(`filesPerBatch must be a positive integer, not ${options.filesPerBatch}`);
  const tables: readonly TablePlan[] = [plan.root, ...plan.children];
  const tree: TableNode = tableTree(plan);
  const parts: (Part | undefined)[][] = tables.map(() => Array.from({ length: options.filesPerBatch }, () => undefined));
  const maxLengths = tables.map((table) => table.columns.map(() => -1));
  const rowBuffer: RowBuffer = { tables: [], lines: [] };
  const batchedAt = new Date().toISOString();
  let records = 0;
  let rows = 0;
  let compressed = 0;
  let pendingChars = 0;
  let failure: Error | undefined;
  let state: 'open' | 'closed' | 'discarded' = 'open';
  mkdirSync(options.directory, { recursive: true });

  const openPart = (tableIndex: number, partIndex: number): Part => {
    const table = tables[tableIndex];
    if (table === undefined) throw new RangeError(`no table ${tableIndex}`);
    const path = join(options.directory, formatPartFile({ table: table.name, sequence: options.sequence, part: partIndex + 1 }));
    const gzip = createGzip();
    const file = createWriteStream(path);
    gzip.on('data', (chunk: Buffer) => { compressed += chunk.length; });
    const fail = (error: Error): void => { failure ??= error; };
    gzip.on('error', fail);
    file.on('error', fail);
    const finished = new Promise<void>((resolve, reject) => {
      file.on('close', () => (failure === undefined ? resolve() : reject(failure)));
      file.on('error', reject);
      gzip.on('error', reject);
    });
    finished.catch(() => undefined);
    gzip.pipe(file);
    const part: Part = { table, path, gzip, file, finished, pending: '', rows: 0 };
    const list = parts[tableIndex];
    if (list !== undefined) list[partIndex] = part;
    return part;
  };

  const flush = (part: Part): void => {
    if (part.pending === '') return;
    part.gzip.write(part.pending);
    pendingChars -= part.pending.length;
    part.pending = '';
  };

  const allParts = (): Part[] => parts.flat().filter((p): p is Part => p !== undefined);

  return {
    write(record, meta) {
      if (state !== 'open') throw new Error(`batch ${options.sequence} of stream "${plan.stream}" is ${state}`);
      if (failure !== undefined) throw failure;
      recordRows(tree, { plan, record, meta, ordinalText: String(meta.ordinal), batchedAt, addRecordMetadata: options.addRecordMetadata }, rowBuffer, maxLengths);
      const partIndex = records % options.filesPerBatch;
      const { tables: lineTables, lines } = rowBuffer;
      for (let i = 0; i < lines.length; i += 1) {
        const tableIndex = lineTables[i]!;
        const line = lines[i]!;
        const part = parts[tableIndex]?.[partIndex] ?? openPart(tableIndex, partIndex);
        part.pending += line;
        part.rows += 1;
        pendingChars += line.length;
        if (part.pending.length >= CHUNK_CHARS) flush(part);
      }
      rows += lines.length;
      records += 1;
    },
    get rows() { return rows; },
    get bytes() { return compressed; },
    get records() { return records; },
    get pendingBytes() {
      return pendingChars + allParts().reduce((sum, p) => sum + p.gzip.writableLength, 0);
    },
    async drained() {
      for (const part of allParts()) {
        flush(part);
        if (part.gzip.writableNeedDrain) await new Promise<void>((resolve) => part.gzip.once('drain', resolve));
      }
      if (failure !== undefined) throw failure;
    },
    async close() {
      if (state !== 'open') throw new Error(`batch ${options.sequence} of stream "${plan.stream}" is ${state}`);
      state = 'closed';
      // Every table has at least one file, possibly empty (src/load/loader.ts Batch.files).
      tables.forEach((_, tableIndex) => { if (parts[tableIndex]?.every((p) => p === undefined)) openPart(tableIndex, 0); });
      for (const part of allParts()) { flush(part); part.gzip.end(); }
      await Promise.all(allParts().map((p) => p.finished));
      if (failure !== undefined) throw failure;
      const files: LocalCsvFile[] = [];
      for (const part of allParts()) files.push({ table: part.table.name, path: part.path, rows: part.rows, bytes: (await stat(part.path)).size });
      const byTable = new Map<string, ReadonlyMap<string, number>>();
      tables.forEach((table, i) => {
        const longest = new Map<string, number>();
        table.columns.forEach((column, c) => { const length = maxLengths[i]?.[c] ?? -1; if (length >= 0) longest.set(column.name, length); });
        byTable.set(table.name, longest);
      });
      return { files, maxLengths: byTable, records };
    },
    async discard() {
      state = 'discarded';
      for (const part of allParts()) { part.gzip.destroy(); part.file.destroy(); }
      await Promise.all(allParts().map((p) => rm(p.path, { force: true })));
    },
  };
}
