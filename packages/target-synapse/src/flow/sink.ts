// One sink per stream and schema (STYLE.md target pattern 1): records stream through a BatchWriter into gzip
// CSV part files; a batch closes on batch_size_rows, batch_max_bytes or max_batch_age_seconds, and `close`
// hands its files to the caller, which queues the load. A sink never holds records in memory.
import type { JsonObject, SchemaMessage } from '@kustomer-synapse/singer';
import type { Batch } from '../load/loader.js';
import type { StreamPlan } from '../plan/types.js';
import type { BatchWriter, RecordMeta, TargetDependencies } from './dependencies.js';
import type { WorkId } from './state-gate.js';

export interface BatchLimits {
  readonly rows: number;
  readonly bytes: number;
  readonly ageMs: number;
}

export interface SinkContext {
  readonly createBatchWriter: TargetDependencies['createBatchWriter'];
  /** A directory of this stream's own, for its part files. */
  readonly directory: string;
  readonly filesPerBatch: number;
  readonly addRecordMetadata: boolean;
  readonly limits: BatchLimits;
  readonly now: () => number;
  /** The stream's next batch sequence (1-based, per stream and run, shared by the sinks a schema change replaces). */
  readonly nextSequence: () => number;
  /** Registers the batch with the state gate when it takes its first record. */
  readonly workStarted: () => WorkId;
}

export interface ClosedBatch {
  readonly stream: string;
  readonly sequence: number;
  readonly work: WorkId;
  readonly files: Batch['files'];
  readonly maxLengths: Batch['maxLengths'];
  readonly records: number;
}

interface OpenBatch {
  readonly writer: BatchWriter;
  readonly sequence: number;
  readonly work: WorkId;
  readonly openedAt: number;
}

export type CloseReason = 'rows' | 'bytes' | 'age';

/**
 * Uncompressed CSV a sink lets wait for gzip before reading pauses. Without a bound, a reader faster than gzip
 * queues up to a whole batch (batch_max_bytes of compressed data, several times that as text) in memory;
 * with it, memory has a ceiling whatever the batch size (issue 10, bounded memory).
 */
export const PENDING_BYTES_LIMIT = 8 * 1024 * 1024;
/** pendingBytes sums over every part file; checking it every record would cost more than the check saves. */
const PENDING_CHECK_RECORDS = 64;

export class Sink {
  private open: OpenBatch | undefined;

  constructor(
    readonly message: SchemaMessage,
    readonly plan: StreamPlan,
    private readonly context: SinkContext,
  ) {}

  get stream(): string {
    return this.message.stream;
  }

  get keyProperties(): readonly string[] {
    return this.message.key_properties;
  }

  /** Records in the open batch. */
  get bufferedRecords(): number {
    return this.open?.writer.records ?? 0;
  }

  /**
   * Buffers the record. Returns a promise when the open batch's text waiting for gzip has passed
   * PENDING_BYTES_LIMIT: the caller (the read loop) awaits it, so reading stops while gzip catches up.
   */
  write(record: JsonObject, meta: RecordMeta): Promise<void> | undefined {
    this.open ??= this.openBatch();
    const writer = this.open.writer;
    writer.write(record, meta);
    if (writer.records % PENDING_CHECK_RECORDS !== 0 || writer.pendingBytes < PENDING_BYTES_LIMIT) return undefined;
    return writer.drained();
  }

  /** Why the open batch must be loaded now, if it must. */
  closeReason(now = this.context.now()): CloseReason | undefined {
    const open = this.open;
    if (open === undefined || open.writer.records === 0) return undefined;
    const { rows, bytes, ageMs } = this.context.limits;
    if (open.writer.records >= rows) return 'rows';
    if (open.writer.bytes >= bytes) return 'bytes';
    if (now - open.openedAt >= ageMs) return 'age';
    return undefined;
  }

  /** Closes the open batch, if it holds records. The sink then opens a new one on the next record. */
  async close(): Promise<ClosedBatch | undefined> {
    const open = this.open;
    this.open = undefined; // before awaiting: records that arrive meanwhile go to a new batch
    if (open === undefined) return undefined;
    const closed = await open.writer.close();
    return { stream: this.stream, sequence: open.sequence, work: open.work, ...closed };
  }

  /** Drops the open batch's files (after a failure: nothing of it will be loaded). */
  async discard(): Promise<void> {
    const open = this.open;
    this.open = undefined;
    await open?.writer.discard();
  }

  private openBatch(): OpenBatch {
    const sequence = this.context.nextSequence();
    const writer = this.context.createBatchWriter(this.plan, {
      directory: this.context.directory,
      filesPerBatch: this.context.filesPerBatch,
      sequence,
      addRecordMetadata: this.context.addRecordMetadata,
    });
    return { writer, sequence, work: this.context.workStarted(), openedAt: this.context.now() };
  }
}
