/** `GET /v1/metadata/{resource}`: the custom attribute definitions (research 2.4, 5 `custom_attributes`). */
import { iso } from '../clock.js';
import { customFields, type MetadataResource } from './custom-fields.js';
import type { Json, Resource, World } from './world.js';
import { orgRel } from './world.js';

export function metadata(world: World, resource: MetadataResource, at: number): Resource {
  const properties: Record<string, Json> = {};
  for (const field of customFields(world, resource)) {
    properties[field.key] = {
      displayName: field.displayName,
      type: field.type,
      array: false,
      multi: false,
      enumeration: null,
      hasSensitiveAttributes: false,
      modifiedAt: iso(at),
      modifiedBy: world.id('user', 0),
      target: null,
      tree: field.type === 'tree' ? { children: [] } : null,
    };
  }
  return {
    type: 'metadata',
    id: resource,
    attributes: { properties },
    relationships: { org: orgRel(world) },
    links: { self: `/v1/metadata/${resource}` },
  };
}
