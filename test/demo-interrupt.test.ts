// Ctrl-C while the demo syncs (issue 11): it stops the tap, the target and the stand-ins, and leaves nothing running.
// A signal to the demo alone (kill <pid>), and Ctrl-C in a terminal, which sends SIGINT to the whole foreground
// process group: the tap, the target and Azurite get it too, at the same moment as the demo.
import t from 'tap';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noneLeft, runDemo } from './support/demo-run.js';

for (const [how, group] of [['SIGINT to the demo', false], ['Ctrl-C in a terminal (SIGINT to its process group)', true]] as const) {
  t.test(`${how} in the middle of a sync stops the tap, the target and the stand-ins`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-test-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    let sent = false;
    const run = await runDemo(dir, (stderr, pid) => {
      // The first progress line of a stream: the pipe is running.
      if (!sent && /^ {2}\S+ +\d+ records/m.test(stderr)) {
        sent = true;
        process.kill(group ? -pid : pid, 'SIGINT');
      }
    }, group);
    t.ok(sent, 'SIGINT was sent during sync 1');
    t.equal(run.code, 130, `exit 130 after SIGINT (stderr ends: ${run.stderr.slice(-400)})`);
    t.match(run.stderr, /demo: SIGINT: stopping the sync and the stand-ins\n[\s\S]*demo: stopped\n$/, 'it says it stopped');
    t.notMatch(run.stdout, /Sync 1/, 'no summary of a sync that did not finish');
    const tapLog = readFileSync(join(dir, 'run-1', 'tap-kustomer.log'), 'utf8');
    t.notMatch(tapLog, /stream conversation_attachments done/, 'the tap was stopped before its last stream, not left to finish');
    t.ok(run.pids.size >= 3, `Azurite, the tap and the target had started (${run.pids.size} processes seen)`);
    await noneLeft(t, run, dir);
  });
}
