// Kustomer's two request budgets under a sync that needs more than both (issue 8 "Budgets"): kustomer-sim with an
// org budget of 300 and a search budget of 100 requests per 60 s window, our tap configured to the same, syncing
// conversations (search) and their attachments (one org request per conversation) for --seconds, then killed.
// From the sim's request log it prints, per budget, the requests each of the server's 60 s windows took, the
// share of the limit that is, and the 429s. Prints figures, never pass/fail.
// Usage (after building): node bench/tap-budget.mjs [--seconds 185] [--scale 200000] [--org-rpm 300] [--search-rpm 100]
import { parseArgs } from 'node:util';
import { start, type RequestLogEntry } from '@kustomer-synapse/kustomer-sim';
import { runOurs } from './support/our-tap.js';
import { serverWindows } from './support/windows.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '185' },
    scale: { type: 'string', default: '200000' },
    'org-rpm': { type: 'string', default: '300' },
    'search-rpm': { type: 'string', default: '100' },
  },
});
const orgPerMinute = Number(values['org-rpm']);
const searchPerMinute = Number(values['search-rpm']);
const SEARCH_PATH = '/v1/customers/search';
const STREAMS = ['conversations', 'conversation_attachments'];

// `now: 'wall'` with the clock running makes the log's `at` the wall time the windows are counted in.
const sim = await start({ seed: 8, scale: Number(values.scale), now: 'wall', requestLog: true, rateLimits: { orgPerMinute, searchPerMinute } });
try {
  const run = await runOurs(sim, {
    streams: STREAMS,
    startDate: '2020-01-01T00:00:00Z',
    settings: { max_requests_per_minute: orgPerMinute, search_requests_per_minute: searchPerMinute },
    killAfterMs: Number(values.seconds) * 1000,
  });
  const log = sim.requestLog.filter((entry) => entry.path.startsWith('/v1/'));
  const budget = (entries: readonly RequestLogEntry[], limit: number) => {
    const windows = serverWindows(entries.map((entry) => ({ atMs: Date.parse(entry.at), refused: entry.status === 429 })), limit);
    const whole = windows.filter((window) => window.whole);
    return {
      limitPerWindow: limit,
      windows: windows.map((w) => `${new Date(w.startMs).toISOString().slice(11, 19)} ${w.requests}/${limit} (${w.percentUsed}%)${w.whole ? '' : ', partial'}`),
      lowestWholeWindowPercent: whole.length === 0 ? null : Math.min(...whole.map((w) => w.percentUsed)),
      status429: entries.filter((entry) => entry.status === 429).length,
    };
  };
  const searches = log.filter((entry) => entry.path === SEARCH_PATH);
  console.log(
    JSON.stringify(
      {
        seconds: Math.round(run.ms / 100) / 10,
        killed: run.signal === 'SIGKILL',
        exitCode: run.code,
        recordsByStream: run.recordsByStream,
        requests: log.length,
        org: budget(log, orgPerMinute),
        search: budget(searches, searchPerMinute),
        total429: log.filter((entry) => entry.status === 429).length,
      },
      null,
      2,
    ),
  );
} finally {
  await sim.stop();
}
