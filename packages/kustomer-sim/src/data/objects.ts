/** Companies, klasses and their kobjects (shapes: research 8). */
import { DERIVED_CODES, KLASS_NAMES, type KlassName } from '../kinds.js';
import { iso } from '../clock.js';
import { customValues } from './custom-fields.js';
import type { Generator, Resource, World } from './world.js';
import { orgRel, sentence, times, toOne, userRel } from './world.js';

export const company: Generator = (world, life, random) => {
  const id = world.id('company', life.index);
  const name = `${sentence(random, 1)} ${['Ltd', 'Inc', 'GmbH'][life.index % 3] ?? 'Ltd'} ${life.index}`;
  return {
    type: 'company',
    id,
    attributes: {
      name,
      // `extenalId` (sic) is how the documented example spells it (research 8).
      extenalId: `co-${life.index}`,
      domains: [`company${life.index}.example.com`],
      emails: [{ email: `info@company${life.index}.example.com`, type: 'work' }],
      phones: [],
      tags: [],
      custom: customValues(world, 'company', random, life.rev),
      rev: life.rev + 1,
      ...times(life),
    },
    relationships: { org: orgRel(world), createdBy: userRel(world, random), modifiedBy: userRel(world, random) },
    links: { self: `/v1/companies/${id}` },
  };
};

const ICONS: Readonly<Record<KlassName, string>> = { order: 'truck-delivery', subscription: 'refresh', 'return-request': 'undo' };

export const kobject = (klass: KlassName): Generator => (world, life, random) => {
  const id = world.id(`kobject.${klass}`, life.index);
  return {
    type: `kobject.${klass}`,
    id,
    attributes: {
      externalId: `${klass}-${life.index}`,
      title: `${klass} #${1000 + life.index}`,
      description: sentence(random, 4),
      icon: ICONS[klass],
      images: [],
      custom: customValues(world, 'kobject', random, life.rev),
      tags: [],
      rev: life.rev,
      ...times(life),
    },
    relationships: {
      org: orgRel(world),
      // `link` (singular) and a klass id that is its name: both as in the documented example (research 8).
      klass: { link: { self: `/v1/klasses/${klass}` }, data: { type: 'klass', id: klass } },
      customer: toOne('customer', world.id('customer', Math.floor(random() * world.count('customer'))), '/v1/customers'),
    },
    links: { self: `/v1/klasses/${klass}/${id}` },
  };
};

/** The klass list items; their ids are ObjectIds although kobjects refer to a klass by name (research 8). */
export function klasses(world: World, createdAt: number): readonly Resource[] {
  return KLASS_NAMES.map((name, index) => ({
    type: 'klass',
    id: world.derivedId(DERIVED_CODES.klass, index, createdAt),
    attributes: {
      name,
      displayName: name.replace('-', ' '),
      icon: ICONS[name],
      color: '#5e35b1',
      appDisabled: false,
      status: 'enabled',
      mixins: ['assignable'],
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt),
    },
    relationships: { org: orgRel(world), kobjects: { links: { self: `/v1/klasses/${name}` } } },
    links: { self: `/v1/klasses/${name}` },
  }));
}
