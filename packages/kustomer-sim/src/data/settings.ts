/** Tags, shortcuts, brands, SLAs and SLA versions (shapes: research 5, MLT schemas). */
import { iso } from '../clock.js';
import { DERIVED_CODES } from '../kinds.js';
import { hash } from '../random.js';
import type { Generator, Resource, World } from './world.js';
import { choose, orgRel, sentence, times, toOne, userRel } from './world.js';

export const tag: Generator = (world, life, random) => {
  const id = world.id('tag', life.index);
  return {
    type: 'tag',
    id,
    attributes: { name: `${sentence(random, 1)}-${life.index}`, color: choose(random, ['#e53935', '#43a047', '#1e88e5']), deleted: false, ...times(life) },
    relationships: { org: orgRel(world), createdBy: userRel(world, random), modifiedBy: userRel(world, random) },
    links: { self: `/v1/tags/${id}` },
  };
};

export const shortcut: Generator = (world, life, random) => {
  const id = world.id('shortcut', life.index);
  const text = `Hi {{customer.firstName}}, ${sentence(random, 6)}`;
  return {
    type: 'shortcut',
    id,
    attributes: {
      name: `shortcut-${life.index}`,
      draft: { text },
      payload: { text: { blocks: [{ key: 'a1', text, type: 'unstyled', depth: 0, inlineStyleRanges: [], entityRanges: [], data: {} }], entityMap: {} } },
      isPrivate: random() < 0.2,
      deleted: false,
      appDisabled: false,
      rev: life.rev + 1,
      ...times(life),
    },
    relationships: { org: orgRel(world), createdBy: userRel(world, random), modifiedBy: userRel(world, random) },
    links: { self: `/v1/shortcuts/${id}` },
  };
};

export const brand: Generator = (world, life, random) => {
  const id = world.id('brand', life.index);
  return {
    type: 'brand',
    id,
    attributes: { name: `Brand ${life.index}`, displayName: `Brand ${life.index}`, color: '#ff7043', default: life.index === 0, icon: null, ...times(life) },
    relationships: { org: orgRel(world), createdBy: userRel(world, random), modifiedBy: userRel(world, random) },
    links: { self: `/v1/brands/${id}` },
  };
};

/** Each SLA has 1..MAX_SLA_VERSIONS versions (seeded); the current one is the last. */
export const MAX_SLA_VERSIONS = 4;

export const slaVersionCount = (world: World, slaIndex: number): number =>
  1 + (hash(world.seed, DERIVED_CODES.slaVersion, slaIndex) % MAX_SLA_VERSIONS);

export const slaVersionId = (world: World, slaIndex: number, version: number, createdAt: number): string =>
  world.derivedId(DERIVED_CODES.slaVersion, slaIndex * MAX_SLA_VERSIONS + version - 1, createdAt);

export const sla: Generator = (world, life, random) => {
  const id = world.id('sla', life.index);
  const versions = slaVersionCount(world, life.index);
  return {
    type: 'sla',
    id,
    attributes: { currentVersion: versions, ...times(life) },
    relationships: {
      org: orgRel(world),
      createdBy: userRel(world, random),
      versions: { data: Array.from({ length: versions }, (_, v) => ({ type: 'sla_version', id: slaVersionId(world, life.index, v + 1, life.createdAt) })) },
    },
    links: { self: `/v1/slas/${id}` },
  };
};

export function slaVersions(world: World, slaIndex: number, which: 'all' | 'active'): readonly Resource[] {
  const life = world.life('sla', slaIndex);
  const count = slaVersionCount(world, slaIndex);
  const first = which === 'all' ? 1 : count;
  const out: Resource[] = [];
  for (let version = first; version <= count; version++) {
    const createdAt = life.createdAt + (version - 1) * 86_400_000;
    out.push({
      type: 'sla_version',
      id: slaVersionId(world, slaIndex, version, life.createdAt),
      attributes: {
        name: `SLA ${slaIndex + 1}`,
        description: `Version ${version}`,
        version,
        hours: { type: 'business' },
        metrics: { firstResponse: { minutes: 60 * version } },
        criteria: { and: [{ conversation_priority: { gte: 1 } }] },
        createdAt: iso(createdAt),
      },
      relationships: { org: orgRel(world), createdBy: userRel(world, () => 0), sla: toOne('sla', world.id('sla', slaIndex), '/v1/slas') },
      links: { self: `/v1/slas/${world.id('sla', slaIndex)}/versions/${version}` },
    });
  }
  return out;
}
