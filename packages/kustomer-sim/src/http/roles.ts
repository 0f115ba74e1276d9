/**
 * The role each resource needs, with its legacy equivalents (research 2.1). A token holding any role of the
 * list may read the resource. Tags have no documented role; the simulator follows the same naming pattern.
 */
export const RESOURCES = [
  'search',
  'customer',
  'conversation',
  'message',
  'note',
  'company',
  'klass',
  'brand',
  'attachment',
  'metadata',
  'sla',
  'user',
  'team',
  'tag',
  'shortcut',
] as const;
export type Resource = (typeof RESOURCES)[number];

export const ROLES: Readonly<Record<Resource, readonly string[]>> = {
  search: ['org.permission.search.create', 'org.user.search.read', 'org.admin.search.read'],
  customer: ['org.permission.customer.read', 'org.user.customer.read'],
  conversation: ['org.permission.conversation.read', 'org.user.conversation.read'],
  message: ['org.permission.message.read', 'org.user.message.read'],
  note: ['org.permission.note.read', 'org.user.note.read'],
  company: ['org.permission.company.read', 'org.user.company.read'],
  klass: ['org.permission.klass.read', 'org.user.klass.read'],
  brand: ['org.permission.brand.read'],
  attachment: ['org.permission.attachment.read'],
  metadata: ['org.permission.metadata.read'],
  sla: ['org.permission.sla.read'],
  user: ['org.permission.user.read', 'org.user.read'],
  team: ['org.permission.team.read', 'org.user.team.read'],
  tag: ['org.permission.tag.read', 'org.user.tag.read'],
  shortcut: ['org.permission.shortcut.read', 'org.user.shortcut.read'],
};

/** The first (current) role name of every resource: what the default token holds. */
export const ALL_ROLES: readonly string[] = RESOURCES.map((resource) => ROLES[resource][0] ?? resource);
