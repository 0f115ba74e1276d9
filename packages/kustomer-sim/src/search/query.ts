/**
 * Validates a `POST /v1/customers/search` body (research 2.5) and reduces it to the kinds searched, the set of
 * updatedAt instants matched and the sort direction. Only `<ctx>_updated_at` criteria and sorts are simulated, and
 * `<ctx>_created_at` as a top-level `and` criterion (developer.kustomer.com docs/concepts/search and
 * api/core-resources/create-customer-search document `conversation_created_at` with `gte`/`lte`, both as a
 * local date and a UTC instant); anything else is refused with a 400 naming it, never guessed.
 */
import { SEARCH_MAX_CRITERIA, SEARCH_MAX_SORTS } from '../constants.js';
import { KLASS_NAMES, type KindName, type KlassName, kobjectKind } from '../kinds.js';
import { isDateOnly, parseDateOnly, parseFullInstant, type Instant } from './dates.js';
import { ALL, complement, fromOperator, intersect, type IntervalSet, union } from './intervals.js';

export interface SearchQuery {
  readonly context: string;
  readonly kinds: readonly KindName[];
  readonly ranges: IntervalSet;
  /** createdAt instants matched: ALL unless a top-level `and` criterion on `<ctx>_created_at` narrows it. */
  readonly created: IntervalSet;
  readonly descending: boolean;
}

/** The body members the OAS schema allows (additionalProperties: false, research 2.5). */
const ALLOWED_KEYS = new Set(['queryContext', 'and', 'or', 'not', 'sort', 'timeZone', 'includeDeleted', 'aggs', 'fields', 'searchHash']);
/**
 * Allowed by the schema but not simulated: `fields` would trim the attributes served, `aggs` would fill
 * `meta.aggregations`, `searchHash` has undocumented semantics. Serving full records and empty aggregations
 * instead would be a silent guess, so they are refused with a 400 naming the member.
 */
const NOT_SIMULATED_KEYS = new Set(['aggs', 'fields', 'searchHash']);
const CONTEXT_PATTERN = /^(company|customer|message|conversation|conversation_time|note|kobject|kobject_.*|work_session|work_item)$/;
const SIMPLE_CONTEXTS: Readonly<Record<string, KindName>> = {
  customer: 'customer',
  conversation: 'conversation',
  message: 'message',
  note: 'note',
  company: 'company',
};
const OPERATORS = new Set(['gte', 'gt', 'lte', 'lt']);
const UTC_ZONES = new Set(['UTC', 'GMT', 'Etc/UTC', 'Etc/GMT']);

/** A body member search refuses, named by its JSON pointer; the HTTP layer turns it into a 400. */
export class InvalidSearch extends Error {
  readonly pointer: string;

  constructor(pointer: string, detail: string) {
    super(detail);
    this.pointer = pointer;
  }
}

const invalid = (pointer: string, detail: string): InvalidSearch => new InvalidSearch(pointer, detail);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

interface Context {
  readonly name: string;
  readonly kinds: readonly KindName[];
  readonly fields: ReadonlySet<string>;
  readonly createdFields: ReadonlySet<string>;
  readonly timeZone: string;
}

function resolveContext(value: unknown): Omit<Context, 'timeZone' | 'createdFields'> {
  const name = value === undefined ? 'customer' : value;
  if (typeof name !== 'string' || !CONTEXT_PATTERN.test(name)) {
    throw invalid('/queryContext', `queryContext must match ${CONTEXT_PATTERN.source}`);
  }
  const simple = SIMPLE_CONTEXTS[name];
  if (simple !== undefined) return { name, kinds: [simple], fields: new Set([`${name}_updated_at`]) };
  if (name === 'kobject') return { name, kinds: KLASS_NAMES.map(kobjectKind), fields: new Set(['kobject_updated_at']) };
  const klass = name.slice('kobject_'.length);
  if (name.startsWith('kobject_') && (KLASS_NAMES as readonly string[]).includes(klass)) {
    return { name, kinds: [kobjectKind(klass as KlassName)], fields: new Set(['kobject_updated_at', `${name}_updated_at`]) };
  }
  if (name.startsWith('kobject_')) throw invalid('/queryContext', `unknown klass "${klass}"`);
  throw invalid('/queryContext', `kustomer-sim does not simulate queryContext "${name}"`);
}

