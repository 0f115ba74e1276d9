// The one adapter that imports @azure/storage-blob (STYLE.md 12): uploads the staged parts, deletes them after
// commit, and says how COPY INTO should name and read them. ADLS Gen2 accounts take the same Blob API
// (multi-protocol access); only the COPY location moves to the dfs host (research/synapse.md 1.1).
import { DefaultAzureCredential } from '@azure/identity';
import { AnonymousCredential, BlobServiceClient, ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { ConfigError } from '@kustomer-synapse/singer';
import type { CopyCredential } from './sql.js';
import { TerminalLoadError, TransientLoadError } from './sql-errors.js';

export type StorageAuth =
  | { readonly kind: 'sas'; readonly sasToken: string }
  | { readonly kind: 'key'; readonly accountKey: string }
  | { readonly kind: 'identity' };

export interface StorageOptions {
  readonly account: string;
  readonly container: string;
  /** `blob` (default) or `adls`: COPY reads from `<account>.dfs.core.windows.net`. */
  readonly kind?: 'blob' | 'adls';
  readonly auth: StorageAuth;
  /** The Blob endpoint uploads go to, e.g. Azurite's `http://127.0.0.1:10000/devstoreaccount1`. */
  readonly endpoint?: string;
}

export interface BlobEntry {
  readonly name: string;
  /** Someone holds a lease on it now (an expired or broken lease does not count). */
  readonly leased: boolean;
  readonly lastModified: Date;
}

/** A lease held on one blob, renewed until released. */
export interface HeldLease {
  /** Releases the lease and deletes the blob. */
  release(): Promise<void>;
}

export interface BlobStore {
  upload(name: string, localPath: string): Promise<void>;
  /** Deletes the named blobs; a blob already gone is not an error. */
  delete(names: readonly string[]): Promise<void>;
  list(prefix: string): Promise<readonly BlobEntry[]>;
  /** Writes an empty blob and holds a lease on it, renewed in the background, until released. */
  holdLease(name: string): Promise<HeldLease>;
  /** Where COPY INTO reads the blob: `https://<account>.<blob|dfs>.core.windows.net/<container>/<name>`. */
  locationOf(name: string): string;
  readonly copyCredential: CopyCredential;
}

/** Azure's storage account naming rule: 3-24 lower-case letters and digits. */
const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;
/** Container names: 3-63 of lower-case letters, digits and single hyphens (Blob service naming rules). */
const CONTAINER_NAME = /^(?!-)(?!.*--)[a-z0-9-]{3,63}(?<!-)$/;
/** A blob lease lasts 15 to 60 seconds or forever (Lease Blob, learn.microsoft.com/rest/api/storageservices/lease-blob). The
 * shortest, renewed every 5 s, so a run that was killed is seen as gone within 15 s. */
const LEASE_SECONDS = 15;
const LEASE_RENEW_MS = 5_000;
/** Azure's Storage REST "container not found" and auth failures. */
const FORBIDDEN = 403;
const NOT_FOUND = 404;

export function createBlobStore(options: StorageOptions): BlobStore {
  if (!ACCOUNT_NAME.test(options.account)) throw new ConfigError(`storage_account must be 3-24 lower-case letters and digits, not ${JSON.stringify(options.account)}`);
  if (!CONTAINER_NAME.test(options.container)) throw new ConfigError(`container must be a Blob container name (3-63 of a-z, 0-9 and single hyphens), not ${JSON.stringify(options.container)}`);
  const endpoint = (options.endpoint ?? `https://${options.account}.blob.core.windows.net`).replace(/\/+$/, '');
  const container = containerClient(endpoint, options);
  const host = `${options.account}.${options.kind === 'adls' ? 'dfs' : 'blob'}.core.windows.net`;
  const where = `container ${options.container} of storage account ${options.account}`;
  return {
    async upload(name, localPath) {
      try {
        await container.getBlockBlobClient(name).uploadFile(localPath);
      } catch (error) {
        throw storageError(`could not upload ${name} to ${where}`, error);
      }
    },
    async delete(names) {
      for (const name of names) {
        try {
          await container.getBlockBlobClient(name).deleteIfExists();
        } catch (error) {
          throw storageError(`could not delete the staged file ${name} from ${where}`, error);
        }
      }
    },
    async list(prefix) {
      const entries: BlobEntry[] = [];
      try {
        for await (const blob of container.listBlobsFlat({ prefix })) {
          entries.push({ name: blob.name, leased: blob.properties.leaseState === 'leased', lastModified: blob.properties.lastModified });
        }
      } catch (error) {
        throw storageError(`could not list ${prefix} in ${where}`, error);
      }
      return entries;
    },
    async holdLease(name) {
      const blob = container.getBlockBlobClient(name);
      const lease = blob.getBlobLeaseClient();
      try {
        await blob.upload('', 0);
        await lease.acquireLease(LEASE_SECONDS);
      } catch (error) {
        throw storageError(`could not lease ${name} in ${where}`, error);
      }
      // A lost renewal only lets another run treat this one as gone once the lease lapses; the load goes on.
      const timer = setInterval(() => void lease.renewLease().catch(() => undefined), LEASE_RENEW_MS);
      timer.unref();
      return {
        async release() {
          clearInterval(timer);
          try {
            await lease.releaseLease();
            await blob.deleteIfExists();
          } catch (error) {
            throw storageError(`could not release the lease on ${name} in ${where}`, error);
          }
        },
      };
    },
    locationOf: (name) => `https://${host}/${options.container}/${name.split('/').map(encodeURIComponent).join('/')}`,
    copyCredential: copyCredential(options.auth),
  };
}

/**
 * One try per request: load-batch.ts retries uploads and deletes itself, with the load's policy and a log line
 * per retry, where the SDK's own retries (4 tries, waits from 4 s) would be silent and stack on top of them.
 */
const PIPELINE = { retryOptions: { maxTries: 1 } };

function containerClient(endpoint: string, options: StorageOptions): ContainerClient {
  switch (options.auth.kind) {
    case 'sas': return new ContainerClient(`${endpoint}/${options.container}?${options.auth.sasToken.replace(/^\?/, '')}`, new AnonymousCredential(), PIPELINE);
    case 'key': return new BlobServiceClient(endpoint, new StorageSharedKeyCredential(options.account, options.auth.accountKey), PIPELINE).getContainerClient(options.container);
    case 'identity': return new BlobServiceClient(endpoint, new DefaultAzureCredential(), PIPELINE).getContainerClient(options.container);
  }
}

function copyCredential(auth: StorageAuth): CopyCredential {
  switch (auth.kind) {
    case 'sas': return { kind: 'sas', token: auth.sasToken };
    case 'key': return { kind: 'key', key: auth.accountKey };
    // COPY INTO reads with the workspace's managed identity (research/synapse.md 1.1).
    case 'identity': return { kind: 'managed-identity' };
  }
}

/**
 * A refused credential or a missing container is a setting to fix, one line for the user (never retried);
 * another 4xx is terminal; anything else (network, 5xx) may be retried.
 */
function storageError(what: string, error: unknown): Error {
  const status = (error as { statusCode?: number }).statusCode;
  const code = (error as { code?: string }).code;
  const detail = status === undefined ? (code ?? (error instanceof Error ? error.name : 'error')) : `HTTP ${status}${code === undefined ? '' : ` ${code}`}`;
  if (status === FORBIDDEN) return new ConfigError(`${what}: ${detail}; check storage_auth and its secret (a SAS needs read, list, write, create and delete)`, { cause: error });
  if (status === NOT_FOUND) return new ConfigError(`${what}: ${detail}; check that the container exists`, { cause: error });
  if (status !== undefined && status >= 400 && status < 500) return new TerminalLoadError(`${what}: ${detail}`, undefined, { cause: error });
  return new TransientLoadError(`${what}: ${detail}`, undefined, { cause: error });
}
