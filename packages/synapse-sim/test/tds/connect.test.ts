import { createRequire } from 'node:module';
import t from 'tap';
import type * as Tedious from 'tedious';
import { sql } from './mssql.js';
import { FakeEngine } from './fake-engine.js';
import { DATABASE, PASSWORD, startHarness, USER } from './harness.js';

const tedious = createRequire(import.meta.url)('tedious') as typeof Tedious;

t.test('the mssql client connects, runs its SET batch, and lands in a session of its own', async (t) => {
  const engine = new FakeEngine();
  const { connect } = await startHarness(t, engine);
  const pool = await connect();
  const result = await pool.request().query('SELECT SESSION');
  // mssql opens and closes one probe connection before its pool's own: the pool's session is the last one.
  t.same(result.recordset, [{ session: engine.opened.length }]);
  t.same(engine.opened.at(-1), { database: DATABASE, user: USER });
  const first = engine.received.find(({ session }) => session === engine.opened.length);
  t.match(first?.request.text ?? '', /^set ansi_nulls on/);
  t.equal(first?.request.kind, 'batch');
});

t.test('a wrong password fails with ELOGIN and the real 18456 message', async (t) => {
  const { connect } = await startHarness(t, new FakeEngine());
  const error = await connect({ password: 'wrong' }).then(() => undefined, (e: unknown) => e);
  t.ok(error instanceof sql.ConnectionError);
  t.match(error, { code: 'ELOGIN', message: `Login failed for user '${USER}'.` });
});

t.test('an unknown user fails the same way, naming that user', async (t) => {
  const { connect } = await startHarness(t, new FakeEngine());
  const error = await connect({ user: 'mallory' }).then(() => undefined, (e: unknown) => e);
  t.match(error, { code: 'ELOGIN', message: "Login failed for user 'mallory'." });
});

t.test('another database than the configured one is refused with 4060, then 18456', async (t) => {
  const { connect, sim } = await startHarness(t, new FakeEngine());
  const error = await connect({ database: 'other' }).then(() => undefined, (e: unknown) => e);
  // mssql surfaces the last login error; the ERROR tokens before it are visible on tedious's errorMessage event.
  t.match(error, { code: 'ELOGIN', message: `Login failed for user '${USER}'.` });
  const numbers: number[] = [];
  const connection = new tedious.Connection({
    server: sim.host,
    authentication: { type: 'default', options: { userName: USER, password: PASSWORD } },
    options: { port: sim.port, database: 'other', encrypt: false, trustServerCertificate: true },
  });
  connection.on('errorMessage', (token: { number: number }) => numbers.push(token.number));
  const failed = await new Promise<unknown>((resolve) => {
    connection.on('connect', resolve);
    connection.connect();
  });
  connection.close();
  t.match(failed, { code: 'ELOGIN' });
  t.same(numbers, [4060, 18456]);
});
