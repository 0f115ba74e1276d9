// Measures what the published singer-io tap-kustomer 1.1.0 does when more records share one updatedAt than
// fit in a page (500): it restarts search with `gte` the last updatedAt of the page and no page number
// (tap_kustomer/sync.py), so a tie longer than a page is served again and again. The run is killed after
// --seconds; the figures are the requests the simulator answered, the records emitted and their distinct ids.
// Usage (after building): node bench/tap-kustomer-ties.mjs [--tie 600] [--seconds 60] [--scale 5000] [--search-rpm 100]
import { parseArgs } from 'node:util';
import { start } from '@kustomer-synapse/kustomer-sim';
import { runTapKustomer, tapKustomerVenv } from '../test/peers/tap-kustomer-harness.js';

const { values } = parseArgs({
  options: { tie: { type: 'string', default: '600' }, seconds: { type: 'string', default: '60' }, scale: { type: 'string', default: '5000' }, 'search-rpm': { type: 'string', default: '100' } },
});
const tie = Number(values.tie);
const seconds = Number(values.seconds);
const venv = await tapKustomerVenv();
if (!venv.ok) {
  console.log(`skipped: ${venv.skip}`);
  process.exit(0);
}
const sim = await start({ seed: 7, scale: Number(values.scale), now: 'wall', rateLimits: { searchPerMinute: Number(values['search-rpm']) } });
try {
  const { updatedAt, modified } = sim.update({ kind: 'conversation', modify: tie });
  // Start just before the tie, so the tie is the first thing search returns.
  const startDate = new Date(Date.parse(updatedAt) - 1_000).toISOString();
  const run = await runTapKustomer(venv.venv, sim, startDate, seconds * 1000, ['conversations']);
  const searches = sim.requestLog.filter((entry) => entry.path === '/v1/customers/search');
  const byStatus = new Map<number, number>();
  for (const entry of searches) byStatus.set(entry.status, (byStatus.get(entry.status) ?? 0) + 1);
  const ids = new Set(run.records.map((message) => String(message.record.id)));
  const tied = new Set(modified);
  const lastError = run.result.stderr.split('\n').filter((line) => /Error|CRITICAL/.test(line)).slice(-2);
  console.log(
    JSON.stringify(
      {
        tie,
        pageSize: 500,
        timeoutSeconds: seconds,
        searchPerMinute: Number(values['search-rpm']),
        timedOut: run.result.timedOut,
        exitCode: run.result.code,
        wallMs: run.result.ms,
        searchRequests: searches.length,
        searchRequestsByStatus: Object.fromEntries(byStatus),
        otherRequests: sim.requestLog.length - searches.length,
        recordsEmitted: run.records.length,
        distinctIds: ids.size,
        tiedIdsEmitted: [...ids].filter((id) => tied.has(id)).length,
        tiedIdsNeverEmitted: [...tied].filter((id) => !ids.has(id)).length,
        lastError,
      },
      null,
      2,
    ),
  );
} finally {
  await sim.stop();
}
