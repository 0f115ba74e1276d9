/** `POST /v1/customers/search` (research 2.5, 2.6). */
import { SEARCH_MAX_PAGES, SEARCH_MAX_PAGE_SIZE } from '../constants.js';
import { runSearch } from '../search/execute.js';
import { horizonOf } from '../search/horizon.js';
import { InvalidSearch, parseSearch, type SearchQuery } from '../search/query.js';
import { badBody, badParameter } from './errors.js';
import { pageLinks, parsePage } from './pagination.js';
import type { Reply, RequestContext, Route } from './route.js';
import type { Resource } from './roles.js';

const CONTEXT_RESOURCE: Readonly<Record<string, Resource>> = {
  customer: 'customer',
  conversation: 'conversation',
  message: 'message',
  note: 'note',
  company: 'company',
};

/** Search needs the search role and the read role of the object searched (the latter is the simulator's reading of research 2.1). */
function searchResources(body: unknown): readonly Resource[] {
  const context = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['queryContext'] : undefined;
  const name = typeof context === 'string' ? context : 'customer';
  const object = name.startsWith('kobject') ? 'klass' : CONTEXT_RESOURCE[name];
  return object === undefined ? ['search'] : ['search', object];
}

/** A body search refuses becomes a shape-B 400 naming the member (research 2.8; the split is in errors.ts). */
function parse(body: unknown): SearchQuery {
  try {
    return parseSearch(body);
  } catch (error) {
    if (error instanceof InvalidSearch) throw badBody(error.pointer, error.message);
    throw error;
  }
}

function search({ state, query, body }: RequestContext): Reply {
  const request = parsePage(query, SEARCH_MAX_PAGE_SIZE);
  if (request.page > SEARCH_MAX_PAGES) {
    throw badParameter(
      'page',
      `Search is limited to ${SEARCH_MAX_PAGES} pages. Sort by <context>_updated_at and restart at page 1 with "gte" set to the last updatedAt seen.`,
    );
  }
  const parsed = parse(body);
  const { dataset } = state;
  const { hits, total } = runSearch(dataset, parsed, horizonOf(state.clock.now()), (request.page - 1) * request.pageSize, request.pageSize);
  const idsOnly = query.get('idsOnly') === 'true';
  const data = hits.map((hit) => {
    const record = dataset.record(hit.kind, hit.index);
    return idsOnly ? { type: record.type, id: record.id } : record;
  });
  const totalPages = Math.ceil(total / request.pageSize);
  return {
    status: 200,
    body: {
      meta: { pageSize: request.pageSize, page: request.page, total, totalPages, aggregations: {} },
      data,
      // On the last allowed page `next` still points at page 101, as MeltanoLabs' paginator expects (research 5).
      links: pageLinks('/v1/customers/search', query, request, request.page < totalPages, totalPages),
    },
  };
}

export const SEARCH_ROUTE: Route = {
  method: 'POST',
  pattern: /^\/v1\/customers\/search$/,
  resources: searchResources,
  search: true,
  handle: search,
};
