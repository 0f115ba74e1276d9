// The synapse-sim bin: one listening line on stdout, a working server behind it, a clean stop on SIGTERM.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { sql } from './mssql.js';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

function run(args: readonly string[]): ReturnType<typeof spawn> {
  // The test runner's own loader flags let the child run the TypeScript source.
  return spawn(process.execPath, [...process.execArgv, CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Collects the child's stdout and resolves once its first line (the listening line) is complete. */
async function listeningLine(child: ReturnType<typeof spawn>): Promise<{ readonly stdout: () => string; readonly match: RegExpExecArray | null }> {
  let stdout = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => { stdout += chunk; });
  while (!stdout.includes('\n')) {
    if (child.exitCode !== null) throw new Error(`the CLI exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { stdout: () => stdout, match: /^synapse-sim listening on (127\.0\.0\.1):(\d+)\n$/.exec(stdout) };
}

t.test('the CLI prints one listening line, serves mssql, and stops on SIGTERM', async (t) => {
  const child = run(['--user', 'loader', '--password', 'pw', '--database', 'dw']);
  t.teardown(() => { child.kill('SIGKILL'); });
  const { stdout, match } = await listeningLine(child);
  t.ok(match, `one listening line: ${JSON.stringify(stdout())}`);
  const pool = await new sql.ConnectionPool({
    server: match?.[1] ?? '', port: Number(match?.[2]), user: 'loader', password: 'pw', database: 'dw',
    options: { encrypt: false, trustServerCertificate: true }, pool: { max: 1 },
  }).connect();
  const edition = await pool.request().query("SELECT SERVERPROPERTY('EngineEdition') AS e");
  t.same(edition.recordset, [{ e: 6 }]);
  await pool.close();
  child.kill('SIGTERM');
  const [code] = (await once(child, 'exit')) as [number | null];
  t.equal(code, 0);
  t.equal(stdout().split('\n').length, 2, 'nothing else on stdout');
});

t.test('a bad flag exits 2 with the usage on stderr and nothing on stdout', async (t) => {
  const child = run(['--user', 'u', '--password', 'p', '--bogus']);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const [code] = (await once(child, 'exit')) as [number | null];
  t.equal(code, 2);
  t.equal(stdout, '');
  t.match(stderr, /Unknown option '--bogus'[\s\S]*usage: synapse-sim/);
});

t.test('--fault-statements limits the fault knobs to matching statements', async (t) => {
  const child = run(['--user', 'loader', '--password', 'pw', '--transient-error-rate', '1', '--fault-statements', '^\\s*insert\\b']);
  t.teardown(() => { child.kill('SIGKILL'); });
  const { match } = await listeningLine(child);
  const pool = await new sql.ConnectionPool({
    server: match?.[1] ?? '', port: Number(match?.[2]), user: 'loader', password: 'pw', database: 'dw',
    options: { encrypt: false, trustServerCertificate: true }, pool: { max: 1 },
  }).connect();
  t.teardown(() => pool.close());
  t.same((await pool.request().query('SELECT 1 AS one')).recordset, [{ one: 1 }], 'connecting and other statements are untouched');
  await pool.request().batch('CREATE TABLE [t] ([id] INT) WITH (HEAP)');
  const error = await pool.request().batch('INSERT INTO [t] ([id]) VALUES (1)').then(() => undefined, (e: unknown) => e);
  t.match(error, { number: 40501 });
});
