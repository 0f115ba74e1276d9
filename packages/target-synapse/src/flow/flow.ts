// The target's data flow after the reader (DESIGN.md section 2): sinks per stream -> the bounded load queue
// -> the loader -> the state gate -> stdout. The router (router.ts) decides what a message means; this
// class keeps the streams, queues their loads in order, and prints the states the gate releases. Messages
// and timer ticks are handled one at a time (turns.ts).
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  stringifyJson,
  type LineWriter,
  type Logger,
  type Message,
  type RecordMessage,
  type SchemaMessage,
} from '@kustomer-synapse/singer';
import type { LoadMethod, Loader } from '../load/loader.js';
import type { StreamPlan } from '../plan/types.js';
import type { PlanOptions, TargetDependencies } from './dependencies.js';
import { LoadQueue } from './load-queue.js';
import { Progress } from './progress.js';
import type { RecordValidator } from './record-checks.js';
import { route } from './router.js';
import { Sink, type BatchLimits, type ClosedBatch } from './sink.js';
import { planTables, validatorFor } from './stream-plan.js';
import { Turns } from './turns.js';
import { EMPTY_GATE, stateReceived, workCommitted, workStarted, type GateStep, type WorkId } from './state-gate.js';

export interface FlowOptions {
  readonly limits: BatchLimits;
  readonly filesPerBatch: number;
  readonly addRecordMetadata: boolean;
  readonly validateRecords: boolean;
  readonly loadMethod: LoadMethod;
  readonly maxParallelism: number;
  /** Closed batches waiting for a load slot before reading pauses. */
  readonly queueCapacity: number;
  readonly planOptions: PlanOptions;
  /** This run's scratch directory for part files; removed at the end. */
  readonly directory: string;
  readonly log: Logger;
  readonly out: LineWriter;
  readonly now?: () => number;
  readonly progressIntervalMs?: number;
}

export interface StreamEntry {
  readonly sink: Sink;
  readonly validate?: RecordValidator;
  /** The SCHEMA message's schema and keys as text, to tell a changed SCHEMA from a repeated one. */
  readonly schemaText: string;
}

/** What the loads of one stream share across the sinks that schema changes replace. */
interface Lane {
  plan: StreamPlan;
  sequence: number;
  readonly directory: string;
}

const PROGRESS_INTERVAL_MS = 30_000;

export class Flow {
  private readonly entries = new Map<string, StreamEntry>();
  private readonly lanes = new Map<string, Lane>();
  private readonly queue: LoadQueue;
  private readonly progress: Progress;
  private readonly now: () => number;
  private gate = EMPTY_GATE;
  private nextWork: WorkId = 1;
  private ordinal = 0;
  private clock = { ms: Number.NaN, iso: '' };
  private readonly turns = new Turns(() => this.throwIfFailed());
  private printing: Promise<void> = Promise.resolve();
  private failure: { readonly error: unknown } | undefined;
  private readonly failureListeners: ((error: unknown) => void)[] = [];

  constructor(
    private readonly deps: TargetDependencies,
    private readonly loader: Loader,
    private readonly options: FlowOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.queue = new LoadQueue({ maxParallelism: options.maxParallelism, capacity: options.queueCapacity, onFailure: (error) => this.fail(error) });
    this.progress = new Progress(options.log, this.now, options.progressIntervalMs ?? PROGRESS_INTERVAL_MS);
  }

  /**
   * Handles one message. Most records are buffered synchronously and return nothing; otherwise the promise
   * settles once the message is handled (when the load queue is full, once there is room).
   */
  handle(message: Message, lineNumber: number): Promise<void> | undefined {
    return this.turns.run(() => route(this, message, lineNumber));
  }

  /** Closes batches older than max_batch_age_seconds and reports progress; call it on a timer. */
  tick(): Promise<void> {
    return this.turns.runAsync(async () => {
      for (const entry of this.entries.values()) {
        if (entry.sink.closeReason() === 'age') await this.flushSink(entry.sink);
      }
      this.progress.maybeReport();
    });
  }

  /** End of input (or a signal): load everything received, print the states it releases, then the summary. */
  finish(): Promise<void> {
    return this.turns.runAsync(async () => {
      for (const entry of this.entries.values()) await this.flushSink(entry.sink);
      await this.queue.drain();
      await this.printing;
      this.throwIfFailed();
      this.progress.summary();
      await rm(this.options.directory, { recursive: true, force: true });
    });
  }

  /** After a failure: drops the loads not started, waits for the running ones, removes part files. Prints nothing more. */
  async abandon(): Promise<void> {
    await this.queue.cancel();
    for (const entry of this.entries.values()) await entry.sink.discard().catch(() => undefined);
    await rm(this.options.directory, { recursive: true, force: true });
  }

  /** Called once, with the first error of a load or of printing, while reading may still be waiting on input. */
  onFailure(listener: (error: unknown) => void): void {
    this.failureListeners.push(listener);
  }

  get failed(): { readonly error: unknown } | undefined {
    return this.failure;
  }

  stream(name: string): StreamEntry | undefined {
    return this.entries.get(name);
  }

