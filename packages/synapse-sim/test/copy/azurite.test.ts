import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import { BlobServiceClient } from '@azure/storage-blob';
import { startAzurite } from '../../src/azurite.js';

const alive = (pid: number): boolean => {
  try { process.kill(pid, 0); return true; } catch { return false; }
};

/** Pids of this process's children running Azurite's blob main module (Linux /proc). */
function azuriteChildren(): readonly number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (ppid === process.pid && cmdline.includes('azurite')) pids.push(Number(entry));
    } catch {
      // The process ended while being read.
    }
  }
  return pids;
}

t.test('two Azurites start on distinct free loopback ports and serve the well-known account', async (t) => {
  const [a, b] = await Promise.all([startAzurite(), startAzurite()]);
  t.teardown(async () => { await a.stop(); await b.stop(); });
  t.match(a.blobEndpoint, /^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1$/);
  t.not(a.blobEndpoint, b.blobEndpoint);
  t.equal(a.accountName, 'devstoreaccount1');
  const service = BlobServiceClient.fromConnectionString(a.connectionString);
  await service.getContainerClient('abc').create();
  const names: string[] = [];
  for await (const c of service.listContainers()) names.push(c.name);
  t.same(names, ['abc']);
});

t.test('stop ends the process, and is safe to call twice', async (t) => {
  const a = await startAzurite();
  t.ok(alive(a.pid));
  t.strictSame(azuriteChildren(), [a.pid], 'it is a child of this process (what the start-failure test looks for)');
  await a.stop();
  await a.stop();
  t.notOk(alive(a.pid), 'no stray process');
});

t.test('a start that does not become ready in time fails clearly and leaves no process', async (t) => {
  t.strictSame(azuriteChildren(), [], 'no Azurite child before');
  const error = await startAzurite({ startTimeoutMs: 1 }).then(() => undefined, (e: unknown) => e);
  t.ok(error instanceof Error);
  t.match((error as Error).message, /did not print "successfully listens" within 1 ms/);
  t.strictSame(azuriteChildren(), [], 'the child it spawned is gone once the promise rejects');
});

t.test('Azurite exits on its own when the process that started it dies without cleaning up', async (t) => {
  const src = new URL('../../src/azurite.ts', import.meta.url).href;
  const script = `const { startAzurite } = await import(${JSON.stringify(src)}); const a = await startAzurite(); console.log(a.pid);`;
  const parent = spawn(process.execPath, [...process.execArgv, '--input-type=module', '-e', `${script} setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(parent.stdout, 'data')) as [Buffer];
  const pid = Number(String(line).trim());
  t.ok(alive(pid), 'Azurite runs');
  parent.kill('SIGKILL');
  for (let waited = 0; alive(pid) && waited < 100; waited += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  t.notOk(alive(pid), 'and is gone after its parent was killed');
});
