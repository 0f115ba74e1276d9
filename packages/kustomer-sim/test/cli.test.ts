import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { parseCli } from '../src/cli-args.js';

t.test('the CLI flags map to simulator options', async (t) => {
  const command = parseCli([
    '--seed', '9', '--scale', '1000', '--port', '0', '--token', 'abc', '--org-rpm', '300', '--search-rpm', '50',
    '--reset-format', 'delta-seconds', '--retry-after', '--latency-ms', '5-20', '--fault-rate', '0.1', '--fault-kinds', '502,reset',
    '--fault-script', 'POST /v1/customers/search #3 502', '--slow-ms', '100', '--now', '2025-05-05T00:00:00Z', '--frozen-clock', '--no-request-log',
  ]);
  t.match(command, {
    help: false,
    options: {
      seed: 9,
      scale: 1000,
      port: 0,
      apiToken: 'abc',
      rateLimits: { orgPerMinute: 300, searchPerMinute: 50, resetFormat: 'delta-seconds', retryAfter: true },
      latencyMs: { min: 5, max: 20 },
      faults: { probability: 0.1, kinds: ['502', 'reset'], script: [{ method: 'POST', path: '/v1/customers/search', nth: 3, fault: '502' }], slowMs: 100 },
      now: '2025-05-05T00:00:00Z',
      frozenClock: true,
      requestLog: false,
    },
  });
  t.same(parseCli(['--help']), { help: true });
  t.throws(() => parseCli(['--scale', 'lots']), /--scale/);
  t.throws(() => parseCli(['--fault-kinds', 'teapot']), /unknown fault kind/);
  t.throws(() => parseCli(['--bogus']));
});

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

t.test('the built CLI prints its URL and serves until SIGTERM', async (t) => {
  t.ok(existsSync(cli), 'the package is built (npm test builds before testing)');
  const child = spawn(process.execPath, [cli, '--scale', '10', '--token', 'cli-token'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.once('exit', (code) => reject(new Error(`exited ${String(code)}`)));
  });
  const ready = JSON.parse(line) as { url: string; token: string };
  t.equal(ready.token, 'cli-token');
  const response = await fetch(`${ready.url}/v1/auth/tokens/current`, { headers: { authorization: 'Bearer cli-token' } });
  t.equal(response.status, 200);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  t.equal(await exited, 0);
});
