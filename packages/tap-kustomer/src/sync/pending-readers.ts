// PLACEHOLDER until branch wip/tap-lists merges: the list streams, conversation_attachments and discovery are built
// there (src/sync/list-stream.ts, src/sync/attachments.ts, src/discovery.ts) with these signatures. The merge
// replaces this module; nothing here is meant to stay.
import type { Catalog, Logger } from '@kustomer-synapse/singer';
import type { KustomerClient } from '../http/client.js';
import type { JsonObject } from '../record-shape.js';
import type { StreamSpec } from '../streams.js';

export class NotBuiltYetError extends Error {
  constructor(what: string) {
    super(`${what} is not built yet in this build of tap-kustomer; deselect it in the catalog`);
    this.name = 'NotBuiltYetError';
  }
}

export async function* readListStream(_client: KustomerClient, spec: StreamSpec): AsyncGenerator<readonly JsonObject[]> {
  throw new NotBuiltYetError(`stream ${spec.name} (a list stream)`);
}

export async function* readConversationAttachments(_client: KustomerClient, _conversationIds: readonly string[]): AsyncGenerator<readonly JsonObject[]> {
  throw new NotBuiltYetError('stream conversation_attachments');
}

export async function discoverCatalog(_client: KustomerClient, _log: Logger): Promise<Catalog> {
  throw new NotBuiltYetError('--discover');
}
