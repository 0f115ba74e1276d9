// Staging through Blob: SAS and account-key auth, the adls (dfs) location, the blobs' life cycle, COPY's
// credential error as one line, and no secret in any logged SQL.
import t from 'tap';
import { createSynapseLoader } from '../../src/load/synapse-loader.js';
import type { Loader } from '../../src/load/loader.js';
import { parseStagedFile } from '../../src/load/staged-file.js';
import { BIGINT, TEXT, batch, col, csvFile, startHarness, streamPlan, table, type Harness } from './harness.js';

let h: Harness;
t.before(async () => { h = await startHarness(); });
t.teardown(async () => { await h.stop(); });

async function withLoader<T>(options: Parameters<Harness['options']>[0], fn: (loader: Loader) => Promise<T>): Promise<T> {
  const loader = await createSynapseLoader(h.options(options));
  try { return await fn(loader); } finally { await loader.close(); }
}

let tables = 0;
async function loadOne(loader: Loader, sequence = 1): Promise<string> {
  tables += 1;
  const name = `staged${tables}`;
  const plan = streamPlan(table(name, [col('id', BIGINT, false), col('name', TEXT())], ['id']));
  await loader.apply([{ kind: 'create-table', table: plan.root }]);
  await loader.load(batch(plan, sequence, [await csvFile(h, name, [[1, 1, 'a']]), await csvFile(h, name, [[2, 2, 'b']])]));
  return name;
}

const sqlLines = (): readonly string[] => h.logs.filter((l) => l.includes(' SQL: '));

t.test('a SAS and an account key both upload and load, and neither secret is in any logged SQL', async (t) => {
  const sas = h.sas();
  h.logs.length = 0;
  const viaSas = await withLoader({ storageAuth: { kind: 'sas', sasToken: `?${sas}` }, loadId: 'sas-run' }, (l) => loadOne(l));
  const viaKey = await withLoader({ storageAuth: { kind: 'key', accountKey: h.azurite.accountKey }, loadId: 'key-run' }, (l) => loadOne(l));
  for (const name of [viaSas, viaKey]) t.same(await h.query(`SELECT COUNT(*) AS n FROM [tap].[${name}]`), [{ n: 2 }], `${name} holds both rows`);
  const copies = sqlLines().filter((l) => l.includes('COPY INTO'));
  t.equal(copies.length, 2);
  t.match(copies[0], /IDENTITY = 'Shared Access Signature', SECRET = '\*\*\*'/);
  t.match(copies[1], /IDENTITY = 'Storage Account Key', SECRET = '\*\*\*'/);
  const sig = /sig=([^&]+)/.exec(sas)?.[1] ?? 'no-sig';
  const leaks = h.logs.filter((line) => line.includes(h.azurite.accountKey) || line.includes(decodeURIComponent(sig)) || line.includes(sig));
  t.same(leaks, [], 'no secret in any log line');
});

t.test('storage_kind adls points COPY INTO at the dfs host', async (t) => {
  h.logs.length = 0;
  const name = await withLoader({ storageKind: 'adls', loadId: 'adls-run' }, (l) => loadOne(l));
  t.same(await h.query(`SELECT COUNT(*) AS n FROM [tap].[${name}]`), [{ n: 2 }]);
  const copy = sqlLines().find((l) => l.includes('COPY INTO')) ?? '';
  t.match(copy, new RegExp(`FROM 'https://${h.azurite.accountName}\\.dfs\\.core\\.windows\\.net/staging/target-synapse/adls-run/${name}/b000000001-p00000\\.csv\\.gz'`));
  t.notMatch(copy, /\.blob\.core/);
});

t.test('staged blobs are deleted after commit, and kept with keepStagedFiles', async (t) => {
  await withLoader({ loadId: 'delete-run' }, (l) => loadOne(l, 7));
  t.same((await h.blobNames()).filter((n) => n.includes('/delete-run/')), [], 'nothing left of the committed batch');
  const name = await withLoader({ loadId: 'keep-run', keepStagedFiles: true }, (l) => loadOne(l, 3));
  const kept = (await h.blobNames()).filter((n) => n.includes('/keep-run/'));
  t.same(kept.map(parseStagedFile), [
    { loadId: 'keep-run', table: name, sequence: 3, part: 0 },
    { loadId: 'keep-run', table: name, sequence: 3, part: 1 },
  ], 'both parts are kept under their parseable names');
});

t.test('a SAS Synapse cannot read with is one clear line naming the table and the fix, without the secret', async (t) => {
  const sas = h.sas('acw'); // add, create, write: uploads work, COPY's READ + LIST are missing
  const error = await withLoader({ storageAuth: { kind: 'sas', sasToken: sas }, loadId: 'nolist-run' }, (l) => loadOne(l)).then(() => undefined, (e: unknown) => e);
  t.ok(error instanceof Error);
  const message = (error as Error).message;
  t.equal(message.split('\n').length, 1);
  t.match(message, /^COPY INTO for table tap\.staged\d+ could not read the staged files: Synapse error 105215: Not able to validate external location because The remote server returned an error: \(403\) Forbidden\.; check that storage_auth's credential lets Synapse read and list the container$/);
  t.notOk(message.includes(sas) || message.includes('sig='), 'no secret in the error');
  t.equal((error as { kind?: string }).kind, 'permission', 'a user error: printed as one line, never retried');
});