function instant(value: unknown, pointer: string, timeZone: string): Instant {
  if (typeof value !== 'string') throw invalid(pointer, 'a date must be a string');
  if (isDateOnly(value)) {
    if (!UTC_ZONES.has(timeZone)) throw invalid(pointer, `kustomer-sim only simulates local dates in GMT, not timeZone ${timeZone}`);
    const ms = parseDateOnly(value);
    if (ms === undefined) throw invalid(pointer, `not a date: ${value}`);
    return { ms, subMillisecond: false };
  }
  const parsed = parseFullInstant(value);
  if (parsed === undefined) throw invalid(pointer, `not a date: ${value}`);
  return parsed;
}

type Operator = 'gte' | 'gt' | 'lte' | 'lt';

/**
 * Records carry whole milliseconds, so against an instant between two of them (ms + a remainder) `gte` is `gt`
 * and `lt` is `lte` of the millisecond below.
 */
function bound(operator: Operator, at: Instant): IntervalSet {
  if (!at.subMillisecond) return fromOperator(operator, at.ms);
  return fromOperator(operator === 'gte' ? 'gt' : operator === 'lt' ? 'lte' : operator, at.ms);
}

function list(value: unknown, pointer: string, max: number): readonly unknown[] {
  const items = Array.isArray(value) ? value : [value];
  if (!Array.isArray(value) && !isObject(value)) throw invalid(pointer, 'must be an object or an array of objects');
  if (items.length > max) throw invalid(pointer, `at most ${max} entries`);
  return items;
}

function criterion(value: unknown, pointer: string, context: Context): IntervalSet {
  if (!isObject(value)) throw invalid(pointer, 'a criterion must be an object');
  let result = ALL;
  for (const [key, condition] of Object.entries(value)) {
    const at = `${pointer}/${key}`;
    if (key === 'and') result = intersect(result, conjunction(condition, at, context));
    else if (key === 'or') result = intersect(result, disjunction(condition, at, context));
    else if (key === 'not') result = intersect(result, negation(condition, at, context));
    else if (context.createdFields.has(key)) {
      throw invalid(at, `kustomer-sim simulates ${key} only as a criterion of the top-level "and"`);
    } else if (!context.fields.has(key)) {
      throw invalid(at, `kustomer-sim only simulates criteria on ${[...context.fields].join(' or ')}`);
    } else if (!isObject(condition)) throw invalid(at, 'a condition must be an object like {"gte": "<date>"}');
    else {
      for (const [operator, operand] of Object.entries(condition)) {
        if (!OPERATORS.has(operator)) throw invalid(`${at}/${operator}`, `kustomer-sim only simulates gte, gt, lte, lt on ${key}`);
        result = intersect(result, bound(operator as Operator, instant(operand, `${at}/${operator}`, context.timeZone)));
      }
    }
  }
  return result;
}

function conjunction(value: unknown, pointer: string, context: Context): IntervalSet {
  return list(value, pointer, SEARCH_MAX_CRITERIA).reduce<IntervalSet>(
    (acc, item, i) => intersect(acc, criterion(item, Array.isArray(value) ? `${pointer}/${i}` : pointer, context)),
    ALL,
  );
}

/** The union of the criteria, or undefined when the list is empty. */
function anyOf(value: unknown, pointer: string, context: Context): IntervalSet | undefined {
  const items = list(value, pointer, SEARCH_MAX_CRITERIA);
  if (items.length === 0) return undefined;
  return items.reduce<IntervalSet>(
    (acc, item, i) => union(acc, criterion(item, Array.isArray(value) ? `${pointer}/${i}` : pointer, context)),
    [],
  );
}

/** An empty `or` array places no constraint: the documented example sends `"or": []` (research 2.5). */
function disjunction(value: unknown, pointer: string, context: Context): IntervalSet {
  return anyOf(value, pointer, context) ?? ALL;
}

