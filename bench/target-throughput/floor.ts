// The bare floor (issue 10 (a)): read + JSON.parse + flatten + CSV + gzip over the benchmark input, on the main
// thread alone, and split over two worker threads (the machine has two cores).
import { Worker } from 'node:worker_threads';
import { encodeLines } from './floor-work.js';
import { lineChunks } from './lines.js';

export interface FloorRun {
  readonly seconds: number;
  readonly gzipBytes: number;
}

export async function floorOneThread(path: string): Promise<FloorRun> {
  const started = performance.now();
  let bytes = 0;
  for await (const chunk of lineChunks(path)) bytes += encodeLines(chunk);
  return { seconds: (performance.now() - started) / 1000, gzipBytes: bytes };
}

export async function floorWorkers(path: string, threads = 2): Promise<FloorRun> {
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./floor-worker.ts', import.meta.url)));
  // Timed from when every worker has compiled its module and answered once, as a long-running loader's would have.
  await Promise.all(workers.map((worker) => new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage([]);
  })));
  const started = performance.now();
  let bytes = 0;
  let inFlight = 0;
  let wake: (() => void) | undefined;
  const idle = [...workers];
  for (const worker of workers) {
    worker.on('message', (n: number) => {
      bytes += n;
      inFlight -= 1;
      idle.push(worker);
      wake?.();
    });
  }
  const waitForIdle = (): Promise<void> => new Promise((resolve) => { wake = resolve; });
  for await (const chunk of lineChunks(path)) {
    while (idle.length === 0) await waitForIdle();
    inFlight += 1;
    idle.shift()?.postMessage(chunk);
  }
  while (inFlight > 0) await waitForIdle();
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(workers.map((worker) => worker.terminate()));
  return { seconds, gzipBytes: bytes };
}
