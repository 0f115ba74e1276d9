// In-memory stand-ins for plan/, intake/ and load/ with the signatures of target-common.md, so the flow is
// tested without a database. The fake loader records every call and lets a test decide when a load commits.
import { PassThrough, Writable } from 'node:stream';
import { Logger, validateConfig, type JsonObject, type SchemaMessage } from '@kustomer-synapse/singer';
import { SETTINGS, toTargetConfig, type TargetConfig } from '../../src/config/index.js';
import type { BatchWriter, BatchWriterOptions, PlanOptions, RecordMeta, TargetDependencies } from '../../src/flow/dependencies.js';
import type { Batch, LoadResult, Loader } from '../../src/load/loader.js';
import type { LiveTable, StreamPlan, TableChange } from '../../src/plan/types.js';
import { runTarget, type RunOptions } from '../../src/target.js';

export function fakePlan(message: SchemaMessage, options: Pick<PlanOptions, 'schema'>): StreamPlan {
  const columns = Object.keys(message.schema.properties ?? {}).map((name) => ({
    name: name.toLowerCase(),
    source: { kind: 'property' as const, path: [name], asJson: false },
    type: { kind: 'nvarchar' as const, length: 4000 },
    nullable: true,
  }));
  return {
    stream: message.stream,
    keyProperties: message.key_properties,
    root: {
      schema: options.schema,
      name: message.stream.toLowerCase(),
      columns,
      keyColumns: message.key_properties.map((key) => key.toLowerCase()),
      index: 'heap',
      distribution: { kind: 'round_robin' },
    },
    children: [],
  };
}

export interface WrittenRecord {
  readonly record: JsonObject;
  readonly meta: RecordMeta;
}

export class FakeBatchWriter implements BatchWriter {
  readonly written: WrittenRecord[] = [];
  bytes = 0;
  closed = false;
  discarded = false;

  constructor(
    readonly plan: StreamPlan,
    readonly options: BatchWriterOptions,
  ) {}

  get rows(): number {
    return this.written.length;
  }

  get records(): number {
    return this.written.length;
  }

  /** A test sets it to play gzip falling behind; `catchUp()` then lets `drained()` resolve. */
  pendingBytes = 0;
  drainWaits = 0;
  private caughtUp: (() => void)[] = [];

  drained(): Promise<void> {
    this.drainWaits += 1;
    if (this.pendingBytes === 0) return Promise.resolve();
    return new Promise((resolve) => this.caughtUp.push(resolve));
  }

  catchUp(): void {
    this.pendingBytes = 0;
    for (const resolve of this.caughtUp.splice(0)) resolve();
  }

  write(record: JsonObject, meta: RecordMeta): void {
    this.written.push({ record, meta });
    this.bytes += JSON.stringify(record).length;
  }

  async close(): Promise<Pick<Batch, 'files' | 'maxLengths' | 'records'>> {
    this.closed = true;
    const path = `${this.options.directory}/${this.plan.root.name}-${this.options.sequence}.csv.gz`;
    return { files: [{ table: this.plan.root.name, path, rows: this.rows, bytes: this.bytes }], maxLengths: new Map(), records: this.records };
  }

  async discard(): Promise<void> {
    this.discarded = true;
  }
}

export interface LoadCall {
  readonly batch: Batch;
  /** Every record of the batch, from the fake writer that made it. */
  readonly records: readonly WrittenRecord[];
  readonly commit: () => void;
  readonly fail: (error: Error) => void;
}

export class FakeLoader implements Loader {
  readonly calls: string[] = [];
  readonly loads: LoadCall[] = [];
  readonly committed: Batch[] = [];
  readonly activations: { readonly stream: string; readonly version: number }[] = [];
  readonly applied: TableChange[] = [];
  readonly tables = new Map<string, LiveTable>();
  running = 0;
  peakRunning = 0;
  closed = false;

  /** `auto`: every load commits at once; `manual`: the test calls `commit()` on `loads[i]`. */
  constructor(
    private readonly writers: () => readonly FakeBatchWriter[],
    public mode: 'auto' | 'manual' = 'auto',
  ) {}

  async describe(_schema: string, tables: readonly string[]): Promise<ReadonlyMap<string, LiveTable>> {
    this.calls.push(`describe ${tables.join(',')}`);
    return new Map(tables.flatMap((name) => (this.tables.has(name) ? [[name, this.tables.get(name)!] as const] : [])));
  }

  async apply(changes: readonly TableChange[]): Promise<void> {
    this.calls.push(`apply ${changes.map((change) => change.kind).join(',')}`);
    this.applied.push(...changes);
  }

