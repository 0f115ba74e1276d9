// Secrets through the real CLI into synapse-sim and Azurite, logging at debug level (every SQL statement): a
// full run with a SQL password and the storage account key, and one with a SAS, print none of them; a secret
// the services refuse is one line naming the setting to fix, quoting no secret and no stack.
// (--about and settings the target itself refuses are covered by test/cli/cli.test.ts.)
import t, { type Test } from 'tap';
import { PASSWORD, startHarness, type Harness } from '../load/harness.js';
import { runTarget, type TargetRun } from '../support/cli-run.js';
import { assertSucceeded, recordMessage, schemaMessage, stateMessage, tableRows } from '../support/singer-messages.js';

const h: Harness = await startHarness();
t.teardown(() => h.stop());

const DEBUG = { LOG_LEVEL: 'debug' };
const INPUT = [
  schemaMessage('accounts', { id: { type: 'integer' }, name: { type: 'string' } }),
  recordMessage('accounts', { id: 1, name: 'Ada' }),
  stateMessage({ bookmarks: { accounts: { replication_key_value: 1 } } }),
];

/** Each secret as it is configured and in the encodings a URL or a log could carry it. */
function forms(secret: string): string[] {
  const values = [secret, encodeURIComponent(secret), decodeURIComponent(secret)];
  const sig = new URLSearchParams(secret).get('sig');
  if (sig !== null) values.push(sig, encodeURIComponent(sig));
  return [...new Set(values.filter((value) => value.length >= 8))];
}

function assertNoSecret(t: Test, run: TargetRun, secrets: readonly string[]): void {
  for (const secret of secrets.flatMap(forms)) {
    t.notOk(run.stdout.includes(secret), `stdout does not hold ${secret.slice(0, 3)}...`);
    t.notOk(run.stderr.includes(secret), `stderr does not hold ${secret.slice(0, 3)}...`);
  }
}

/** The run failed with one CRITICAL line (no stack, nothing on stdout); returns that line. */
function oneErrorLine(t: Test, run: TargetRun): string {
  t.equal(run.code, 1, 'exit code 1');
  t.equal(run.stdout, '', 'no state printed');
  const critical = run.stderr.split('\n').filter((line) => / CRITICAL /.test(line));
  t.equal(critical.length, 1, 'one CRITICAL line', { stderr: run.stderr.slice(-3000) });
  t.notMatch(run.stderr, /^\s+at /m, 'no stack trace');
  return critical[0] ?? '';
}

t.test('a full run with a SQL password and the account key prints neither', async (t) => {
  const run = await runTarget(h, INPUT, { default_target_schema: 'bykey' }, DEBUG);
  assertSucceeded(t, run);
  t.same(await tableRows(h, 'accounts', ['id', 'name'], ['id'], 'bykey'), [{ id: '1', name: 'Ada' }], 'the record was loaded');
  t.equal(run.stdout, '{"bookmarks":{"accounts":{"replication_key_value":1}}}\n');
  t.match(run.stderr, /DEBUG target-synapse: SQL: COPY INTO .*SECRET = '\*\*\*'/, 'the COPY statement is logged, with its secret masked');
  assertNoSecret(t, run, [PASSWORD, h.azurite.accountKey]);
});

t.test('a full run with a SAS prints no password, SAS or (unused) account key', async (t) => {
  const sas = h.sas();
  const run = await runTarget(h, INPUT, { default_target_schema: 'bysas', storage_auth: 'sas', storage_sas_token: sas }, DEBUG);
  assertSucceeded(t, run);
  t.same(await tableRows(h, 'accounts', ['id', 'name'], ['id'], 'bysas'), [{ id: '1', name: 'Ada' }], 'the record was loaded');
  assertNoSecret(t, run, [PASSWORD, sas, h.azurite.accountKey]);
});

t.test('a password Synapse refuses is one line naming the login settings, without the password', async (t) => {
  const wrong = 'Wrong-Password-770';
  const run = await runTarget(h, INPUT, { password: wrong }, DEBUG);
  t.match(oneErrorLine(t, run), /CRITICAL target-synapse: Synapse refused the login at 127\.0\.0\.1:\d+, database dw: Login failed for user 'loader'\.; check the user and password/);
  assertNoSecret(t, run, [wrong, h.azurite.accountKey]);
});

t.test('an account key Azure Storage refuses is one line naming storage_auth, without the key', async (t) => {
  const wrong = Buffer.from('not the key of this account, 64 bytes long..................').toString('base64');
  const run = await runTarget(h, INPUT, { storage_account_key: wrong }, DEBUG);
  t.match(oneErrorLine(t, run), /CRITICAL target-synapse: could not upload \S+ to container staging of storage account devstoreaccount1: HTTP 403 AuthorizationFailure; check storage_auth and its secret/);
  assertNoSecret(t, run, [wrong, PASSWORD]);
});

t.test('a container that does not exist is one line naming it', async (t) => {
  const run = await runTarget(h, INPUT, { container: 'no-such-container' }, DEBUG);
  t.match(oneErrorLine(t, run), /CRITICAL target-synapse: could not upload \S+ to container no-such-container of storage account devstoreaccount1: HTTP 404 ContainerNotFound; check that the container exists$/);
  assertNoSecret(t, run, [PASSWORD, h.azurite.accountKey]);
});

t.test('a SAS that lets the target upload but not Synapse read is one line naming storage_auth, without the SAS', async (t) => {
  const sas = h.sas('acw'); // add, create, write: no read or list
  const run = await runTarget(h, INPUT, { storage_auth: 'sas', storage_sas_token: sas }, DEBUG);
  t.match(oneErrorLine(t, run), /CRITICAL target-synapse: COPY INTO for table tap\.accounts could not read the staged files: Synapse error 105215: .*; check that storage_auth's credential lets Synapse read and list the container$/);
  assertNoSecret(t, run, [sas, PASSWORD, h.azurite.accountKey]);
});