  /** SCHEMA: a new stream gets a sink; a changed schema or key set retires the old sink after loading it. */
  async defineStream(message: SchemaMessage, lineNumber: number): Promise<void> {
    const schemaText = stringifyJson({ schema: message.schema, key_properties: message.key_properties });
    const previous = this.entries.get(message.stream);
    if (previous?.schemaText === schemaText) return;
    if (previous !== undefined) {
      const keys = previous.sink.keyProperties;
      const keysChanged = stringifyJson(keys) !== stringifyJson(message.key_properties);
      this.options.log.info(
        `stream ${message.stream}: new schema at input line ${lineNumber}` +
          (keysChanged ? ` with key properties ${JSON.stringify(message.key_properties)} instead of ${JSON.stringify(keys)}` : '') +
          '; loading the records received under the previous one first',
      );
      await this.flushSink(previous.sink);
      await this.queue.drain(message.stream);
    }
    const validate = this.options.validateRecords ? validatorFor(message, lineNumber) : undefined;
    const plan = await planTables(this.deps, this.loader, this.options.planOptions, message, lineNumber);
    const lane = await this.laneFor(message.stream, plan);
    lane.plan = plan;
    const sink = new Sink(message, plan, {
      createBatchWriter: this.deps.createBatchWriter,
      directory: lane.directory,
      filesPerBatch: this.options.filesPerBatch,
      addRecordMetadata: this.options.addRecordMetadata,
      limits: this.options.limits,
      now: this.now,
      nextSequence: () => (lane.sequence += 1),
      workStarted: () => this.startWork(message.stream),
    });
    this.entries.set(message.stream, { sink, schemaText, ...(validate ? { validate } : {}) });
  }

  acceptRecord(entry: StreamEntry, message: RecordMessage): Promise<void> | undefined {
    this.ordinal += 1;
    const backlog = entry.sink.write(message.record, {
      ordinal: this.ordinal,
      receivedAt: this.receivedAt(),
      ...(message.time_extracted === undefined ? {} : { extractedAt: message.time_extracted }),
      ...(message.version === undefined ? {} : { tableVersion: message.version }),
    });
    this.progress.received(message.stream);
    if (entry.sink.closeReason() !== undefined) return backlog === undefined ? this.flushSink(entry.sink) : backlog.then(() => this.flushSink(entry.sink));
    return backlog;
  }

  /** The receive time as ISO text, formatted once per millisecond: toISOString per record cost a tenth of the loop. */
  private receivedAt(): string {
    const now = this.now();
    if (now !== this.clock.ms) this.clock = { ms: now, iso: new Date(now).toISOString() };
    return this.clock.iso;
  }

  receiveState(value: unknown): void {
    this.applyGate(stateReceived(this.gate, value));
  }

  /** ACTIVATE_VERSION runs in the stream's lane, so after every batch received before it has committed. */
  async activateVersion(entry: StreamEntry, version: number): Promise<void> {
    const stream = entry.sink.stream;
    await this.flushSink(entry.sink);
    const work = this.startWork(stream);
    const lane = this.lanes.get(stream)!;
    await this.queue.enqueue(stream, async () => {
      await this.loader.activateVersion(lane.plan, version);
      this.applyGate(workCommitted(this.gate, work));
    });
  }

  private async laneFor(stream: string, plan: StreamPlan): Promise<Lane> {
    let lane = this.lanes.get(stream);
    if (lane === undefined) {
      // Stream names may hold any character; the lane's number names its directory.
      const directory = join(this.options.directory, `stream-${this.lanes.size + 1}`);
      await mkdir(directory, { recursive: true });
      lane = { plan, sequence: 0, directory };
      this.lanes.set(stream, lane);
    }
    return lane;
  }

  /** Closes the sink's open batch and queues its load: grow columns the batch outgrew, load, release states. */
  private async flushSink(sink: Sink): Promise<void> {
    const closed = await sink.close();
    if (closed === undefined) return;
    await this.queue.enqueue(closed.stream, () => this.load(closed));
  }

  private async load(closed: ClosedBatch): Promise<void> {
    // In the lane, not when the batch closes: a column grows only after the stream's earlier loads have
    // committed, so DDL never runs against a table that one of this stream's loads is writing.
    const lane = this.lanes.get(closed.stream)!;
    const grown = this.deps.growForLengths(lane.plan, closed.maxLengths, this.options.planOptions);
    if (grown.changes.length > 0) await this.loader.apply(grown.changes);
    lane.plan = grown.plan;
    const result = await this.loader.load({
      plan: grown.plan,
      sequence: closed.sequence,
      files: closed.files,
      records: closed.records,
      maxLengths: closed.maxLengths,
      replaceContents: this.options.loadMethod === 'overwrite' && closed.sequence === 1,
    });
    this.progress.loaded(closed.stream, result.rowsLoaded, result.milliseconds);
    await Promise.all(closed.files.map((file) => rm(file.path, { force: true })));
    this.applyGate(workCommitted(this.gate, closed.work));
  }

  private startWork(stream: string): WorkId {
    const id = this.nextWork;
    this.nextWork += 1;
    this.gate = workStarted(this.gate, id, stream);
    return id;
  }

  private applyGate(step: GateStep): void {
    this.gate = step.gate;
    const text = step.print;
    if (text === undefined) return;
    // Lines are written in the order the gate released them, each flushed so Meltano stores it at once.
    this.printing = this.printing
      .then(async () => {
        if (this.failure) return;
        await this.options.out.writeLine(text);
        await this.options.out.flush();
      })
      .catch((error: unknown) => this.fail(error));
  }

  private fail(error: unknown): void {
    if (this.failure) return;
    this.failure = { error };
    for (const listener of this.failureListeners) listener(error);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
