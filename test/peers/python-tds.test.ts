/**
 * Issue 7 acceptance: python-tds (pytds, pure Python, pinned from PyPI), a TDS client we did not write, logs
 * in to synapse-sim, runs typed parameter queries and transactions, and reads back every type the sim
 * supports on the wire with the Python values a real SQL Server would give it.
 */
import t from 'tap';
import { join } from 'node:path';
import { startSynapseSim } from '@kustomer-synapse/synapse-sim';
import { pinnedVenv, readPins, REPO_ROOT } from '../support/python-venv.js';

const USER = 'loader';
const PASSWORD = 'secret';
const DATABASE = 'dw';
/** SQL Server's "Login failed for user" error, https://learn.microsoft.com/sql/relational-databases/errors-events/mssqlserver-18456-database-engine-error */
const LOGIN_FAILED = 18456;
/** "Invalid object name", https://learn.microsoft.com/sql/relational-databases/errors-events/database-engine-events-and-errors-0-to-999 */
const INVALID_OBJECT_NAME = 208;
const PROGRAM = join(REPO_ROOT, 'test/peers/python/python_tds_peer.py');

interface Report {
  readonly login: { readonly database: string };
  readonly bad_login: { readonly class: string; readonly number: number | null; readonly message: string } | null;
  readonly versions: {
    readonly TDS74: { readonly negotiated: string; readonly rows: readonly (readonly string[])[] };
    readonly TDS73A: { readonly negotiated: string; readonly rows: readonly (readonly string[])[] };
    readonly TDS73B: { readonly negotiated: string; readonly rows: readonly (readonly string[])[] };
    readonly TDS71: { readonly class: string; readonly number: number | null; readonly message: string } | null;
  };
  readonly params: { readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };
  readonly statements: {
    readonly rowcount: { readonly insert: number; readonly executemany: number; readonly update: number };
    readonly result_sets: readonly (readonly (readonly string[])[])[];
    readonly nextset: readonly (boolean | null)[];
    readonly error: { readonly class: string; readonly number: number | null; readonly message: string } | null;
    readonly after_error: readonly (readonly string[])[];
  };
  readonly transaction: {
    readonly after_commit: readonly (readonly string[])[];
    readonly trancount_open: number;
    readonly after_rollback: readonly (readonly string[])[];
  };
  readonly types: { readonly columns: readonly string[]; readonly values: readonly string[]; readonly nulls: readonly string[] };
}

/** Each column of python_tds_peer.py's type table and the repr() python-tds must give for it. */
const EXPECTED_TYPES: readonly (readonly [string, string])[] = [
  ['c_tinyint', '255'],
  ['c_smallint', '-32768'],
  ['c_int', '-2147483648'],
  ['c_bigint', '9223372036854775807'],
  ['c_bit', 'True'],
  ['c_real', '1.5'],
  ['c_float', '2.25'],
  ['c_decimal', "Decimal('1234567890123456789012345678.0123456789')"],
  ['c_numeric', "Decimal('-1234567.89')"],
  ['c_varchar', "'abc'"],
  ['c_nvarchar', "'héllo ☃'"],
  ['c_char', "'abcde'"],
  ['c_nchar', "'ñandú'"],
  ['c_varchar_max', `'${'x'.repeat(9000)}'`],
  ['c_nvarchar_max', `'${'ü'.repeat(5000)}'`],
  ['c_varbinary', "b'\\x00\\x01\\xff'"],
  ['c_varbinary_max', `b'${'\\xab'.repeat(10000)}'`],
  ['c_date', 'datetime.date(2024, 2, 29)'],
  ['c_time', 'datetime.time(23, 59, 59, 123456)'],
  ['c_datetime', 'datetime.datetime(2024, 2, 29, 12, 34, 56, 123000)'],
  ['c_datetime2', 'datetime.datetime(2024, 2, 29, 12, 34, 56, 123456)'],
  // Sent as 12:34:56.123456+02:00: the same instant (the sim keeps the instant, not the offset; README).
  ['c_datetimeoffset', 'aware 2024-02-29T10:34:56.123456+00:00'],
  ['c_uniqueidentifier', "UUID('6f9619ff-8b86-d011-b42d-00c04fc964ff')"],
];

