// Pagination of Kustomer's GET lists as a pure function (STYLE.md 3 and tap pattern 4): from the position just read
// and its response to the next position, or done. Kustomer's advice is to follow `links.next` until it is null
// (research/kustomer.md 2.6, KD-pagination: "a few use cursors"), so the next position is the link itself, never a
// page number the tap computes. Every position read in the run is kept, and a link back to any of them (A -> B -> A
// as well as A -> A) throws: the Meltano SDK compares only with the previous token, and singer-io has no guard.
import { KustomerApiError } from '../http/client.js';

export interface ListPosition {
  /** The path and query to GET next, as built for page 1 or as `links.next` gave it. */
  readonly path: string;
  /** Every position already read in this run, as `positionKey` writes them. */
  readonly seen: ReadonlySet<string>;
}

export type ListStep = { readonly kind: 'next'; readonly position: ListPosition } | { readonly kind: 'done' };

/** Where a link leads, independent of query parameter order; a link to another origin keeps its origin. */
export function positionKey(path: string): string {
  const url = new URL(path, 'https://kustomer.invalid');
  const params = [...url.searchParams].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
  const query = new URLSearchParams(params).toString();
  const origin = url.origin === 'https://kustomer.invalid' ? '' : url.origin;
  return `${origin}${url.pathname}${query === '' ? '' : `?${query}`}`;
}

/** The first position of a list: `page=1&pageSize=<max>` before the endpoint's own query (kept in its order). */
export function firstPosition(path: string, query: Readonly<Record<string, string>>, pageSize: number | null): ListPosition {
  const params = new URLSearchParams(pageSize === null ? {} : { page: '1', pageSize: String(pageSize) });
  for (const [name, value] of Object.entries(query)) params.append(name, value);
  const search = params.toString();
  return { path: search === '' ? path : `${path}?${search}`, seen: new Set() };
}

/** The `links.next` of a JSON:API document, if it has one that is a string. */
function nextLink(document: unknown): string | null {
  if (typeof document !== 'object' || document === null) return null;
  const links = (document as { links?: unknown }).links;
  if (typeof links !== 'object' || links === null) return null;
  const next = (links as { next?: unknown }).next;
  return typeof next === 'string' && next !== '' ? next : null;
}

export function nextListStep(stream: string, position: ListPosition, document: unknown): ListStep {
  const next = nextLink(document);
  if (next === null) return { kind: 'done' };
  const read = new Set(position.seen).add(positionKey(position.path));
  if (read.has(positionKey(next))) {
    throw new KustomerApiError(`stream ${stream}: Kustomer's links.next leads back to ${next}, which this run has already read; stopping rather than reading the list in a loop`);
  }
  return { kind: 'next', position: { path: next, seen: read } };
}
