/**
 * The tap's streams: one readonly declarative table (DESIGN.md section 4; STYLE.md: "a stream is an entry
 * in a table, not a class"). Adding a stream is one entry here plus one `schemas/<name>.json`. No I/O.
 *
 * Roles are the permission-set names of research/kustomer.md 2.1; a key needs every role of its stream.
 */

/** research 2.1: searching needs this role in addition to the searched object's read role. */
export const SEARCH_ROLE = 'org.permission.search.create';

/** research 2.4: `POST /v1/customers/search` serves pages of at most 500. */
export const SEARCH_MAX_PAGE_SIZE = 500;
/** research 2.4 (KD-pagination): users and teams lists allow 500 per page. */
const LARGE_LIST_PAGE_SIZE = 500;
/** research 2.4: the other list endpoints allow 100 per page. */
const LIST_PAGE_SIZE = 100;

/** The custom attribute metadata resources (research 2.4, `GET /v1/metadata/{resource}`). */
export const METADATA_RESOURCES = ['customer', 'conversation', 'message', 'company', 'kobject'] as const;

/** Incremental through `POST /v1/customers/search` on `<context>_updated_at`, ascending. */
export interface SearchEndpoint {
  readonly kind: 'search';
  readonly path: '/v1/customers/search';
  readonly queryContext: string;
  readonly maxPageSize: number;
}

/** Full table through a list endpoint following `links.next`. */
export interface ListEndpoint {
  readonly kind: 'list';
  /** May hold `{resource}`, filled from `each`: one list per value. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Where the records are in the response: `data` (the default) or the side-loaded `included`. */
  readonly records: 'data' | 'included';
  readonly each?: { readonly param: 'resource'; readonly values: readonly string[] };
  readonly maxPageSize: number;
  /** False when the endpoint takes no `page` / `pageSize` (research 2.4 gives `GET /v1/metadata/{resource}` none). */
  readonly paged?: false;
}

/** Read once per record of a parent stream; `{id}` in the path is the parent record's id. */
export interface ChildEndpoint {
  readonly kind: 'child';
  readonly parent: StreamName;
  readonly path: string;
  readonly maxPageSize: number;
}

export type Endpoint = SearchEndpoint | ListEndpoint | ChildEndpoint;

export interface StreamSpec {
  readonly name: StreamName;
  readonly endpoint: Endpoint;
  readonly keyProperties: readonly ['id'];
  /** `updated_at` for incremental streams; null for full table. */
  readonly replicationKey: 'updated_at' | null;
  readonly roles: readonly string[];
  /** Relative to the repository root. */
  readonly schemaFile: string;
}

export const STREAM_NAMES = [
  'customers',
  'conversations',
  'messages',
  'notes',
  'companies',
  'kobjects',
  'users',
  'teams',
  'tags',
  'shortcuts',
  'klasses',
  'brands',
  'slas',
  'sla_versions',
  'custom_attributes',
  'conversation_attachments',
] as const;
export type StreamName = (typeof STREAM_NAMES)[number];

const search = (name: StreamName, queryContext: string, role: string): StreamSpec => ({
  name,
  endpoint: { kind: 'search', path: '/v1/customers/search', queryContext, maxPageSize: SEARCH_MAX_PAGE_SIZE },
  keyProperties: ['id'],
  replicationKey: 'updated_at',
  roles: [SEARCH_ROLE, role],
  schemaFile: `schemas/${name}.json`,
});

const list = (name: StreamName, path: string, role: string, more: Partial<ListEndpoint> = {}): StreamSpec => ({
  name,
  endpoint: { kind: 'list', path, records: 'data', maxPageSize: LIST_PAGE_SIZE, ...more },
  keyProperties: ['id'],
  replicationKey: null,
  roles: [role],
  schemaFile: `schemas/${name}.json`,
});

export const STREAMS: Readonly<Record<StreamName, StreamSpec>> = {
  customers: search('customers', 'customer', 'org.permission.customer.read'),
  conversations: search('conversations', 'conversation', 'org.permission.conversation.read'),
  messages: search('messages', 'message', 'org.permission.message.read'),
  notes: search('notes', 'note', 'org.permission.note.read'),
  companies: search('companies', 'company', 'org.permission.company.read'),
  // One stream for every klass, as singer-io's `queryContext: "kobject"` (research 4.6 #11).
  kobjects: search('kobjects', 'kobject', 'org.permission.klass.read'),
  users: list('users', '/v1/users', 'org.permission.user.read', { maxPageSize: LARGE_LIST_PAGE_SIZE }),
  teams: list('teams', '/v1/teams', 'org.permission.team.read', { maxPageSize: LARGE_LIST_PAGE_SIZE }),
  // research 2.1 names no tag role; this follows the pattern (as kustomer-sim does).
  tags: list('tags', '/v1/tags', 'org.permission.tag.read'),
  shortcuts: list('shortcuts', '/v1/shortcuts', 'org.permission.shortcut.read'),
  klasses: list('klasses', '/v1/klasses', 'org.permission.klass.read'),
  brands: list('brands', '/v1/brands', 'org.permission.brand.read'),
  slas: list('slas', '/v1/slas', 'org.permission.sla.read'),
  // research 5: MeltanoLabs reads every version from `included` of `GET /v1/slas?versions=all`.
  sla_versions: list('sla_versions', '/v1/slas', 'org.permission.sla.read', { query: { versions: 'all' }, records: 'included' }),
  custom_attributes: list('custom_attributes', '/v1/metadata/{resource}', 'org.permission.metadata.read', {
    each: { param: 'resource', values: METADATA_RESOURCES },
    paged: false,
  }),
  conversation_attachments: {
    name: 'conversation_attachments',
    endpoint: { kind: 'child', parent: 'conversations', path: '/v1/conversations/{id}/attachments', maxPageSize: LIST_PAGE_SIZE },
    keyProperties: ['id'],
    replicationKey: null,
    roles: ['org.permission.conversation.read', 'org.permission.attachment.read'],
    schemaFile: 'schemas/conversation_attachments.json',
  },
};
