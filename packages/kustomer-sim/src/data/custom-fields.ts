/**
 * The org's custom attributes per resource: one table feeds both the generated `custom` objects and
 * `GET /v1/metadata/{resource}`. Keys carry Kustomer's type suffixes (research 2.3: Str, Num, At, Txt, Bool, Url, Tree).
 */
import type { Json, World } from './world.js';
import { choose } from './world.js';

export type CustomType = 'string' | 'number' | 'date' | 'text' | 'boolean' | 'url' | 'tree';

export interface CustomField {
  readonly key: string;
  readonly type: CustomType;
  readonly displayName: string;
  readonly value: (random: () => number, rev: number) => Json;
}

const TIERS = ['bronze', 'silver', 'gold', 'platinum'] as const;
const BASE_2020 = Date.UTC(2020, 0, 1);
const dateValue = (random: () => number): string => new Date(BASE_2020 + Math.floor(random() * 5 * 365 * 86_400_000)).toISOString();

export const METADATA_RESOURCES = ['customer', 'conversation', 'message', 'company', 'kobject'] as const;
export type MetadataResource = (typeof METADATA_RESOURCES)[number];

export const CUSTOM_FIELDS: Readonly<Record<MetadataResource, readonly CustomField[]>> = {
  customer: [
    { key: 'tierStr', type: 'string', displayName: 'Tier', value: (r) => choose(r, TIERS) },
    { key: 'ltvNum', type: 'number', displayName: 'Lifetime value', value: (r) => Math.round(r() * 1_000_000) / 100 },
    { key: 'vipBool', type: 'boolean', displayName: 'VIP', value: (r) => r() < 0.1 },
    { key: 'signupAt', type: 'date', displayName: 'Signed up', value: dateValue },
    { key: 'notesTxt', type: 'text', displayName: 'Notes', value: (r) => (r() < 0.5 ? null : 'Prefers email.\nCall after 5pm.') },
    { key: 'websiteUrl', type: 'url', displayName: 'Website', value: (r) => `https://example.com/u/${Math.floor(r() * 1e6)}` },
    { key: 'regionTree', type: 'tree', displayName: 'Region', value: (r) => choose(r, ['emea.uk', 'emea.de', 'amer.us.ny', 'apac.in']) },
  ],
  conversation: [
    { key: 'brandStr', type: 'string', displayName: 'Brand', value: (r) => choose(r, ['acme', 'globex', 'initech']) },
    { key: 'caseIdStr', type: 'string', displayName: 'Case id', value: (r) => `CASE-${Math.floor(r() * 1e7)}` },
    { key: 'priorityScoreNum', type: 'number', displayName: 'Priority score', value: (r, rev) => Math.floor(r() * 100) + rev },
    { key: 'escalatedBool', type: 'boolean', displayName: 'Escalated', value: (r, rev) => rev > 0 || r() < 0.05 },
    { key: 'dueAt', type: 'date', displayName: 'Due', value: dateValue },
  ],
  message: [{ key: 'sourceStr', type: 'string', displayName: 'Source', value: (r) => choose(r, ['web', 'app', 'api']) }],
  company: [
    { key: 'industryStr', type: 'string', displayName: 'Industry', value: (r) => choose(r, ['retail', 'saas', 'travel']) },
    { key: 'employeesNum', type: 'number', displayName: 'Employees', value: (r) => Math.floor(r() * 10_000) },
  ],
  kobject: [
    { key: 'orderStatusStr', type: 'string', displayName: 'Order status', value: (r) => choose(r, ['fulfilled', 'pending', 'refunded']) },
    { key: 'orderNumberNum', type: 'number', displayName: 'Order number', value: (r) => 1000 + Math.floor(r() * 1e6) },
    { key: 'totalPriceNum', type: 'number', displayName: 'Total price', value: (r) => Math.round(r() * 50_000) / 100 },
    { key: 'orderUpdatedAt', type: 'date', displayName: 'Order updated', value: dateValue },
  ],
};

/** The org's custom fields of a resource: none when it has defined no custom attributes. */
export const customFields = (world: World, resource: MetadataResource): readonly CustomField[] =>
  world.customAttributes ? CUSTOM_FIELDS[resource] : [];

export function customValues(world: World, resource: MetadataResource, random: () => number, rev: number): Json {
  const out: Record<string, Json> = {};
  // Drawn even when the org has no custom attributes, so that every other value of the record stays the same.
  for (const field of CUSTOM_FIELDS[resource]) out[field.key] = field.value(random, rev);
  return world.customAttributes ? out : {};
}
