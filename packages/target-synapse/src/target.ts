// One run of the target: read Singer messages, route them into sinks, load, print released states. At the
// end of input, and on SIGTERM or SIGINT, everything received is loaded and the final state printed, and
// the run ends normally (exit 0), as the Meltano SDK does (research/singer.md 2.4). The modules of plan/,
// intake/ and load/ come in through `dependencies`, so tests run the whole flow against fakes.
import type { EventEmitter } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { LineWriter, readMessageBatches, type Logger } from '@kustomer-synapse/singer';
import { toLoaderOptions, toPlanOptions } from './config/options.js';
import type { TargetConfig } from './config/target-config.js';
import { REAL_DEPENDENCIES, type TargetDependencies } from './flow/dependencies.js';
import { Flow } from './flow/flow.js';

export interface RunOptions {
  readonly config: TargetConfig;
  readonly input: Readable;
  readonly log: Logger;
  /** Where state lines go; stdout unless a test captures them. */
  readonly output?: Writable;
  readonly dependencies?: TargetDependencies;
  /** Emits SIGTERM and SIGINT; `process` unless a test sends its own. */
  readonly signals?: EventEmitter;
  /** How often batch ages are checked (ms). */
  readonly tickMs?: number;
  /** Where each run makes its scratch directory of part files. */
  readonly scratchRoot?: string;
  readonly progressIntervalMs?: number;
  readonly now?: () => number;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
const TICK_MS = 1_000;

export async function runTarget(options: RunOptions): Promise<void> {
  const { config, input, log } = options;
  const dependencies = options.dependencies ?? REAL_DEPENDENCIES;
  const signals = options.signals ?? process;
  log.info(
    `loading into ${config.host}:${config.port}/${config.database}, schema ${config.schema}, staged in ${config.storage.account}/${config.storage.container} ` +
      `(${config.storage.kind}, ${config.storage.auth.kind}); ${config.loadMethod}; batches of ${config.batchSizeRows} records, ` +
      `${config.batchMaxBytes} bytes or ${config.maxBatchAgeSeconds} s; up to ${config.maxParallelism} loads at once`,
  );
  const loader = await dependencies.createLoader(toLoaderOptions(config, log));
  let directory: string;
  try {
    directory = await mkdtemp(join(options.scratchRoot ?? tmpdir(), 'target-synapse-'));
  } catch (error) {
    await loader.close();
    throw error;
  }
  const flow = new Flow(dependencies, loader, {
    limits: { rows: config.batchSizeRows, bytes: config.batchMaxBytes, ageMs: config.maxBatchAgeSeconds * 1000 },
    filesPerBatch: config.filesPerBatch,
    addRecordMetadata: config.addRecordMetadata,
    validateRecords: config.validateRecords,
    loadMethod: config.loadMethod,
    maxParallelism: config.maxParallelism,
    // Two closed batches per load slot keep every slot busy while the next ones are encoded; more would
    // only hold more part files on disk.
    queueCapacity: 2 * config.maxParallelism,
    planOptions: toPlanOptions(config, log),
    directory,
    log,
    out: new LineWriter(options.output ?? process.stdout),
    ...(options.now ? { now: options.now } : {}),
    ...(options.progressIntervalMs === undefined ? {} : { progressIntervalMs: options.progressIntervalMs }),
  });

  let stopping: string | undefined;
  const onSignal = (signal: string): void => {
    if (stopping !== undefined) return;
    stopping = signal;
    log.info(`${signal} received: loading what was received, then printing the final state`);
    input.destroy(); // ends the read loop even while the tap sends nothing
  };
  const handlers = SIGNALS.map((signal) => [signal, () => onSignal(signal)] as const);
  for (const [signal, handler] of handlers) signals.on(signal, handler);
  flow.onFailure(() => input.destroy());
  const timer = setInterval(() => void flow.tick().catch(() => undefined), options.tickMs ?? TICK_MS);
  timer.unref();

  try {
    try {
      reading: for await (const batch of readMessageBatches(input)) {
        for (const { message, lineNumber } of batch) {
          if (stopping !== undefined || flow.failed !== undefined) break reading;
          const handling = flow.handle(message, lineNumber);
          if (handling !== undefined) await handling;
        }
      }
    } catch (error) {
      // Destroying the input on a signal or a failed load ends the loop with a premature close.
      if (flow.failed === undefined && stopping === undefined) throw error;
    }
    if (flow.failed) throw flow.failed.error;
    await flow.finish();
  } catch (error) {
    await flow.abandon().catch(() => undefined);
    throw error;
  } finally {
    clearInterval(timer);
    for (const [signal, handler] of handlers) signals.off(signal, handler);
    await loader.close();
  }
}
