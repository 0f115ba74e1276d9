/** The route table: one entry per endpoint, named so the compiler checks the table is complete. */
import type { Route } from './route.js';
import {
  BRANDS_ROUTE,
  KLASSES_ROUTE,
  KOBJECTS_ROUTE,
  SHORTCUTS_ROUTE,
  SLAS_ROUTE,
  SLA_ROUTE,
  TAGS_ROUTE,
  TEAMS_ROUTE,
  USERS_ROUTE,
} from './routes-lists.js';
import { ATTACHMENTS_ROUTE, CURRENT_USER_ROUTE, METADATA_ROUTE, TOKEN_ROUTE } from './routes-misc.js';
import { SEARCH_ROUTE } from './routes-search.js';

export type RouteName =
  | 'token'
  | 'currentUser'
  | 'search'
  | 'users'
  | 'teams'
  | 'tags'
  | 'shortcuts'
  | 'brands'
  | 'slas'
  | 'sla'
  | 'klasses'
  | 'kobjects'
  | 'metadata'
  | 'attachments';

/** Order matters only where patterns overlap: `/v1/users/current` is tried before any other users path. */
export const ROUTES: Readonly<Record<RouteName, Route>> = {
  token: TOKEN_ROUTE,
  currentUser: CURRENT_USER_ROUTE,
  search: SEARCH_ROUTE,
  users: USERS_ROUTE,
  teams: TEAMS_ROUTE,
  tags: TAGS_ROUTE,
  shortcuts: SHORTCUTS_ROUTE,
  brands: BRANDS_ROUTE,
  slas: SLAS_ROUTE,
  sla: SLA_ROUTE,
  klasses: KLASSES_ROUTE,
  kobjects: KOBJECTS_ROUTE,
  metadata: METADATA_ROUTE,
  attachments: ATTACHMENTS_ROUTE,
};

export interface Match {
  readonly route: Route;
  readonly params: readonly string[];
}

const decode = (part: string): string | undefined => {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
};

/** A path segment that is not valid percent-encoding names no resource: no match (a 404), not a server error. */
export function matchRoute(method: string, path: string): Match | undefined {
  for (const route of Object.values(ROUTES)) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(path);
    if (found === null) continue;
    const params = found.slice(1).map((p) => decode(p ?? ''));
    if (params.some((p) => p === undefined)) return undefined;
    return { route, params: params as string[] };
  }
  return undefined;
}
