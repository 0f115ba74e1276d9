// Run by signal.test.ts as a child process: the real run on stdin and stdout, with the process's own
// signals, over the in-memory fakes of plan/, intake/ and load/.
import { Logger } from '@kustomer-synapse/singer';
import { runTarget } from '../../src/target.js';
import { fakeDependencies, targetConfig } from '../flow/fakes.js';

const harness = fakeDependencies();
const expected = Number(process.argv[2] ?? '1');
const watch = setInterval(() => {
  if ((harness.writers[0]?.records ?? 0) >= expected) {
    process.stderr.write(`child: ${expected} records buffered\n`);
    clearInterval(watch);
  }
}, 5);
await runTarget({ config: targetConfig(), input: process.stdin, log: new Logger('target-synapse', 'info'), dependencies: harness.dependencies });
clearInterval(watch);
process.stderr.write(`child: committed ${harness.loader.committed.map((batch) => batch.records).join(',')}\n`);
