// The target-synapse command as a user runs it: the committed bin, in a child process.
import t, { type Test } from 'tap';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SETTINGS } from '../../src/config/index.js';

const BIN = fileURLToPath(new URL('../../bin/target-synapse.js', import.meta.url));
const PASSWORD = 'Cli-Pw-never-printed-4471';
const SAS = 'sv=2024-01-01&sig=CliSigNeverPrinted%2Bxyz';

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], env: NodeJS.ProcessEnv = {}, input = ''): Promise<Result> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin.end(input);
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

async function configFile(settings: object): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'target-synapse-cli-'));
  const path = join(dir, 'target.json');
  await writeFile(path, JSON.stringify(settings));
  return path;
}

const VALID = { host: '127.0.0.1', database: 'dw', user: 'loader', password: PASSWORD, storage_account: 'devstoreaccount1', container: 'stage', storage_sas_token: SAS };

function oneLine(t: Test, result: Result): string {
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  t.equal(lines.length, 1, `one line on stderr: ${result.stderr}`);
  t.equal(result.code, 1, 'exit code 1');
  t.equal(result.stdout, '', 'nothing on stdout');
  for (const secret of [PASSWORD, SAS]) t.notOk(result.stderr.includes(secret), 'no secret on stderr');
  return lines[0] ?? '';
}

t.test('--about --format json lists every setting with its description and default', async (t) => {
  const result = await run(['--about', '--format', 'json']);
  t.equal(result.code, 0);
  const about = JSON.parse(result.stdout) as { name: string; version: string; capabilities: string[]; settings: { properties: Record<string, { description: string; default?: unknown }> } };
  t.equal(about.name, 'target-synapse');
  t.same(Object.keys(about.settings.properties), Object.keys(SETTINGS.properties));
  for (const [name, setting] of Object.entries(SETTINGS.properties)) {
    t.equal(about.settings.properties[name]?.description, setting.description, `${name}: its description`);
    t.same(about.settings.properties[name]?.default, setting.default, `${name}: its default`);
  }
  t.equal(about.settings.properties.encrypt?.default, true);
  t.ok(about.capabilities.includes('activate-version'));
});

t.test('--about --format markdown prints the settings table', async (t) => {
  const result = await run(['--about', '--format', 'markdown']);
  t.equal(result.code, 0);
  t.match(result.stdout, /^\| Setting \| Required \| Default \| Description \|$/m);
  t.match(result.stdout, /^\| max_parallelism \| False \| `4` \| Loads running at once/m);
  for (const [name, setting] of Object.entries(SETTINGS.properties)) {
    const shown = setting.default === undefined ? 'None' : `\`${JSON.stringify(setting.default)}\``;
    const row = result.stdout.split('\n').find((line) => line.startsWith(`| ${name} |`)) ?? '';
    t.ok(row.includes(`| ${shown} | ${setting.description ?? ''}`), `${name}: a row with its default and description`);
  }
});

t.test('--version prints the name and version', async (t) => {
  const result = await run(['--version']);
  t.equal(result.code, 0);
  t.equal(result.stdout, 'target-synapse v0.1.0\n');
});

t.test('a bad setting is one line naming it, with exit code 1 and no secret', async (t) => {
  const path = await configFile({ ...VALID, max_parallelism: 0 });
  const line = oneLine(t, await run(['--config', path]));
  t.match(line, /CRITICAL target-synapse: invalid configuration \(1 problem\): max_parallelism must be >= 1 \(got 0\)\. Fix the --config file\(s\) or the TARGET_SYNAPSE_\* variables\.$/);
});

t.test('a missing credential is one line naming the setting', async (t) => {
  const { password: _password, ...withoutPassword } = VALID;
  const line = oneLine(t, await run(['--config', await configFile(withoutPassword)]));
  t.match(line, /CRITICAL target-synapse: password is required when auth is "password"; fix the --config file\(s\) or the TARGET_SYNAPSE_\* variables$/);
});

t.test('--config ENV reads TARGET_SYNAPSE_* variables, and a bad one is named', async (t) => {
  const env = {
    TARGET_SYNAPSE_HOST: '127.0.0.1', TARGET_SYNAPSE_DATABASE: 'dw', TARGET_SYNAPSE_USER: 'loader', TARGET_SYNAPSE_PASSWORD: PASSWORD,
    TARGET_SYNAPSE_STORAGE_ACCOUNT: 'acct', TARGET_SYNAPSE_CONTAINER: 'stage', TARGET_SYNAPSE_STORAGE_SAS_TOKEN: SAS, TARGET_SYNAPSE_BATCH_SIZE_ROWS: 'many',
  };
  const line = oneLine(t, await run(['--config', 'ENV'], env));
  t.match(line, /batch_size_rows must be integer \(got "many"\)/);
});

t.test('a later --config file overrides an earlier one', async (t) => {
  const first = await configFile({ ...VALID, table_index: 'columnstore' });
  const second = await configFile({ table_index: 'heap', files_per_batch: -1 });
  const line = oneLine(t, await run(['--config', first, '--config', second]));
  t.match(line, /invalid configuration \(1 problem\): files_per_batch must be >= 1 \(got -1\)/, 'table_index from the second file is valid');
});

t.test('an --input file that cannot be read is one line naming it', async (t) => {
  const line = oneLine(t, await run(['--config', await configFile(VALID), '--input', '/nonexistent/messages.singer']));
  t.match(line, /CRITICAL target-synapse: cannot read input file \/nonexistent\/messages\.singer \(ENOENT\); check the --input path$/);
});

t.test('--help prints the usage on stdout and exits 0 without asking for a config', async (t) => {
  const result = await run(['--help']);
  t.equal(result.code, 0);
  t.match(result.stdout, /^target-synapse: Singer target for Azure Synapse[\s\S]*--input/);
  t.equal(result.stderr, '');
});

t.test('an unknown flag is one line pointing at --help', async (t) => {
  const line = oneLine(t, await run(['--confg', 'x.json']));
  t.match(line, /Unknown argument: confg; run target-synapse --help for usage/);
});
