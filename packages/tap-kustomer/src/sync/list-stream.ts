// The full-table streams (DESIGN.md section 4): GET a list with the largest page its endpoint allows and follow
// `links.next` until it is null (research/kustomer.md 2.6: "Fewer, larger pages use less of your rate limit"),
// yielding each page's records in the Stitch shape. `sla_versions` are the `included` of `GET /v1/slas?versions=all`
// (research 2.3, MeltanoLabs' SlaVersionStream); `custom_attributes` is one `GET /v1/metadata/{resource}` per
// resource, each answering one resource in `data`. The next page is requested while the current one is consumed.
import type { KustomerClient, KustomerRequest } from '../http/client.js';
import { KustomerApiError } from '../http/client.js';
import { shapeRecord, type JsonObject, type RawResource } from '../record-shape.js';
import type { ListEndpoint, StreamSpec } from '../streams.js';
import { firstPosition, nextListStep, type ListPosition, type ListStep } from './list-pages.js';

/** The shaped records of one list stream, one array per response, in the order the API serves them. */
export async function* readListStream(client: KustomerClient, spec: StreamSpec): AsyncGenerator<readonly JsonObject[]> {
  const endpoint = spec.endpoint;
  if (endpoint.kind !== 'list') throw new TypeError(`stream ${spec.name} is a ${endpoint.kind} stream, not a list`);
  for (const path of listPaths(endpoint)) yield* readList(client, spec, endpoint, path);
}

/** One path per `each` value (`/v1/metadata/customer`, ...), or the endpoint's path. */
function listPaths(endpoint: ListEndpoint): readonly string[] {
  const each = endpoint.each;
  if (each === undefined) return [endpoint.path];
  return each.values.map((value) => endpoint.path.replace(`{${each.param}}`, encodeURIComponent(value)));
}

async function* readList(client: KustomerClient, spec: StreamSpec, endpoint: ListEndpoint, path: string): AsyncGenerator<readonly JsonObject[]> {
  const get = (position: ListPosition): Promise<unknown> => client.json(listRequest(spec, position.path));
  let position = firstPosition(path, endpoint.query ?? {}, endpoint.paged === false ? null : endpoint.maxPageSize);
  let response = get(position);
  for (;;) {
    const document = await response;
    const records = resources(spec.name, document, endpoint.records).map((resource) => shapeRecord(resource));
    let step: ListStep;
    try {
      step = nextListStep(spec.name, position, document);
    } catch (loop) {
      yield records; // this page is data like any other; only the link after it is wrong
      throw loop;
    }
    if (step.kind === 'next') {
      position = step.position;
      response = get(position);
      // Held until awaited above; without this a failure while the consumer still holds the page would be unhandled.
      response.catch(() => undefined);
    }
    yield records;
    if (step.kind === 'done') return;
  }
}

export function listRequest(spec: StreamSpec, path: string): KustomerRequest {
  return { method: 'GET', path, search: false, context: { stream: spec.name, role: spec.roles.join(' and ') } };
}

/** The resources of a document's `data` (a list, or one resource) or `included`; anything else is an API error. */
export function resources(stream: string, document: unknown, from: 'data' | 'included'): readonly RawResource[] {
  const member = typeof document === 'object' && document !== null ? (document as Record<string, unknown>)[from] : undefined;
  if (member === undefined) {
    // A page of SLAs without versions may leave `included` out; `data` is in every list answer (research 2.3).
    if (from === 'included') return [];
    throw new KustomerApiError(`stream ${stream}: Kustomer answered without "${from}"`);
  }
  const items: readonly unknown[] = Array.isArray(member) ? member : member === null ? [] : [member];
  return items.map((item, index) => {
    if (!isResource(item)) throw new KustomerApiError(`stream ${stream}: item ${index} of "${from}" is not a JSON:API resource with type, id and attributes`);
    return item;
  });
}

function isResource(item: unknown): item is RawResource {
  if (typeof item !== 'object' || item === null) return false;
  const { type, id, attributes } = item as Record<string, unknown>;
  return typeof type === 'string' && typeof id === 'string' && typeof attributes === 'object' && attributes !== null && !Array.isArray(attributes);
}
