/**
 * Issue 11: `meltano run tap-kustomer target-synapse` with the repository's meltano.yml against the stand-ins,
 * then the job its hourly schedule runs. The first run loads every record; after updates in the simulator the scheduled
 * run starts from the state Meltano stored and loads only the changed records.
 */
import t from 'tap';
import { startStandIns } from '../../scripts/stand-ins.mjs';
import { meltanoProject, meltanoVenv, settingsEnv } from './meltano-project.js';
import { atBookmarks, expectTablesMatchSim, FAST_ORG, FAST_TAP_SETTINGS, simIds, tableIds, targetReceived } from './pipe.js';

const STATE_ID = 'dev:tap-kustomer-to-target-synapse';
const INCREMENTAL = ['customers', 'conversations', 'messages', 'notes', 'companies', 'kobjects'] as const;

const venv = await meltanoVenv();

t.test('meltano run, then the scheduled job: every record, then only the changes, from the state Meltano stored', { skip: venv.ok ? false : venv.skip }, async (t) => {
  if (!venv.ok) return;
  const standIns = await startStandIns(FAST_ORG);
  t.teardown(() => standIns.stop());
  const { default_target_schema: _schema, ...target } = standIns.targetConfig;
  const startDate = String(standIns.tapConfig['start_date']);
  const project = await meltanoProject(t, venv.venv, {
    ...settingsEnv('tap-kustomer', { ...standIns.tapConfig, ...FAST_TAP_SETTINGS }),
    ...settingsEnv('target-synapse', target),
  });
  const ran = (result: { code: number | null; stderr: string }) => `exit ${String(result.code)}${result.code === 0 ? '' : `:\n${result.stderr.slice(-4000)}`}`;

  const first = await project.run(['run', 'tap-kustomer', 'target-synapse']);
  t.equal(first.code, 0, `the first meltano run succeeds (${ran(first)})`);
  t.comment(`first run: ${first.ms} ms`);
  t.match(first.stderr, 'No state was found, complete import.', 'the first run starts without state');
  await expectTablesMatchSim(t, standIns, startDate, 'after the first run');
  // Loaded into the schema meltano.yml gives the extractor (load_schema -> default_target_schema).
  t.same(await standIns.tables('dbo'), [], 'nothing lands in the target default schema dbo');

  const stored = await project.run(['state', 'get', STATE_ID]);
  t.equal(stored.code, 0, `meltano state get succeeds (${ran(stored)})`);
  const bookmarks = (JSON.parse(stored.stdout) as { singer_state: { bookmarks: Record<string, { replication_key_value: string }> } }).singer_state.bookmarks;
  t.same(Object.keys(bookmarks).sort(), [...INCREMENTAL, 'conversation_attachments'].sort(), 'Meltano stored a bookmark for each incremental stream and the attachments');
  t.equal(bookmarks['conversation_attachments']?.replication_key_value, bookmarks['conversations']?.replication_key_value,
    'after a whole run the attachments are read up to the conversations bookmark');

  standIns.kustomer.clock.advance(60_000);
  const conversations = standIns.kustomer.update({ kind: 'conversation', modify: 5, create: 2 });
  const customers = standIns.kustomer.update({ kind: 'customer', modify: 3 });

  const schedules = await project.run(['schedule', 'list', '--format', 'json']);
  const listed = (JSON.parse(schedules.stdout) as { schedules: { job: { name: string; cron_interval: string; job: { tasks: string[] } }[] } }).schedules.job;
  t.same(
    listed.map((schedule) => `${schedule.name} ${schedule.cron_interval} ${schedule.job.tasks.join(';')}`),
    ['kustomer-to-synapse-hourly 0 * * * * tap-kustomer target-synapse'],
    'meltano.yml schedules the pair hourly',
  );

  // The second run is the job the hourly schedule runs: it must share the state of the first. (`meltano schedule
  // run` re-executes the meltano console script, whose shebang names the scratch folder our venv was built in.)
  const second = await project.run(['run', 'kustomer-to-synapse']);
  t.equal(second.code, 0, `the scheduled job's run succeeds (${ran(second)})`);
  t.comment(`second run: ${second.ms} ms`);
  for (const stream of INCREMENTAL) {
    const from = new Date(bookmarks[stream]!.replication_key_value).toISOString();
    t.match(second.stderr, `stream ${stream}: syncing records updated from ${from}`, `${stream} resumes from the stored bookmark ${from}`);
  }
  const received = targetReceived(second.stderr);
  const reread = atBookmarks(standIns.kustomer, bookmarks);
  t.same(
    Object.fromEntries(INCREMENTAL.map((stream) => [stream, received[stream] ?? 0])),
    { ...reread, customers: reread['customers']! + 3, conversations: reread['conversations']! + 7 },
    'the target received only the changed and created records (and those at each bookmark, which search re-reads)',
  );
  await expectTablesMatchSim(t, standIns, startDate, 'after the second run');
  const changed = [...conversations.modified, ...conversations.created];
  const rows = await standIns.query(
    `SELECT id, updated_at FROM kustomer.conversations WHERE id IN (${changed.map((id) => `'${id}'`).join(', ')})`,
  );
  t.same(
    rows.map((row) => `${String(row['id'])} ${new Date(row['updated_at'] as Date).toISOString()}`).sort(),
    changed.map((id) => `${id} ${new Date(conversations.updatedAt).toISOString()}`).sort(),
    'the changed conversations carry their new updated_at',
  );
  t.same(await tableIds(standIns, 'customers'), simIds(standIns.kustomer, ['customer'], startDate), `customers ${customers.modified.join(', ')} are still one row each`);

  const after = await project.run(['state', 'get', STATE_ID]);
  const advanced = (JSON.parse(after.stdout) as { singer_state: { bookmarks: Record<string, { replication_key_value: string }> } }).singer_state.bookmarks;
  t.equal(new Date(advanced['conversations']!.replication_key_value).toISOString(), new Date(conversations.updatedAt).toISOString(), 'the stored conversations bookmark moved to the update');
});
