// Peak RSS of a child process, from /proc/<pid>/status VmHWM (the kernel's high-water mark), sampled until it exits.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function watchPeakRss(child: ChildProcess, intervalMs = 250): () => number {
  let peakKb = 0;
  const sample = (): void => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      // the process has exited between samples
    }
  };
  const timer = setInterval(sample, intervalMs);
  child.once('exit', () => clearInterval(timer));
  return () => peakKb / 1024;
}
