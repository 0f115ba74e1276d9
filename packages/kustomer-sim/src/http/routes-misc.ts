/** Token check, current user, custom attribute metadata and conversation attachments (research 2.1, 2.4). */
import { iso } from '../clock.js';
import { LIST_MAX_PAGE_SIZE } from '../constants.js';
import { attachments } from '../data/conversations.js';
import { METADATA_RESOURCES, type MetadataResource } from '../data/custom-fields.js';
import { metadata } from '../data/metadata.js';
import { DERIVED_CODES } from '../kinds.js';
import { ApiError } from './errors.js';
import { pageLinks, parsePage } from './pagination.js';
import type { RequestContext, Route } from './route.js';

const machineUser = (context: RequestContext) => {
  const { dataset } = context.state;
  return {
    type: 'user',
    id: context.state.machineUserId,
    attributes: {
      name: 'kustomer-sim API key',
      displayName: 'kustomer-sim API key',
      userType: 'machine',
      roles: context.principal.spec.roles,
      createdAt: iso(dataset.historyStart),
      updatedAt: iso(dataset.historyStart),
    },
    relationships: { org: { data: { type: 'org', id: dataset.orgId } } },
    links: { self: `/v1/users/${context.state.machineUserId}` },
  };
};

/** `GET /v1/auth/tokens/current` works with any valid key whatever its roles (research 2.1). */
export const TOKEN_ROUTE: Route = {
  method: 'GET',
  pattern: /^\/v1\/auth\/tokens\/current$/,
  resources: () => [],
  search: false,
  handle: (context) => {
    const { dataset } = context.state;
    const expiresAt = context.principal.spec.expiresAt;
    return {
      status: 200,
      body: {
        data: {
          type: 'token',
          id: dataset.derivedId(DERIVED_CODES.machineUser, 1, dataset.historyStart),
          attributes: {
            roles: context.principal.spec.roles,
            createdAt: iso(dataset.historyStart),
            expiresAt: expiresAt === undefined ? null : iso(typeof expiresAt === 'number' ? expiresAt : Date.parse(expiresAt)),
          },
          relationships: {
            user: { data: { type: 'user', id: context.state.machineUserId } },
            org: { data: { type: 'org', id: dataset.orgId } },
          },
        },
      },
    };
  },
};

export const CURRENT_USER_ROUTE: Route = {
  method: 'GET',
  pattern: /^\/v1\/users\/current\/?$/,
  resources: () => [],
  search: false,
  handle: (context) => ({ status: 200, body: { data: machineUser(context) } }),
};

export const METADATA_ROUTE: Route = {
  method: 'GET',
  pattern: /^\/v1\/metadata\/([^/]+)$/,
  resources: () => ['metadata'],
  search: false,
  handle: (context) => {
    const resource = context.params[0] ?? '';
    if (!(METADATA_RESOURCES as readonly string[]).includes(resource)) {
      throw new ApiError(404, 'not_found', `No metadata for resource ${resource}.`);
    }
    const { dataset } = context.state;
    return { status: 200, body: { data: metadata(dataset, resource as MetadataResource, dataset.historyStart) } };
  },
};

export const ATTACHMENTS_ROUTE: Route = {
  method: 'GET',
  pattern: /^\/v1\/conversations\/([^/]+)\/attachments$/,
  resources: () => ['conversation', 'attachment'],
  search: false,
  handle: (context) => {
    const { dataset } = context.state;
    const index = dataset.indexOf('conversation', context.params[0] ?? '');
    if (index === undefined) throw new ApiError(404, 'not_found', `No conversation with id ${context.params[0] ?? ''}.`);
    const all = attachments(dataset, index);
    const request = parsePage(context.query, LIST_MAX_PAGE_SIZE);
    const start = (request.page - 1) * request.pageSize;
    const data = all.slice(start, start + request.pageSize);
    return {
      status: 200,
      body: {
        meta: { pageSize: request.pageSize, page: request.page },
        data,
        links: pageLinks(context.path, context.query, request, start + request.pageSize < all.length),
      },
    };
  },
};
