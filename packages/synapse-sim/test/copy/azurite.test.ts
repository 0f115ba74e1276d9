import t from 'tap';
import { BlobServiceClient } from '@azure/storage-blob';
import { startAzurite } from '../../src/azurite.js';

const alive = (pid: number): boolean => {
  try { process.kill(pid, 0); return true; } catch { return false; }
};

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
  await a.stop();
  await a.stop();
  t.notOk(alive(a.pid), 'no stray process');
});

t.test('a start that does not become ready in time fails clearly and leaves no process', async (t) => {
  const error = await startAzurite({ startTimeoutMs: 1 }).then(() => undefined, (e: unknown) => e);
  t.ok(error instanceof Error);
  t.match((error as Error).message, /did not print "successfully listens" within 1 ms/);
});
