// The demo's sequence: stand-ins up, configs from demo/, a first sync, its summary, updates in the simulator,
// an incremental sync from the state the target printed, what changed, and everything stopped again.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContainerSASPermissions, StorageSharedKeyCredential, generateBlobSASQueryParameters } from '@azure/storage-blob';
import { CONTAINER, startStandIns } from '../stand-ins.mjs';
import { writeConfigs } from './configs.mjs';
import { runPipe } from './pipe.mjs';
import { ProgressView } from './progress.mjs';
import { firstSyncRows, formatFirstSync, formatSecondSync, formatTableChanges, secondSyncRows, tableChanges } from './report.mjs';
import { REQUESTS_PER_MINUTE } from './settings.mjs';
import { applyUpdates, CLOCK_ADVANCE_MS, UPDATES } from './updates.mjs';
import { rowCounts } from './warehouse.mjs';

/** Marks a folder the demo owns, so that it only ever empties its own. */
const MARKER = '.kustomer-synapse-demo';
/**
 * What the target needs of the container (README "Real-world setup"): create and write to upload, read and
 * list for COPY INTO, delete to remove the files after the commit.
 */
const SAS_PERMISSIONS = 'rcwdl';
const SAS_HOURS = 2;

const SECOND_SYNC_NOTE = [
  'Search streams start at their bookmark, inclusive (as Singer taps do), so each re-sends the records at the',
  "bookmark's instant too ('at bookmark'); modified records replace their rows, created ones add rows. Full-table",
  'streams are re-read whole and upserted in place. The tables grow by the created records and their child rows.',
].join('\n');

export class DemoInterrupted extends Error {}
export class DemoFailed extends Error {}

/**
 * @param {{ root: string, settings: ReturnType<typeof import('./settings.mjs').readDemoSettings>,
 *   signal: AbortSignal, say: (line: string) => void, print: (text: string) => void, onSpawn: (pid: number) => void }} ctx
 */
