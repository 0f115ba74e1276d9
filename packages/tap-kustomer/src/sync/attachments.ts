// conversation_attachments: the attachments of the conversations synced in this run (DESIGN.md section 4, child of
// conversations), `GET /v1/conversations/{id}/attachments` with the largest page it allows, following `links.next`.
//
// Why one request per conversation: the API documents no cheaper path filtered by conversation. Attachments are
// side-loaded only with messages (`include=attachments` on `GET /v1/messages` and
// `GET /v1/conversations/{id}/messages`, research/kustomer.md 2.3 and 2.4): the first lists the whole org's messages,
// is not filtered by conversation and is capped near 10,000 records (research 2.6), and the second is again one request
// per conversation; search returns no attachments. So each conversation costs one request (more only past 100
// attachments), every one of them through the client's org budget, which does the pacing; a few are in flight at
// once so that latency, not the budget, is what overlaps. The MeltanoLabs tap makes the same requests but gives up on
// the 429 (issue 8); here a 429 waits for the window.
import { KustomerApiError, type KustomerClient } from '../http/client.js';
import type { JsonObject } from '../record-shape.js';
import { shapeRecord } from '../record-shape.js';
import { STREAMS } from '../streams.js';
import { firstPosition, nextListStep } from './list-pages.js';
import { listRequest, resources } from './list-stream.js';

/** Conversations read at once: enough to hide a round trip behind the budget's pace (16/s at 1,000/min). */
export const ATTACHMENT_CONCURRENCY = 4;

const spec = STREAMS.conversation_attachments;
const NOT_FOUND = 404;

export interface AttachmentOptions {
  /**
   * Called for a conversation Kustomer no longer has (404: deleted or merged since it was synced); its attachments
   * went with it, so it is skipped rather than ending the stream.
   */
  readonly onMissing?: (conversationId: string) => void;
}

/** A conversation as the conversations stream wrote it: its id and its bookmark (`updated_at`). */
export interface ParentRef {
  readonly id: string;
  readonly bookmark?: string;
}

export interface ParentAttachments {
  readonly parent: ParentRef;
  readonly records: readonly JsonObject[];
}

/**
 * The shaped attachments of each conversation (each id once, in the order given), one array per conversation that
 * has any. The ids may still be arriving (an IdFeed filled by the conversations stream as it runs).
 */
export async function* readConversationAttachments(client: KustomerClient, conversationIds: AsyncIterable<string> | Iterable<string>, options: AttachmentOptions = {}): AsyncGenerator<readonly JsonObject[]> {
  for await (const { records } of readAttachmentsByParent(client, refs(conversationIds), options)) if (records.length > 0) yield records;
}

async function* refs(ids: AsyncIterable<string> | Iterable<string>): AsyncGenerator<ParentRef> {
  for await (const id of ids) yield { id };
}

/**
 * Every conversation given, in order, with its attachments (none for most), once they are all read: so a caller may
 * store the last conversation's bookmark as the point up to which every conversation's attachments were written.
 */
export async function* readAttachmentsByParent(client: KustomerClient, parents: AsyncIterable<ParentRef> | Iterable<ParentRef>, options: AttachmentOptions = {}): AsyncGenerator<ParentAttachments> {
  const ids = distinct(parents)[Symbol.asyncIterator]();
  const inFlight: Promise<ParentAttachments>[] = [];
  let more = true;
  const launch = async (): Promise<void> => {
    const next = await ids.next();
    if (next.done === true) {
      more = false;
      return;
    }
    const parent = next.value;
    const read = attachmentsOf(client, parent.id).then((records) => ({ parent, records }), (error: unknown) => {
      if (!(error instanceof KustomerApiError) || error.status !== NOT_FOUND) throw error;
      options.onMissing?.(parent.id);
      return { parent, records: [] };
    });
    read.catch(() => undefined); // awaited in order below; a failure is rethrown there
    inFlight.push(read);
  };
  while (more && inFlight.length < ATTACHMENT_CONCURRENCY) await launch();
  for (let read = inFlight.shift(); read !== undefined; read = inFlight.shift()) {
    const done = await read;
    if (more) await launch();
    yield done;
  }
}

async function* distinct(parents: AsyncIterable<ParentRef> | Iterable<ParentRef>): AsyncGenerator<ParentRef> {
  const seen = new Set<string>();
  for await (const parent of parents) {
    if (seen.has(parent.id)) continue;
    seen.add(parent.id);
    yield parent;
  }
}

async function attachmentsOf(client: KustomerClient, conversationId: string): Promise<readonly JsonObject[]> {
  const endpoint = spec.endpoint;
  const path = endpoint.path.replace('{id}', encodeURIComponent(conversationId));
  const out: JsonObject[] = [];
  for (let position = firstPosition(path, {}, endpoint.maxPageSize); ; ) {
    const document = await client.json(listRequest(spec, position.path));
    for (const resource of resources(spec.name, document, 'data')) out.push(shapeRecord(resource));
    const step = nextListStep(spec.name, position, document);
    if (step.kind === 'done') return out;
    position = step.position;
  }
}
