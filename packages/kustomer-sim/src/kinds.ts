/**
 * The table of synthetic object kinds: one entry per kind, with its id code and its count as a function of
 * `scale` (the number of conversations). Adding a kind touches this table and one generator.
 */

/** Custom object classes (klasses) of the synthetic org; `return-request` has a hyphen like `ecomm-order` (2.5). */
export const KLASS_NAMES = ['order', 'subscription', 'return-request'] as const;
export type KlassName = (typeof KLASS_NAMES)[number];

export type KindName =
  | 'customer'
  | 'conversation'
  | 'message'
  | 'note'
  | 'company'
  | 'kobject.order'
  | 'kobject.subscription'
  | 'kobject.return-request'
  | 'user'
  | 'team'
  | 'tag'
  | 'shortcut'
  | 'brand'
  | 'sla';

export interface KindSpec {
  readonly name: KindName;
  /** The byte stored in the kind's ObjectIds (see ids.ts). */
  readonly code: number;
  readonly count: (scale: number) => number;
}

const ratio = (per: number) => (scale: number) => Math.ceil(scale / per);
const bounded = (base: number, per: number, max: number) => (scale: number) =>
  Math.min(max, base + Math.ceil(scale / per));

export const KINDS: Readonly<Record<KindName, KindSpec>> = {
  customer: { name: 'customer', code: 1, count: ratio(2) },
  conversation: { name: 'conversation', code: 2, count: (scale) => scale },
  message: { name: 'message', code: 3, count: (scale) => scale * 3 },
  note: { name: 'note', code: 4, count: ratio(2) },
  company: { name: 'company', code: 5, count: ratio(20) },
  'kobject.order': { name: 'kobject.order', code: 6, count: ratio(4) },
  'kobject.subscription': { name: 'kobject.subscription', code: 7, count: ratio(10) },
  'kobject.return-request': { name: 'kobject.return-request', code: 8, count: ratio(20) },
  user: { name: 'user', code: 16, count: bounded(5, 1_000, 2_000) },
  team: { name: 'team', code: 17, count: bounded(2, 20_000, 200) },
  tag: { name: 'tag', code: 18, count: bounded(10, 5_000, 1_000) },
  shortcut: { name: 'shortcut', code: 19, count: bounded(5, 10_000, 500) },
  brand: { name: 'brand', code: 20, count: bounded(2, 200_000, 20) },
  sla: { name: 'sla', code: 21, count: () => 3 },
};

export const KIND_NAMES = Object.keys(KINDS) as readonly KindName[];

/** Ids of objects that are not kinds of their own (derived from a parent record). */
export const DERIVED_CODES = {
  slaVersion: 22,
  klass: 23,
  attachment: 24,
  org: 25,
  machineUser: 26,
} as const;

export const kobjectKind = (klass: KlassName): KindName => `kobject.${klass}`;