export async function runDemo(ctx) {
  const { root, settings, signal, say, print } = ctx;
  const started = Date.now();
  await prepareDir(settings.dir);
  say(`starting kustomer-sim (scale ${settings.scale}), Azurite and synapse-sim (DuckDB file ${settings.databaseFile})`);
  const standIns = await startStandIns({
    kustomer: { scale: settings.scale, frozenClock: true, requestLog: false, rateLimits: { orgPerMinute: REQUESTS_PER_MINUTE, searchPerMinute: REQUESTS_PER_MINUTE } },
    databaseFile: settings.databaseFile,
  });
  try {
    const { synapse, azurite, kustomer } = standIns;
    const configs = await writeConfigs(root, settings.dir, configValues(standIns));
    say(`kustomer-sim ${kustomer.url}, synapse-sim ${synapse.host}:${synapse.port}, Azurite ${azurite.blobEndpoint}`);
    say(`configs from demo/*.json: ${configs.tap}, ${configs.target}`);

    const firstDir = join(settings.dir, 'run-1');
    say('sync 1: tap-kustomer | target-synapse, every stream from start_date');
    const first = await sync(ctx, firstDir, configs);
    const afterFirst = await rowCounts(standIns);
    print(`\nSync 1: the whole org\n\n${formatFirstSync(firstSyncRows(first.tally, afterFirst))}\n`);
    const stateFile = join(settings.dir, 'state.json');
    await writeFile(stateFile, `${JSON.stringify(first.state)}\n`);

    const expected = applyUpdates(kustomer, first.state);
    say(`sim clock +${CLOCK_ADVANCE_MS / 60_000} min; updates: ${UPDATES.map(describeUpdate).join(', ')}`);
    say(`sync 2: the same pipe with --state ${stateFile} (the last line the target printed)`);
    const second = await sync(ctx, join(settings.dir, 'run-2'), configs, stateFile);
    const afterSecond = await rowCounts(standIns);
    const rows = secondSyncRows(second.tally, expected);
    const changes = tableChanges(afterFirst, afterSecond);
    print(`\nSync 2: incremental, from the state of sync 1\n\n${formatSecondSync(rows)}\n\n${SECOND_SYNC_NOTE}\n\n` +
      `Tables whose row count changed:\n\n${formatTableChanges(changes)}\n`);
    await writeFile(join(settings.dir, 'state.json'), `${JSON.stringify(second.state)}\n`);
    await writeFile(join(settings.dir, 'report.json'), `${JSON.stringify({
      scale: settings.scale,
      first: firstSyncRows(first.tally, afterFirst),
      second: rows,
      tables: { afterFirst: Object.fromEntries(afterFirst), afterSecond: Object.fromEntries(afterSecond) },
      updates: UPDATES,
    }, null, 2)}\n`);
    const wrong = rows.filter((r) => r.expected !== undefined && r.sent !== r.expected);
    if (wrong.length > 0) throw new DemoFailed(`sync 2 sent other records than the updates: ${wrong.map((r) => `${r.stream} ${r.sent} (expected ${r.expected})`).join(', ')}`);
    say(`done in ${((Date.now() - started) / 1000).toFixed(1)} s; configs, logs and state are in ${settings.dir}`);
  } finally {
    say('stopping the stand-ins');
    await standIns.stop();
  }

  /** @param {string} dir @param {{ tap: string, target: string }} configs @param {string} [stateFile] */
  async function sync(c, dir, configs, stateFile) {
    // A Ctrl-C while the stand-ins start (or between the syncs) must not start a sync that nothing would stop.
    if (signal.aborted) throw new DemoInterrupted('interrupted');
    await mkdir(dir, { recursive: true });
    const view = new ProgressView(process.stderr);
    const began = Date.now();
    const result = await runPipe({
      root, dir, tapConfig: configs.tap, targetConfig: configs.target, ...(stateFile === undefined ? {} : { stateFile }),
      onProgress: (tally) => view.update(tally), signal, onSpawn: c.onSpawn,
    });
    view.end();
    if (signal.aborted) throw new DemoInterrupted('interrupted');
    // The target first: when it fails, the tap then fails writing into the closed pipe, which is no cause.
    for (const [name, side] of /** @type {const} */ ([['target-synapse', result.target], ['tap-kustomer', result.tap]])) {
      if (side.code !== 0) {
        throw new DemoFailed(`${name} failed (exit ${side.code ?? side.signal}): ${side.lastError ?? 'no output'} (log: ${join(dir, `${name}.log`)})`);
      }
    }
    if (result.state === undefined) throw new DemoFailed(`target-synapse printed no state (log: ${join(dir, 'target-synapse.log')})`);
    say(`${result.tally.total()} records through the pipe in ${((Date.now() - began) / 1000).toFixed(1)} s (logs: ${dir})`);
    return result;
  }
}

/** @param {import('../stand-ins.d.mts').StandIns} standIns */
function configValues(standIns) {
  const { kustomer, synapse, azurite, targetConfig } = standIns;
  const sas = generateBlobSASQueryParameters({
    containerName: CONTAINER, permissions: ContainerSASPermissions.parse(SAS_PERMISSIONS),
    expiresOn: new Date(Date.now() + SAS_HOURS * 3_600_000),
  }, new StorageSharedKeyCredential(azurite.accountName, azurite.accountKey)).toString();
  return {
    tap: {
      api_token: kustomer.apiToken, base_url: kustomer.url,
      max_requests_per_minute: REQUESTS_PER_MINUTE, search_requests_per_minute: REQUESTS_PER_MINUTE,
    },
    target: {
      host: synapse.host, port: synapse.port, database: targetConfig.database, user: targetConfig.user,
      password: targetConfig.password, storage_account: azurite.accountName, container: CONTAINER,
      storage_sas_token: sas,
      // Only the local stand-ins need these: synapse-sim speaks no TLS, and uploads go to Azurite.
      encrypt: false, trust_server_certificate: true, storage_endpoint: azurite.blobEndpoint,
    },
  };
}

/** Empties the demo folder of an earlier run, refusing a non-empty folder the demo did not make. */
async function prepareDir(dir) {
  const entries = await readdir(dir).catch(() => []);
  if (entries.length > 0 && !entries.includes(MARKER)) {
    throw new DemoFailed(`${dir} is not empty and not a demo folder; set DEMO_DIR to a new or empty folder`);
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, MARKER), 'made by npm run demo; emptied by its next run\n');
}

/** @param {(typeof UPDATES)[number]} u */
function describeUpdate(u) {
  return [u.modify === undefined ? '' : `${u.modify} ${u.stream} modified`, u.create === undefined ? '' : `${u.create} created`].filter(Boolean).join(' and ');
}