/** `not` excludes what any of its criteria match; an empty `not` excludes nothing (like the empty `or`). */
function negation(value: unknown, pointer: string, context: Context): IntervalSet {
  const excluded = anyOf(value, pointer, context);
  return excluded === undefined ? ALL : complement(excluded);
}

/** Without a sort the simulator returns the most recently updated first (Kustomer's default is undocumented). */
function direction(value: unknown, context: Context): boolean {
  if (value === undefined) return true;
  let descending: boolean | undefined;
  list(value, '/sort', SEARCH_MAX_SORTS).forEach((item, i) => {
    if (!isObject(item)) throw invalid(`/sort/${i}`, 'a sort must be an object like {"<ctx>_updated_at": "asc"}');
    for (const [field, order] of Object.entries(item)) {
      if (!context.fields.has(field)) throw invalid(`/sort/${i}/${field}`, `kustomer-sim only sorts by ${[...context.fields].join(' or ')}`);
      if (order !== 'asc' && order !== 'desc') throw invalid(`/sort/${i}/${field}`, 'sort order must be "asc" or "desc"');
      descending ??= order === 'desc';
    }
  });
  return descending ?? true;
}

export function parseSearch(body: unknown): SearchQuery {
  if (!isObject(body)) throw invalid('', 'the body must be a JSON object');
  for (const key of Object.keys(body)) {
    if (!ALLOWED_KEYS.has(key)) throw invalid(`/${key}`, `unknown member "${key}"`);
    if (NOT_SIMULATED_KEYS.has(key)) throw invalid(`/${key}`, `kustomer-sim does not simulate "${key}"`);
  }
  const timeZone = body['timeZone'] ?? 'GMT';
  if (typeof timeZone !== 'string') throw invalid('/timeZone', 'timeZone must be a string');
  if (body['includeDeleted'] !== undefined && typeof body['includeDeleted'] !== 'boolean') {
    throw invalid('/includeDeleted', 'includeDeleted must be a boolean');
  }
  const resolved = resolveContext(body['queryContext']);
  const createdFields = new Set([...resolved.fields].map((field) => field.replace(/_updated_at$/, '_created_at')));
  const context: Context = { ...resolved, createdFields, timeZone };
  let ranges = ALL;
  let created = ALL;
  if (body['and'] !== undefined) {
    const items = list(body['and'], '/and', SEARCH_MAX_CRITERIA);
    items.forEach((item, i) => {
      const pointer = Array.isArray(body['and']) ? `/and/${i}` : '/and';
      if (isCreatedCriterion(item, context)) created = intersect(created, createdBounds(item, pointer, context));
      else ranges = intersect(ranges, criterion(item, pointer, context));
    });
  }
  if (body['or'] !== undefined) ranges = intersect(ranges, disjunction(body['or'], '/or', context));
  if (body['not'] !== undefined) ranges = intersect(ranges, negation(body['not'], '/not', context));
  return { context: context.name, kinds: context.kinds, ranges, created, descending: direction(body['sort'], context) };
}

/** `{"<ctx>_created_at": {...}}` and nothing else: the one place a created_at criterion is simulated. */
function isCreatedCriterion(item: unknown, context: Context): item is Record<string, unknown> {
  if (!isObject(item)) return false;
  const keys = Object.keys(item);
  return keys.length === 1 && context.createdFields.has(keys[0] ?? '');
}

function createdBounds(item: Record<string, unknown>, pointer: string, context: Context): IntervalSet {
  let result = ALL;
  for (const [key, condition] of Object.entries(item)) {
    const at = `${pointer}/${key}`;
    if (!isObject(condition)) throw invalid(at, 'a condition must be an object like {"gte": "<date>"}');
    for (const [operator, operand] of Object.entries(condition)) {
      if (!OPERATORS.has(operator)) throw invalid(`${at}/${operator}`, `kustomer-sim only simulates gte, gt, lte, lt on ${key}`);
      result = intersect(result, bound(operator as Operator, instant(operand, `${at}/${operator}`, context.timeZone)));
    }
  }
  return result;
}
