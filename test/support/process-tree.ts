// Which processes a process started, read from /proc (Linux), so a test can check that none outlives it.
import { readdirSync, readFileSync } from 'node:fs';

/** pid -> parent pid of every process visible now. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so split after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(Number(entry), ppid);
    } catch {
      // the process ended while we read
    }
  }
  return map;
}

/** The pids descending from `root` right now (children, grandchildren, ...). */
export function descendants(root: number): readonly number[] {
  const map = parents();
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    for (const [pid, ppid] of map) {
      if (ppid === parent && !found.includes(pid)) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

/** Whether a pid is a live process (a zombie waiting for its parent counts as gone). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Collects every descendant of `root` seen while it runs, polling until `stop()`. */
export function watchDescendants(root: number, intervalMs = 100): { readonly seen: ReadonlySet<number>; stop(): void } {
  const seen = new Set<number>();
  const poll = (): void => { for (const pid of descendants(root)) seen.add(pid); };
  poll();
  const timer = setInterval(poll, intervalMs);
  return { seen, stop: () => { poll(); clearInterval(timer); } };
}
