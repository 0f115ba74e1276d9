// COPY INTO throughput of synapse-sim: 1,000,000 rows x 10 mixed-type columns as gzip CSV files in Azurite, loaded
// with one COPY INTO sent through the real mssql client to a synapse-sim process (TDS -> DuckDB engine -> COPY).
// Prints rows/s and the sim process's peak RSS (Linux VmHWM). Needs `npx tsc -b packages/synapse-sim` first.
// Usage: node bench/synapse-sim-copy.mjs [rows]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { BlobServiceClient, ContainerSASPermissions, StorageSharedKeyCredential, generateBlobSASQueryParameters } from '@azure/storage-blob';

const here = dirname(fileURLToPath(import.meta.url));
const simDist = join(here, '..', 'packages', 'synapse-sim', 'dist');
const { startAzurite } = await import(join(simDist, 'index.js'));
const requireFromSim = createRequire(join(simDist, 'index.js'));
const sql = requireFromSim('mssql');

const ROWS = Number(process.argv[2] ?? 1_000_000);
const FILES = 8;
const USER = 'bench';
const PASSWORD = 'bench-Pw1';
const CONTAINER = 'staging';

/** Deterministic pseudo-random numbers (mulberry32) so every run loads the same data. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const quote = (s) => `"${s.replace(/"/g, '""')}"`;
const NAMES = ['Ann', 'Bo "the" Builder', 'Zoë, Ltd', 'José 😀', '日本語', 'plain'];

function csvPart(first, count, random) {
  const lines = [];
  for (let id = first; id < first + count; id += 1) {
    const r = random();
    const name = quote(`${NAMES[id % NAMES.length]} ${id}`);
    const amount = (random() * 1e6 - 5e5).toFixed(4);
    const qty = Math.floor(random() * 2e9 - 1e9);
    const ok = r < 0.5 ? '1' : '0';
    const at = new Date(1.6e12 + Math.floor(random() * 1e11)).toISOString().replace('T', ' ').replace('Z', '0000+00:00');
    const day = at.slice(0, 10);
    const score = (random() * 100).toString();
    const hex = (n) => Math.floor(random() * 16 ** n).toString(16).padStart(n, '0');
    const uid = `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(6)}${hex(6)}`;
    const note = r < 0.1 ? '' : r < 0.2 ? '""' : quote(`{"k":${id},"t":"line1\nline2"}`);
    lines.push(`${id},${name},${amount},${qty},${ok},${at},${day},${score},${uid},${note}\n`);
  }
  return lines.join('');
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

const azurite = await startAzurite();
let sim;
let pool;
try {
  const credential = new StorageSharedKeyCredential(azurite.accountName, azurite.accountKey);
  const container = new BlobServiceClient(azurite.blobEndpoint, credential).getContainerClient(CONTAINER);
  await container.create();
  const genStart = performance.now();
  const random = rng(42);
  const per = Math.ceil(ROWS / FILES);
  let csvBytes = 0;
  let gzBytes = 0;
  const names = [];
  for (let f = 0; f < FILES; f += 1) {
    const count = Math.min(per, ROWS - f * per);
    const csv = Buffer.from(csvPart(f * per + 1, count, random), 'utf8');
    const gz = gzipSync(csv);
    csvBytes += csv.length;
    gzBytes += gz.length;
    const name = `bench/run-1/part-${String(f + 1).padStart(4, '0')}.csv.gz`;
    await container.getBlockBlobClient(name).uploadData(gz);
    names.push(name);
  }
  console.log(`generated and uploaded ${ROWS} rows in ${FILES} gzip files: ${(csvBytes / 1e6).toFixed(1)} MB CSV, ${(gzBytes / 1e6).toFixed(1)} MB gzip (${((performance.now() - genStart) / 1000).toFixed(1)} s)`);

  sim = spawn(process.execPath, [join(simDist, 'cli.js'), '--user', USER, '--password', PASSWORD, '--blob-endpoint', azurite.blobEndpoint], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await once(sim.stdout, 'data');
  const port = Number(/:(\d+)\s*$/.exec(String(line).trim())?.[1]);
  pool = await new sql.ConnectionPool({
    server: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'dw',
    options: { encrypt: false, trustServerCertificate: true }, pool: { max: 1 }, requestTimeout: 600_000,
  }).connect();
  await pool.request().batch(`CREATE TABLE [dbo].[bench] ([id] BIGINT NOT NULL, [name] NVARCHAR(100) NULL, [amount] DECIMAL(18,4) NULL,
    [qty] INT NULL, [ok] BIT NULL, [at] DATETIMEOFFSET(7) NULL, [day] DATE NULL, [score] FLOAT NULL, [uid] UNIQUEIDENTIFIER NULL,
    [note] NVARCHAR(MAX) NULL) WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)`);
  const before = peakRssMb(sim.pid);
  const now = Date.now();
  const sas = generateBlobSASQueryParameters({ containerName: CONTAINER, permissions: ContainerSASPermissions.parse('rl'),
    startsOn: new Date(now - 60_000), expiresOn: new Date(now + 3_600_000) }, credential).toString();
  const from = names.map((n) => `'https://${azurite.accountName}.blob.core.windows.net/${CONTAINER}/${n}'`).join(', ');
  const start = performance.now();
  const result = await pool.request().query(`COPY INTO [dbo].[bench] FROM ${from} WITH (FILE_TYPE = 'CSV', CREDENTIAL = (IDENTITY = 'Shared Access Signature', SECRET = '?${sas}'), FIELDQUOTE = '"', FIELDTERMINATOR = ',', ROWTERMINATOR = '0x0A', ENCODING = 'UTF8', COMPRESSION = 'GZIP', MAXERRORS = 0)`);
  const seconds = (performance.now() - start) / 1000;
  const after = peakRssMb(sim.pid);
  const count = (await pool.request().query('SELECT COUNT(*) AS n FROM [dbo].[bench]')).recordset[0].n;
  if (result.rowsAffected[0] !== ROWS || count !== ROWS) throw new Error(`loaded ${result.rowsAffected[0]} / counted ${count}, expected ${ROWS}`);
  console.log(`COPY INTO via mssql -> synapse-sim -> Azurite: ${ROWS} rows in ${seconds.toFixed(2)} s = ${Math.round(ROWS / seconds).toLocaleString('en-US')} rows/s`);
  console.log(`synapse-sim process RSS: ${before.now.toFixed(0)} MB before COPY, peak ${after.peak.toFixed(0)} MB (VmHWM), ${after.now.toFixed(0)} MB after`);
} finally {
  await pool?.close().catch(() => undefined);
  if (sim !== undefined && sim.exitCode === null) { sim.kill('SIGTERM'); await once(sim, 'exit'); }
  await azurite.stop();
}
