// One run at a time per config directory: a lock file holding the runner's pid. It is created with link(2),
// which fails with EEXIST like open(O_CREAT | O_EXCL) but publishes the file with its pid already written, so a
// second runner never reads a half-written lock. A lock whose pid is dead (a runner killed with SIGKILL, a
// reboot) is stale and taken over with a log line; a live one refuses the run.
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@kustomer-synapse/singer';
import { LockBusyError } from './errors.js';

export const LOCK_FILE = 'sync.lock';

export interface Lock {
  readonly path: string;
  release(): Promise<void>;
}

export async function acquireLock(dir: string, log: Logger, pid = process.pid): Promise<Lock> {
  const path = join(dir, LOCK_FILE);
  const draft = `${path}.${pid}`;
  await writeFile(draft, `${pid}\n`);
  try {
    // A few rounds: after a stale lock is taken over, or a held one released between link and read, try again.
    for (let round = 0; round < 3; round += 1) {
      if (await linked(draft, path)) return { path, release: () => releaseLock(path, pid) };
      const holder = await readPid(path);
      if (holder === undefined) continue; // released (or unreadable) since link failed: try again
      // A pid equal to ours is a reused number (a container restarted with the same pid), not this process.
      if (holder !== pid && isAlive(holder)) throw new LockBusyError(path, holder);
      await takeOver(path, holder, pid, log);
    }
    throw new LockBusyError(path, await readPid(path));
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

async function linked(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Moves the stale lock aside (rename is atomic, so of two runners taking over at once only one moves it) and
 * deletes it if it is still the dead pid's; a live lock moved by mistake is put back.
 */
async function takeOver(path: string, stalePid: number, pid: number, log: Logger): Promise<void> {
  const aside = `${path}.stale.${pid}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else took it over
    throw error;
  }
  const moved = await readPid(aside);
  if (moved === stalePid) {
    await unlink(aside);
    log.warning(`took over the stale lock ${path} of pid ${stalePid}, which is no longer running (a previous run was killed)`);
  } else {
    await linked(aside, path);
    await unlink(aside);
  }
}

async function releaseLock(path: string, pid: number): Promise<void> {
  if ((await readPid(path)) === pid) await unlink(path).catch(() => undefined);
}

async function readPid(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(path, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** kill(pid, 0) sends nothing and tells whether the pid exists; EPERM means it exists under another user. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
