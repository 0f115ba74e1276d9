// Runs the `npx` commands of every README as written, on this checkout. npx falls through to the public
// registry for a name it cannot find locally, so each must resolve to a bin npm linked at install time.
import t from 'tap';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY_TIMEOUT_MS = 30_000;

interface Workspace {
  readonly dir: string;
  readonly bins: Readonly<Record<string, string>>;
}

function workspaces(): readonly Workspace[] {
  const packages = join(ROOT, 'packages');
  return readdirSync(packages).map((name) => {
    const manifest = JSON.parse(readFileSync(join(packages, name, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
    return { dir: join(packages, name), bins: manifest.bin ?? {} };
  });
}

function readmes(): readonly string[] {
  const packageReadmes = readdirSync(join(ROOT, 'packages')).map((name) => join(ROOT, 'packages', name, 'README.md'));
  return [join(ROOT, 'README.md'), ...packageReadmes.filter((path) => existsSync(path))];
}

/** Every `npx` command of the READMEs: lines of fenced code blocks, and inline code spans in the prose. */
function npxCommands(): readonly { readonly readme: string; readonly command: string; readonly bin: string }[] {
  const found: { readme: string; command: string; bin: string }[] = [];
  for (const readme of readmes()) {
    const add = (command: string): void => {
      found.push({ readme: readme.slice(ROOT.length), command, bin: command.split(/\s+/)[1] ?? '' });
    };
    let inFence = false;
    for (const line of readFileSync(readme, 'utf8').split('\n')) {
      if (line.startsWith('```')) inFence = !inFence;
      else if (inFence && /^npx\s/.test(line)) add(line.trim());
      else if (!inFence) for (const span of line.matchAll(/`(npx\s[^`]+)`/g)) add(span[1]!.trim());
    }
  }
  return found;
}

/** Why a command did not start: undefined when it printed a first line naming 127.0.0.1, or exited 0. */
function runUntilReady(command: string): Promise<{ readonly firstLine: string; readonly problem?: string }> {
  // Should npx ever look beyond node_modules/.bin, offline mode makes it fail instead of downloading.
  const env = { ...process.env, npm_config_offline: 'true', npm_config_yes: 'false', npm_config_update_notifier: 'false' };
  const child = spawn('sh', ['-c', command], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve) => {
    const finish = (problem?: string): void => {
      clearTimeout(timer);
      const firstLine = stdout.split('\n')[0] ?? '';
      if (child.exitCode === null && child.signalCode === null) {
        child.once('exit', () => resolve({ firstLine, ...(problem ? { problem } : {}) }));
        process.kill(-child.pid!, 'SIGTERM'); // the whole group: sh, npx and the simulator
      } else {
        resolve({ firstLine, ...(problem ? { problem } : {}) });
      }
    };
    const timer = setTimeout(() => finish(`no output within ${READY_TIMEOUT_MS} ms; stderr: ${stderr}`), READY_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.includes('\n')) finish();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('exit', (code) => {
      if (!stdout.includes('\n')) finish(code === 0 ? undefined : `exited with ${code}; stderr: ${stderr}`);
    });
  });
}

t.test('every workspace bin is a committed file, so npm links it at install time before any build', async (t) => {
  const bins = workspaces().flatMap((workspace) => Object.entries(workspace.bins).map(([name, path]) => ({ name, path: join(workspace.dir, path) })));
  t.ok(bins.length >= 2, `bins found: ${bins.map((bin) => bin.name).join(', ')}`);
  for (const bin of bins) {
    t.notMatch(bin.path, /[/\\]dist[/\\]/, `${bin.name} does not point into dist/, which a fresh clone lacks`);
    t.ok(existsSync(bin.path), `${bin.name}: ${bin.path.slice(ROOT.length)} exists`);
  }
});

t.test('a bin run before the build says to build instead of failing obscurely', async (t) => {
  for (const workspace of workspaces()) {
    for (const [name, path] of Object.entries(workspace.bins)) {
      const dir = t.testdir({ 'package.json': JSON.stringify({ type: 'module' }), bin: { 'cli.js': readFileSync(join(workspace.dir, path), 'utf8') } });
      const child = spawn(process.execPath, [join(dir, 'bin', 'cli.js')], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      t.equal(code, 1, `${name} exits with 1`);
      t.equal(stderr, `${name}: not built yet; run \`npm run build\` in the repository root first\n`);
    }
  }
});

t.test('every npx command in a README names a bin installed in node_modules/.bin, never one from the registry', async (t) => {
  const commands = npxCommands();
  t.ok(commands.length >= 4, `${commands.length} npx commands found`);
  for (const { readme, command, bin } of commands) {
    t.ok(existsSync(join(ROOT, 'node_modules', '.bin', bin)), `${readme}: ${command}`);
  }
});

t.test('the README commands that start a stand-in run as written and listen on 127.0.0.1', async (t) => {
  const ours = new Set(workspaces().flatMap((workspace) => Object.keys(workspace.bins)));
  const commands = npxCommands().filter(({ bin }) => ours.has(bin));
  t.ok(commands.length >= 4, `${commands.length} commands run kustomer-sim or synapse-sim`);
  for (const { readme, command, bin } of commands) {
    const { firstLine, problem } = await runUntilReady(command);
    t.equal(problem, undefined, `${readme}: ${command} ran`);
    const expected = /\s--(help|about|version)\b/.test(command) ? new RegExp(bin) : /127\.0\.0\.1:\d+/;
    t.match(firstLine, expected, `${readme}: ${command} printed ${JSON.stringify(firstLine)}`);
  }
});
