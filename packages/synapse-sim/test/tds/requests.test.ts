// Sessions, errors, cancellation, large replies and dropped connections, through the real mssql client.
import t from 'tap';
import { FakeEngine } from './fake-engine.js';
import { startHarness } from './harness.js';
import { sql } from './mssql.js';
import { tolerateTediousDropRejection } from './tedious-drop.js';
import { waitUntil, within } from './wait.js';

t.test('concurrent connections each get a session of their own', async (t) => {
  const engine = new FakeEngine();
  const harness = await startHarness(t, engine);
  const [a, b] = await Promise.all([harness.connect(), harness.connect()]);
  if (a === undefined || b === undefined) throw new Error('two pools expected');
  const [sa, sb] = await Promise.all([a.request().query('SELECT SESSION'), b.request().query('SELECT SESSION')]);
  t.not(sa.recordset[0]?.session, sb.recordset[0]?.session);
  await Promise.all([a.request().query("INSERT ROW 'only-a'"), b.request().query("INSERT ROW 'only-b'")]);
  const [ra, rb] = await Promise.all([a.request().query('SELECT ROWS'), b.request().query('SELECT ROWS')]);
  t.same(ra.recordset, [{ r: 'only-a' }]);
  t.same(rb.recordset, [{ r: 'only-b' }]);
});

t.test('an ERROR token surfaces as a RequestError with number, state and class; the connection stays usable', async (t) => {
  const engine = new FakeEngine();
  const pool = await (await startHarness(t, engine)).connect();
  const error = await pool.request().query("THROW 40501, 'The service is currently busy.', 7").then(() => undefined, (e: unknown) => e);
  t.ok(error instanceof sql.RequestError);
  t.match(error, { code: 'EREQUEST', number: 40501, state: 7, class: 16, message: 'The service is currently busy.' });
  const batchError = await pool.request().batch("INSERT ROW 'a'; THROW 2627, 'Violation of PRIMARY KEY constraint.', 1").then(() => undefined, (e: unknown) => e);
  t.match(batchError, { number: 2627 });
  const after = await pool.request().query('SELECT ROWS');
  t.same(after.recordset, [{ r: 'a' }]);
});

t.test('an RPC to another procedure than sp_executesql is refused with 2812', async (t) => {
  const pool = await (await startHarness(t, new FakeEngine())).connect();
  const error = await pool.request().execute('sp_who').then(() => undefined, (e: unknown) => e);
  t.match(error, { number: 2812, message: "Could not find stored procedure 'sp_who'." });
});

t.test('request.cancel() sends an attention that aborts the statement, and the connection carries on', async (t) => {
  const engine = new FakeEngine();
  const pool = await (await startHarness(t, engine)).connect();
  const request = pool.request();
  const running = request.query('WAITFOR').then(() => undefined, (e: unknown) => e);
  await waitUntil('the engine starts running the WAITFOR', () => engine.waits.length > 0);
  request.cancel();
  const error = await within('the cancelled request fails', running);
  t.match(error, { code: 'ECANCEL' });
  t.equal(engine.waits[0]?.aborted, true, "the engine's AbortSignal fired");
  const after = await pool.request().query('SELECT SESSION');
  t.equal(after.recordset.length, 1);
});

t.test('a reply far larger than a 512-byte packet arrives whole', async (t) => {
  const engine = new FakeEngine();
  const pool = await (await startHarness(t, engine)).connect({ options: { encrypt: false, trustServerCertificate: true, packetSize: 512 } });
  const result = await pool.request().query('ROWS 300 WIDTH 700');
  t.equal(result.recordset.length, 300);
  t.same(result.recordset[299], { n: 299, s: '299:'.padEnd(700, 'x') });
  t.ok(result.recordset.every((row: { n: number; s: string }, n: number) => row.n === n && row.s === `${n}:`.padEnd(700, 'x')));
});

t.test('a ConnectionDropFault closes the socket without a reply, and the session with it', async (t) => {
  const tolerated = tolerateTediousDropRejection(t);
  const engine = new FakeEngine();
  const pool = await (await startHarness(t, engine)).connect();
  const session = (await pool.request().query('SELECT SESSION')).recordset[0]?.session as number;
  const error = await pool.request().query('DROP CONNECTION').then(() => undefined, (e: unknown) => e);
  t.ok(error instanceof Error);
  t.match((error as { code?: string }).code, /^(ECONNCLOSED|ESOCKET|ECONNRESET)$/);
  await waitUntil('the dropped connection closes its session', () => engine.closedSessions.includes(session));
  t.pass('the dropped connection closed its session');
  for (let waited = 0; tolerated.length === 0 && waited < 50; waited += 1) await new Promise((resolve) => setTimeout(resolve, 10));
});