const venv = await pinnedVenv('python-tds', await readPins(join(REPO_ROOT, 'test/peers/requirements/python-tds.txt')));

t.test('python-tds logs in, queries with typed parameters, commits and rolls back, and reads every wire type', { skip: venv.ok ? false : venv.skip }, async (t) => {
  if (!venv.ok) return;
  const sim = await startSynapseSim({ user: USER, password: PASSWORD, database: DATABASE });
  t.teardown(() => sim.stop());
  const run = await venv.venv.run([PROGRAM, sim.host, String(sim.port), USER, PASSWORD, DATABASE], { timeoutMs: 120_000 });
  if (run.code !== 0) t.fail(`python-tds peer program failed:\n${run.stderr.slice(-4000)}`);
  const report = JSON.parse(run.stdout) as Report;

  t.test('a login lands in the database it asked for', async (t) => {
    t.equal(report.login.database, DATABASE);
  });

  t.test('a wrong password is refused with 18456, as SQL Server does', async (t) => {
    t.equal(report.bad_login?.number, LOGIN_FAILED);
    t.match(report.bad_login?.message ?? '', `Login failed for user '${USER}'.`);
  });

  t.test('a client asking for TDS 7.3 gets a 7.3 session, one asking for 7.1 a login error it can read', async (t) => {
    // MS-TDS 2.2.6.4: the server speaks the client's version when it is older than its own.
    t.same(report.versions.TDS74, { negotiated: '0x74000004', rows: [['datetime.date(2024, 2, 29)']] });
    t.same(report.versions.TDS73A, { negotiated: '0x730a0003', rows: [['datetime.date(2024, 2, 29)']] });
    t.same(report.versions.TDS73B, { negotiated: '0x730b0003', rows: [['datetime.date(2024, 2, 29)']] });
    t.equal(report.versions.TDS71?.number, LOGIN_FAILED, 'Azure SQL accepts TDS 7.3 or later');
    t.match(report.versions.TDS71?.message ?? '', 'older than 7.3');
  });

  t.test('typed parameters come back as the Python values that were sent', async (t) => {
    t.same(report.params.columns, ['i', 's', 'd', 'day', 'flag']);
    t.same(report.params.rows, [['42', "'héllo ☃'", "Decimal('12.34')", 'datetime.date(2024, 2, 29)', 'True']]);
  });

  t.test('row counts, several result sets in one batch, and an error that leaves the connection usable', async (t) => {
    t.same(report.statements.rowcount, { insert: 1, executemany: 2, update: 2 }, 'cursor.rowcount after INSERT, executemany and UPDATE');
    t.same(report.statements.result_sets, [[['3']], [['1', "'a'"], ['2', "'z'"], ['3', "'z'"]]], 'both result sets of the batch');
    t.same(report.statements.nextset, [true, false], 'nextset() moves to the second set, then reports no more');
    t.equal(report.statements.error?.class, 'ProgrammingError');
    t.equal(report.statements.error?.number, INVALID_OBJECT_NAME);
    t.match(report.statements.error?.message ?? '', /Invalid object name '(dbo\.)?peer_missing'/);
    t.same(report.statements.after_error, [['1']], 'the next statement runs');
  });

  t.test('a committed insert is visible to another connection and a rolled-back one is not', async (t) => {
    t.same(report.transaction.after_commit, [['1', "'kept'"]]);
    t.equal(report.transaction.trancount_open, 1, 'python-tds keeps a transaction open when autocommit is off');
    t.same(report.transaction.after_rollback, [['1', "'kept'"]]);
  });

  t.test('every type the sim supports reads back as the Python value a real server gives', async (t) => {
    t.same(report.types.columns, ['id', ...EXPECTED_TYPES.map(([column]) => column)]);
    EXPECTED_TYPES.forEach(([column, expected], index) => {
      t.equal(report.types.values[index], expected, column);
    });
    t.same(report.types.nulls, EXPECTED_TYPES.map(() => 'None'), 'a NULL of every type reads as None');
  });
});
