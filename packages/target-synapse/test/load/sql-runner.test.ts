// The SQL runner: Entra ID token failures and refused logins are one clear line without the secret;
// SQL errors are classified by number (sql-errors.ts).
import { createServer } from 'node:net';
import t from 'tap';
import { Logger, Redactor } from '@kustomer-synapse/singer';
import { startSynapseSim, type SynapseSim } from '@kustomer-synapse/synapse-sim';
import { createSqlConnector, tediousConfig } from '../../src/load/sql-runner.js';
import { statement } from '../../src/load/sql.js';
import { classifySqlError, SQL_ERRORS } from '../../src/load/sql-errors.js';
import { DATABASE, PASSWORD, USER } from './harness.js';

const quiet = new Logger('test', 'error', { write: () => undefined }, new Redactor());

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

let sim: SynapseSim;
t.before(async () => { sim = await startSynapseSim({ user: USER, password: PASSWORD, database: DATABASE }); });
t.teardown(async () => { await sim.stop(); });

t.test('a service principal whose token cannot be acquired fails with one line naming it, without the secret', async (t) => {
  const secret = 'Sup3r~Secret.Value_1234567890';
  const connector = createSqlConnector({
    host: sim.host, port: sim.port, database: DATABASE, encrypt: false,
    auth: { kind: 'service-principal', tenantId: '11111111-2222-3333-4444-555555555555', clientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', clientSecret: secret, authorityHost: `https://127.0.0.1:${await closedPort()}` },
  }, quiet);
  const error = await connector.connect().then(() => undefined, (e: unknown) => e);
  t.ok(error instanceof Error, 'connecting fails');
  const message = (error as Error).message;
  t.equal((error as Error).name, 'ConfigError');
  t.equal(message.split('\n').length, 1, 'one line');
  t.match(message, /^could not get an Entra ID token for Synapse with the service principal \(tenant_id 11111111-2222-3333-4444-555555555555, client_id aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\): .+; check tenant_id, client_id and client_secret, and that the authority host is reachable$/);
  t.notOk(message.includes(secret), 'the secret is not in it');
});

t.test('a wrong password is one line naming the server and the fix, without the password', async (t) => {
  const connector = createSqlConnector({ host: sim.host, port: sim.port, database: DATABASE, encrypt: false, auth: { kind: 'password', user: USER, password: 'wrong-Password-9' } }, quiet);
  const error = await connector.connect().then(() => undefined, (e: unknown) => e) as Error;
  t.equal(error.message, `Synapse refused the login at ${sim.host}:${sim.port}, database ${DATABASE}: Login failed for user '${USER}'.; check the user and password (or the Entra ID identity) and the database name`);
  t.notMatch(error.message, /wrong-Password-9/);
});

t.test('statement errors carry their number and class; parameters travel as parameters', async (t) => {
  const session = await createSqlConnector({ host: sim.host, port: sim.port, database: DATABASE, encrypt: false, auth: { kind: 'password', user: USER, password: PASSWORD } }, quiet).connect();
  t.teardown(() => session.close());
  const missing = await session.run(statement('SELECT * FROM [dbo].[nope]')).then(() => undefined, (e: unknown) => e) as Error & { number?: number; kind?: string };
  t.equal(missing.number, 208);
  t.equal(missing.kind, 'terminal-in-load');
  t.match(missing.message, /^Synapse error 208: Invalid object name .*\(in: SELECT \* FROM \[dbo\]\.\[nope\]\)$/);
  const rows = (await session.run(statement('SELECT CAST(@v AS NVARCHAR(30)) AS v, @s AS s', [
    { name: 'v', type: 'bigint', value: -9223372036854775808n }, { name: 's', type: 'nvarchar', value: "it's" },
  ]))).rows;
  t.same(rows, [{ v: '-9223372036854775808', s: "it's" }]);
});

t.test('the error table: throttling, failover and deadlock are transient; syntax and permission errors terminal', async (t) => {
  for (const n of [4060, 10928, 10929, 40197, 40501, 40613, 1205]) t.equal(classifySqlError(n), 'transient', `${n}`);
  for (const n of [103010, 105215, 208, 18456, 8152]) t.equal(classifySqlError(n), 'terminal', `${n}`);
  t.equal(classifySqlError(undefined), 'terminal');
  t.ok([...SQL_ERRORS.values()].every((e) => e.source.length > 0), 'every entry has a source');
});

t.test('TLS is on and the certificate checked unless the configuration says otherwise', async (t) => {
  const auth = { type: 'azure-active-directory-access-token', options: { token: 'x' } } as const;
  const base = { host: 'pool.sql.azuresynapse.net', port: 1433, database: 'dw', auth: { kind: 'azure-default' } } as const;
  t.match(tediousConfig(base, auth).options, { encrypt: true, trustServerCertificate: false, requestTimeout: 0, port: 1433, database: 'dw' });
  t.match(tediousConfig({ ...base, encrypt: false, trustServerCertificate: true }, auth).options, { encrypt: false, trustServerCertificate: true });
  t.equal(tediousConfig(base, auth).authentication?.type, 'azure-active-directory-access-token');
});