  load(batch: Batch): Promise<LoadResult> {
    this.calls.push(`load ${batch.plan.stream}#${batch.sequence}`);
    this.running += 1;
    this.peakRunning = Math.max(this.peakRunning, this.running);
    const writer = this.writers().find((candidate) => candidate.plan.stream === batch.plan.stream && candidate.options.sequence === batch.sequence);
    return new Promise<LoadResult>((resolve, reject) => {
      const commit = (): void => {
        this.running -= 1;
        this.committed.push(batch);
        this.calls.push(`commit ${batch.plan.stream}#${batch.sequence}`);
        resolve({ rowsLoaded: batch.records, milliseconds: 1 });
      };
      const fail = (error: Error): void => {
        this.running -= 1;
        reject(error);
      };
      this.loads.push({ batch, records: writer?.written ?? [], commit, fail });
      if (this.mode === 'auto') setImmediate(commit);
    });
  }

  async activateVersion(plan: StreamPlan, version: number): Promise<void> {
    this.calls.push(`activate ${plan.stream} ${version}`);
    this.activations.push({ stream: plan.stream, version });
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export interface Harness {
  readonly loader: FakeLoader;
  readonly writers: FakeBatchWriter[];
  readonly dependencies: TargetDependencies;
}

export function fakeDependencies(mode: 'auto' | 'manual' = 'auto'): Harness {
  const writers: FakeBatchWriter[] = [];
  const loader = new FakeLoader(() => writers, mode);
  const dependencies: TargetDependencies = {
    planStream: (message, options, live) => {
      const plan = fakePlan(message, options);
      const changes: TableChange[] = live.has(plan.root.name) ? [] : [{ kind: 'create-table', table: plan.root }];
      return { plan, changes };
    },
    tableNamesFor: (message) => [message.stream.toLowerCase()],
    growForLengths: (plan) => ({ plan, changes: [] }),
    createBatchWriter: (plan, options) => {
      const writer = new FakeBatchWriter(plan, options);
      writers.push(writer);
      return writer;
    },
    createLoader: async () => loader,
  };
  return { loader, writers, dependencies };
}

export const SECRET_PASSWORD = 'P@ssw0rd-never-printed-7731';
export const SECRET_SAS = 'sv=2024-01-01&sig=NeverPrintedSignature%2Babc';

export function targetConfig(settings: JsonObject = {}): TargetConfig {
  const raw = {
    host: '127.0.0.1',
    database: 'warehouse',
    user: 'loader',
    password: SECRET_PASSWORD,
    storage_account: 'devstoreaccount1',
    container: 'staging',
    storage_sas_token: SECRET_SAS,
    ...settings,
  };
  return toTargetConfig(validateConfig(raw, SETTINGS, 'TARGET_SYNAPSE'));
}

export class Capture extends Writable {
  text = '';

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }

  get lines(): readonly string[] {
    return this.text.split('\n').filter((line) => line !== '');
  }
}

export interface Run {
  readonly input: PassThrough;
  readonly stdout: Capture;
  readonly stderr: () => string;
  /** Settles when the run ends; never rejects (see `error`). */
  readonly done: Promise<void>;
  readonly error: () => unknown;
}

/** Starts a run on a PassThrough input the test writes to. */
export function startRun(harness: Harness, settings: JsonObject = {}, extra: Partial<RunOptions> = {}): Run {
  const input = new PassThrough();
  const stdout = new Capture();
  let log = '';
  let failure: unknown;
  const logger = new Logger('target-synapse', 'debug', { write: (line: string) => (log += line) });
  const done = runTarget({
    config: targetConfig(settings),
    input,
    log: logger,
    output: stdout,
    dependencies: harness.dependencies,
    tickMs: 5,
    ...extra,
  }).catch((error: unknown) => {
    failure = error;
  });
  return { input, stdout, stderr: () => log, done, error: () => failure };
}

/** Runs a whole input (every line, then end of input). */
export async function runLines(harness: Harness, lines: readonly object[], settings: JsonObject = {}, extra: Partial<RunOptions> = {}): Promise<Run> {
  const run = startRun(harness, settings, extra);
  run.input.end(lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
  await run.done;
  return run;
}

/** Waits until `condition` holds (the flow runs on the event loop between a test's steps). */
export async function until(condition: () => boolean, what: string, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export function send(run: Run, ...lines: readonly object[]): void {
  for (const line of lines) run.input.write(`${JSON.stringify(line)}\n`);
}

export const schema = (stream: string, properties: readonly string[] = ['id', 'name'], keys: readonly string[] = ['id']): object => ({
  type: 'SCHEMA',
  stream,
  schema: { type: 'object', properties: Object.fromEntries(properties.map((name) => [name, name === 'id' ? { type: 'integer' } : { type: ['null', 'string'] }])) },
  key_properties: keys,
});

export const record = (stream: string, value: JsonObject): object => ({ type: 'RECORD', stream, record: value });
export const state = (value: unknown): object => ({ type: 'STATE', value });
