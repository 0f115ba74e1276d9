/**
 * Every raw record a kustomer-sim org serves, per tap stream: the search and plain-list kinds straight from
 * `sim.record`, the rest (klasses, SLA versions, custom attribute metadata, conversation attachments) through
 * the HTTP API, as the tap will read them.
 */
import type { KindName, Sim } from '@kustomer-synapse/kustomer-sim';
import type { RawResource } from '../../src/record-shape.js';
import { METADATA_RESOURCES, STREAM_NAMES, type StreamName } from '../../src/streams.js';

/** The sim kinds behind each stream that reads them directly (the others go through the HTTP API below). */
export const KINDS_OF: Partial<Record<StreamName, readonly KindName[]>> = {
  customers: ['customer'],
  conversations: ['conversation'],
  messages: ['message'],
  notes: ['note'],
  companies: ['company'],
  kobjects: ['kobject.order', 'kobject.subscription', 'kobject.return-request'],
  users: ['user'],
  teams: ['team'],
  tags: ['tag'],
  shortcuts: ['shortcut'],
  brands: ['brand'],
  slas: ['sla'],
};

interface Document {
  readonly data?: RawResource | readonly RawResource[];
  readonly included?: readonly RawResource[];
  readonly links?: { readonly next?: string | null };
}

async function get(sim: Sim, path: string): Promise<Document> {
  const response = await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${sim.apiToken}` } });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Document;
}

async function list(sim: Sim, first: string, from: 'data' | 'included' = 'data'): Promise<RawResource[]> {
  const out: RawResource[] = [];
  for (let path: string | null | undefined = first; path; ) {
    const document = await get(sim, path);
    const items = from === 'data' ? document.data : document.included;
    if (Array.isArray(items)) out.push(...(items as readonly RawResource[]));
    else if (items !== undefined) out.push(items as RawResource);
    path = document.links?.next;
  }
  return out;
}

export async function simRecords(sim: Sim): Promise<ReadonlyMap<StreamName, readonly RawResource[]>> {
  const out = new Map<StreamName, RawResource[]>();
  for (const stream of STREAM_NAMES) {
    const kinds = KINDS_OF[stream];
    if (kinds === undefined) continue;
    const records: RawResource[] = [];
    for (const kind of kinds) for (let index = 0; index < sim.count(kind); index++) records.push(sim.record(kind, index) as RawResource);
    out.set(stream, records);
  }
  out.set('klasses', await list(sim, '/v1/klasses?pageSize=100'));
  out.set('sla_versions', await list(sim, '/v1/slas?versions=all&pageSize=100', 'included'));
  const metadata: RawResource[] = [];
  for (const resource of METADATA_RESOURCES) metadata.push(...(await list(sim, `/v1/metadata/${resource}`)));
  out.set('custom_attributes', metadata);
  const attachments: RawResource[] = [];
  for (let index = 0; index < sim.count('conversation'); index++) {
    attachments.push(...(await list(sim, `/v1/conversations/${sim.record('conversation', index).id}/attachments?pageSize=100`)));
  }
  out.set('conversation_attachments', attachments);
  return out;
}
