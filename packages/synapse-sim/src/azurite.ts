// Starts Microsoft's Azurite blob service (npm azurite 3.35.0, the last release that runs on Node 20) on a free
// loopback port, in memory, for tests, the demo and benchmarks. Flags: `azurite-blob --help` on 3.35.0 and
// learn.microsoft.com/azure/storage/common/storage-use-azurite (research/synapse.md 3.2).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The well-known development account and key Azurite serves (learn.microsoft.com storage-use-azurite, "Well-known storage account and key"). */
export const AZURITE_ACCOUNT_NAME = 'devstoreaccount1';
export const AZURITE_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
/** Printed on stdout once the blob service accepts connections: "Azurite Blob service successfully listens on http://127.0.0.1:<port>". */
const READY_LINE = /successfully listens on (http:\/\/127\.0\.0\.1:(\d+))/;
const DEFAULT_START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_CHARS = 2_000;

export interface AzuriteOptions {
  /** How long to wait for the readiness line before giving up (default 30 s). */
  readonly startTimeoutMs?: number;
  /** Azurite's --extentMemoryLimit in MB (default: Azurite's own, half of the machine's memory). */
  readonly extentMemoryLimitMb?: number;
}

export interface AzuriteInstance {
  /** Path-style endpoint, e.g. http://127.0.0.1:41234/devstoreaccount1 */
  readonly blobEndpoint: string;
  readonly accountName: string;
  readonly accountKey: string;
  readonly connectionString: string;
  /** The child's process id (for a caller measuring it). */
  readonly pid: number;
  /** Stops the service; resolves once the process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Runs azurite-blob's main module in a child that exits when its stdin closes: if this process dies without running
 * its 'exit' handlers (SIGKILL, a test runner's SIGTERM), the pipe closes and Azurite goes with it.
 */
const WATCH_PARENT = [
  'const [main, ...rest] = process.argv.slice(1);',
  'process.argv = [process.argv[0], main, ...rest];',
  "process.stdin.on('end', () => process.exit(0)).on('error', () => process.exit(0)).resume();",
  'require(main);',
].join('\n');

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kills any Azurite still running when this process exits, so a crashed test leaves nothing behind. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => { for (const child of live) child.kill('SIGKILL'); });
}

function azuriteBlobMain(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'blob', 'main.js');
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteInstance> {
  const args = [
    '-e', WATCH_PARENT, azuriteBlobMain(), '--blobHost', '127.0.0.1', '--blobPort', '0', '--inMemoryPersistence',
    '--skipApiVersionCheck', '--disableTelemetry', '--silent',
    ...(options.extentMemoryLimitMb === undefined ? [] : ['--extentMemoryLimit', String(options.extentMemoryLimitMb)]),
  ];
  const env = { ...process.env };
  // AZURITE_ACCOUNTS replaces devstoreaccount1 (learn.microsoft.com storage-use-azurite, "Custom storage accounts").
  delete env['AZURITE_ACCOUNTS'];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
  installExitHook();
  live.add(child);
  child.once('exit', () => live.delete(child));
  let output = '';
  const collect = (chunk: Buffer): void => { output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS); };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    try { await exited; } finally { clearTimeout(timer); }
  };

  try {
    const endpointOrigin = await waitForReady(child, () => output, options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
    const blobEndpoint = `${endpointOrigin}/${AZURITE_ACCOUNT_NAME}`;
    return {
      blobEndpoint,
      accountName: AZURITE_ACCOUNT_NAME,
      accountKey: AZURITE_ACCOUNT_KEY,
      connectionString: `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT_NAME};AccountKey=${AZURITE_ACCOUNT_KEY};BlobEndpoint=${blobEndpoint};`,
      pid: child.pid ?? -1,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForReady(child: ChildProcess, output: () => string, timeoutMs: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const onData = (): void => {
      const match = READY_LINE.exec(output());
      if (match?.[1] !== undefined) { cleanup(); resolve(match[1]); }
    };
    const onExit = (code: number | null, signal: string | null): void => {
      cleanup();
      reject(new Error(`Azurite exited before it was ready (code ${code ?? 'none'}, signal ${signal ?? 'none'}): ${output()}`));
    };
    const onError = (error: Error): void => { cleanup(); reject(new Error(`Azurite could not be started: ${error.message}`)); };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Azurite did not print "successfully listens" within ${timeoutMs} ms: ${output()}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}
