/**
 * The GET list endpoints: records in creation order, `page` / `pageSize` with each endpoint's maximum, `links.next`
 * a relative path and null at the end, `meta` with `page` and `pageSize` only (research 2.3, 2.4, 2.6).
 */
import { LIST_MAX_PAGE_SIZE, USERS_TEAMS_MAX_PAGE_SIZE } from '../constants.js';
import { klasses } from '../data/objects.js';
import { slaVersions } from '../data/settings.js';
import type { Resource as JsonResource } from '../data/world.js';
import { KLASS_NAMES, type KindName, type KlassName, kobjectKind } from '../kinds.js';
import { ApiError, badParameter } from './errors.js';
import { pageLinks, parsePage } from './pagination.js';
import type { Reply, RequestContext, Route } from './route.js';
import type { Resource } from './roles.js';

function page(context: RequestContext, max: number, size: number, item: (index: number) => JsonResource, included?: (items: readonly JsonResource[]) => readonly JsonResource[]): Reply {
  const request = parsePage(context.query, max);
  const start = (request.page - 1) * request.pageSize;
  const end = Math.min(size, start + request.pageSize);
  const data: JsonResource[] = [];
  for (let index = start; index < end; index++) data.push(item(index));
  const body: Record<string, unknown> = {
    meta: { pageSize: request.pageSize, page: request.page },
    data,
    links: pageLinks(context.path, context.query, request, end < size),
  };
  if (included !== undefined) body['included'] = included(data);
  return { status: 200, body };
}

function versionsParameter(query: URLSearchParams): 'all' | 'active' | undefined {
  const versions = query.get('versions');
  if (versions === null) return undefined;
  if (versions !== 'all' && versions !== 'active') throw badParameter('versions', 'versions must be "active" or "all"');
  return versions;
}

const kindList = (kind: KindName, resource: Resource, path: RegExp, max: number): Route => ({
  method: 'GET',
  pattern: path,
  resources: () => [resource],
  search: false,
  handle: (context) => page(context, max, context.state.dataset.count(kind), (i) => context.state.dataset.record(kind, i)),
});

export const USERS_ROUTE = kindList('user', 'user', /^\/v1\/users$/, USERS_TEAMS_MAX_PAGE_SIZE);
export const TEAMS_ROUTE = kindList('team', 'team', /^\/v1\/teams$/, USERS_TEAMS_MAX_PAGE_SIZE);
export const TAGS_ROUTE = kindList('tag', 'tag', /^\/v1\/tags$/, LIST_MAX_PAGE_SIZE);
export const SHORTCUTS_ROUTE = kindList('shortcut', 'shortcut', /^\/v1\/shortcuts$/, LIST_MAX_PAGE_SIZE);
export const BRANDS_ROUTE = kindList('brand', 'brand', /^\/v1\/brands$/, LIST_MAX_PAGE_SIZE);

/** `GET /v1/slas[?versions=all|active]`: the versions of the page's SLAs come in `included` (research 2.3, MLT). */
export const SLAS_ROUTE: Route = {
  method: 'GET',
  pattern: /^\/v1\/slas$/,
  resources: () => ['sla'],
  search: false,
  handle: (context) => {
    const { dataset } = context.state;
    const versions = versionsParameter(context.query);
    return page(context, LIST_MAX_PAGE_SIZE, dataset.count('sla'), (i) => dataset.record('sla', i), versions === undefined
      ? undefined
      : (items) => items.flatMap((item) => slaVersions(dataset, dataset.indexOf('sla', item.id) ?? 0, versions)));
  },
};

/** `GET /v1/slas/{id}?versions=active|all` (research 2.4: OAS GetSlaById). */
export const SLA_ROUTE: Route = {
  method: 'GET',
  pattern: /^\/v1\/slas\/([^/]+)$/,
  resources: () => ['sla'],
  search: false,
  handle: (context) => {
    const { dataset } = context.state;
    const index = dataset.indexOf('sla', context.params[0] ?? '');
    if (index === undefined) throw new ApiError(404, 'not_found', `No SLA with id ${context.params[0] ?? ''}.`);
    const versions = versionsParameter(context.query);
    const body: Record<string, unknown> = { data: dataset.record('sla', index) };
    if (versions !== undefined) body['included'] = slaVersions(dataset, index, versions);
    return { status: 200, body };
  },
};

export const KLASSES_ROUTE: Route = {
  method: 'GET',
  pattern: /^\/v1\/klasses$/,
  resources: () => ['klass'],
  search: false,
  handle: (context) => {
    const status = context.query.get('status');
    if (status !== null && !['enabled', 'disabled', 'existing_only'].includes(status)) {
      throw badParameter('status', 'status must be enabled, disabled or existing_only');
    }
    const all = status === 'disabled' ? [] : klasses(context.state.dataset, context.state.dataset.historyStart);
    return page(context, LIST_MAX_PAGE_SIZE, all.length, (i) => {
      const klass = all[i];
      if (klass === undefined) throw new RangeError(`klass index ${i} out of range`);
      return klass;
    });
  },
};

/** `GET /v1/klasses/{name}`: the kobjects of one klass. `fromDate` is refused: its semantics are undocumented (research 10). */
export const KOBJECTS_ROUTE: Route = {
  method: 'GET',
  pattern: /^\/v1\/klasses\/([^/]+)$/,
  resources: () => ['klass'],
  search: false,
  handle: (context) => {
    const name = context.params[0] ?? '';
    if (!(KLASS_NAMES as readonly string[]).includes(name)) throw new ApiError(404, 'not_found', `No klass named ${name}.`);
    if (context.query.has('fromDate')) throw badParameter('fromDate', 'kustomer-sim does not simulate fromDate (undocumented semantics)');
    const kind = kobjectKind(name as KlassName);
    const { dataset } = context.state;
    return page(context, LIST_MAX_PAGE_SIZE, dataset.count(kind), (i) => dataset.record(kind, i));
  },
};
