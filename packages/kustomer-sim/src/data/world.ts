/** What a record generator may ask about the synthetic org, and the JSON:API shapes it returns (research 2.3). */
import type { KindName } from '../kinds.js';
import { iso } from '../clock.js';

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

export interface Resource {
  readonly type: string;
  readonly id: string;
  readonly attributes: { readonly [key: string]: Json };
  readonly relationships?: { readonly [key: string]: Json };
  readonly links?: { readonly [key: string]: Json };
}

/** The lifecycle fields of one record: its times move when the record is changed through the update API. */
export interface Life {
  readonly index: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly rev: number;
}

export interface World {
  readonly seed: number;
  readonly orgId: string;
  /** False for an org that has defined no custom attributes: `custom` is `{}` and the metadata lists none. */
  readonly customAttributes: boolean;
  count(kind: KindName): number;
  id(kind: KindName, index: number): string;
  /** An id for an object derived from another (attachments, sla versions, klasses): code + index. */
  derivedId(code: number, index: number, createdAt: number): string;
  life(kind: KindName, index: number): Life;
}

export type Generator = (world: World, life: Life, random: () => number) => Resource;

/** A to-one relationship with both `links` and `data`, the common shape (research 8). */
export const toOne = (type: string, id: string, path: string): Json => ({
  links: { self: `${path}/${id}` },
  data: { type, id },
});

/** A relationship with links only (e.g. conversation `messages`), which a flattening tap must drop (research 4.3). */
export const linksOnly = (self: string): Json => ({ links: { self } });

export const orgRel = (world: World): Json => toOne('org', world.orgId, '/v1/orgs');

export const userRel = (world: World, random: () => number): Json =>
  toOne('user', world.id('user', Math.floor(random() * world.count('user'))), '/v1/users');

export const times = (life: Life): { readonly createdAt: string; readonly updatedAt: string; readonly modifiedAt: string } => {
  const updatedAt = iso(life.updatedAt);
  return { createdAt: iso(life.createdAt), updatedAt, modifiedAt: updatedAt };
};

export const choose = <T>(random: () => number, list: readonly [T, ...T[]]): T =>
  list[Math.floor(random() * list.length)] ?? list[0];

export const FIRST_NAMES = ['Ada', 'Grace', 'Linus', 'Margaret', 'Alan', 'Barbara', 'Dennis', 'Frances', 'Ken', 'Radia'] as const;
export const LAST_NAMES = ['Lovelace', 'Hopper', 'Torvalds', 'Hamilton', 'Turing', 'Liskov', 'Ritchie', 'Allen', 'Thompson', 'Perlman'] as const;
export const WORDS = ['refund', 'order', 'late', 'delivery', 'broken', 'invoice', 'password', 'upgrade', 'cancel', 'thanks', 'help', 'size'] as const;

export const sentence = (random: () => number, words: number): string =>
  Array.from({ length: words }, () => choose(random, WORDS)).join(' ');
