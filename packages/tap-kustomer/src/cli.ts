// The tap-kustomer command (DESIGN.md section 3): --about, --version, --discover, or a sync. Every failure is one
// stderr line: user mistakes name the setting or role; Kustomer outages and stopped searches say what to do.
import { LineWriter, Logger, parseTapArgs, runMain, type TapInvocation } from '@kustomer-synapse/singer';
import { KustomerApiError, KustomerClient, KustomerUnavailableError } from './http/client.js';
import { TAP_PARSE_SPEC, TAP_SPEC, tapConfig, type TapConfig } from './settings.js';
import { discoverCatalog } from './discovery.js';
import { SyncProgress } from './sync/progress.js';
import { SearchStoppedError } from './sync/search-stream.js';
import { sync } from './tap.js';

const logger = new Logger('tap-kustomer');

/** Failures that are not bugs: printed as their one-line message, without a stack. */
const EXPECTED_FAILURES = [SearchStoppedError, KustomerUnavailableError, KustomerApiError] as const;

export async function main(argv: readonly string[]): Promise<void> {
  await runMain(logger, async () => {
    try {
      await run(await parseTapArgs(wantsAbout(argv) ? TAP_SPEC : TAP_PARSE_SPEC, argv));
    } catch (error) {
      if (!EXPECTED_FAILURES.some((kind) => error instanceof kind)) throw error;
      logger.critical((error as Error).message);
      process.exitCode = 1;
    }
  });
}

/** --about prints the settings with api_token required; parsing accepts its alias api_key instead (settings.ts). */
function wantsAbout(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '--about' || arg.startsWith('--about='));
}

async function run(invocation: TapInvocation): Promise<void> {
  if (invocation.kind === 'help' || invocation.kind === 'about' || invocation.kind === 'version') {
    process.stdout.write(`${invocation.text}\n`);
    return;
  }
  const config = tapConfig(invocation.config);
  const progress = new SyncProgress(logger);
  const client = clientFor(config, progress);
  const writer = new LineWriter(process.stdout);
  if (invocation.kind === 'discover') {
    writer.writeLine(JSON.stringify(await discoverCatalog(client, logger), null, 2));
    await writer.flush();
    return;
  }
  try {
    await sync({ client, config, state: invocation.state, writer, logger, progress, ...(invocation.catalog === undefined ? {} : { catalog: invocation.catalog }) });
  } finally {
    await writer.flush().catch(() => undefined);
  }
}

function clientFor(config: TapConfig, progress: SyncProgress): KustomerClient {
  return new KustomerClient({
    baseUrl: config.baseUrl,
    apiToken: config.apiToken,
    userAgent: config.userAgent,
    timeoutMs: config.timeoutMs,
    orgPerMinute: config.orgPerMinute,
    searchPerMinute: config.searchPerMinute,
    onAttempt: progress.onAttempt,
  });
}

await main(process.argv.slice(2));
