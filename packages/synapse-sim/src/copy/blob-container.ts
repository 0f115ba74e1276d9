// The only file that imports the Blob SDK (STYLE.md 12): a container opened with the statement's CREDENTIAL exactly,
// and storage failures turned into Synapse's 105215 error. Secrets never reach an error message.
import { ContainerClient, RestError, StorageSharedKeyCredential, AnonymousCredential } from '@azure/storage-blob';
import { externalLocationError } from '../errors.js';
import type { BlobEndpoint } from './locations.js';
import type { CopyCredential } from './statement.js';

export interface BlobContainer {
  /** Blob names under a prefix, in the service's (lexicographic) order. */
  list(prefix: string): AsyncIterable<string>;
  /** The blob's bytes as stored (no decompression). */
  open(name: string): Promise<NodeJS.ReadableStream>;
}

/** One try: a wrong key or SAS must fail at once, as Synapse's location check does, not after SDK back-off. */
const STORAGE_MAX_TRIES = 1;
/** Status reported when the endpoint cannot be reached at all (no HTTP status exists). */
const UNREACHABLE_STATUS = 503;

export function openContainer(endpoint: BlobEndpoint, container: string, credential: CopyCredential | undefined): BlobContainer {
  const url = `${endpoint.url}/${encodeURIComponent(container)}`;
  const options = { retryOptions: { maxTries: STORAGE_MAX_TRIES } };
  let client: ContainerClient;
  if (credential?.kind === 'sas') {
    // The doc's example shows the SAS with its leading '?' (copy-into-transact-sql, example B); accept both.
    client = new ContainerClient(`${url}?${credential.secret.replace(/^\?/, '')}`, new AnonymousCredential(), options);
  } else if (credential?.kind === 'accountKey') {
    client = new ContainerClient(url, new StorageSharedKeyCredential(endpoint.accountName, credential.secret), options);
  } else {
    // Managed identity and Entra passthrough have no Azurite equivalent: read as anonymous (a public container).
    client = new ContainerClient(url, new AnonymousCredential(), options);
  }
  return {
    async *list(prefix: string): AsyncIterable<string> {
      try {
        for await (const item of client.listBlobsFlat(prefix === '' ? {} : { prefix })) yield item.name;
      } catch (error) {
        throw storageError(error);
      }
    },
    async open(name: string): Promise<NodeJS.ReadableStream> {
      try {
        const response = await client.getBlobClient(name).download();
        if (response.readableStreamBody === undefined) throw externalLocationError(UNREACHABLE_STATUS);
        return response.readableStreamBody;
      } catch (error) {
        throw storageError(error);
      }
    },
  };
}

function storageError(error: unknown): Error {
  if (error instanceof RestError) return externalLocationError(error.statusCode ?? UNREACHABLE_STATUS);
  if (error instanceof Error && error.name === 'SqlServerError') return error;
  return externalLocationError(UNREACHABLE_STATUS);
}
