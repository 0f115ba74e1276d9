// SIGTERM and SIGINT sent to a real process: the run loads what it received, prints the final state and
// exits 0 (research/singer.md 2.4, the Meltano SDK's _handle_termination).
import t from 'tap';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./signal-child.ts', import.meta.url));

const lines = [
  { type: 'SCHEMA', stream: 'users', schema: { type: 'object', properties: { id: { type: 'integer' } } }, key_properties: ['id'] },
  { type: 'RECORD', stream: 'users', record: { id: 1 } },
  { type: 'RECORD', stream: 'users', record: { id: 2 } },
  { type: 'RECORD', stream: 'users', record: { id: 3 } },
  { type: 'STATE', value: { bookmarks: { users: { replication_key_value: 3 } } } },
];

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  t.test(`${signal} while the tap is still sending: the records are loaded, the last state printed, exit code 0`, { timeout: 30_000 }, async (t) => {
    // The tap's TypeScript loader flags, so the child runs the .ts sources as this test does.
    const child = spawn(process.execPath, [...process.execArgv, CHILD, '3'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const buffered = new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        if (stderr.includes('child: 3 records buffered')) resolve();
      });
    });
    t.teardown(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    child.stdin.write(lines.map((line) => `${JSON.stringify(line)}\n`).join('')); // stdin stays open
    await buffered;
    t.equal(stdout, '', 'nothing printed before the records commit');
    child.kill(signal);
    const code = await exited;
    t.equal(code, 0, stderr);
    t.equal(stdout, '{"bookmarks":{"users":{"replication_key_value":3}}}\n');
    t.match(stderr, new RegExp(`${signal} received: loading what was received`));
    t.match(stderr, /child: committed 3/);
  });
}
