/**
 * The synthetic org: one Timeline per kind and the generators that turn (seed, kind, index, life) into a record.
 * Nothing per record is stored except what the update API changed.
 */
import { addMonths, iso, parseInstant } from './clock.js';
import { company, kobject } from './data/objects.js';
import { conversation, message, note } from './data/conversations.js';
import { customer, team, user } from './data/people.js';
import { brand, shortcut, sla, tag } from './data/settings.js';
import type { Generator, Life, Resource, World } from './data/world.js';
import { HISTORY_MONTHS } from './constants.js';
import { formatId, parseId } from './ids.js';
import { DERIVED_CODES, KINDS, KIND_NAMES, type KindName } from './kinds.js';
import { hash, sequence } from './random.js';
import { Timeline } from './timeline.js';

/** Kinds at most this large keep their ids in memory (a few thousand strings at any scale). */
const ID_CACHE_MAX = 5_000;

const GENERATORS: Readonly<Record<KindName, Generator>> = {
  customer,
  conversation,
  message,
  note,
  company,
  'kobject.order': kobject('order'),
  'kobject.subscription': kobject('subscription'),
  'kobject.return-request': kobject('return-request'),
  user,
  team,
  tag,
  shortcut,
  brand,
  sla,
};

export interface UpdateRequest {
  readonly kind: KindName;
  /** Change this many existing records (a seeded choice), or exactly these ids. */
  readonly modify?: number | readonly string[];
  /** Create this many new records. */
  readonly create?: number;
  /** The updatedAt given to every touched record; default: the clock's now. ISO string or epoch ms. */
  readonly at?: string | number;
}

export interface UpdateResult {
  readonly updatedAt: string;
  readonly modified: readonly string[];
  readonly created: readonly string[];
}

export class Dataset implements World {
  readonly seed: number;
  readonly scale: number;
  readonly orgId: string;
  readonly historyStart: number;
  readonly customAttributes: boolean;
  readonly #timelines: Readonly<Record<KindName, Timeline>>;
  #updates = 0;
  /** Ids of the small kinds that every record refers to (users, tags, ...), computed once; ids never change. */
  readonly #idCache = new Map<KindName, string[]>();

  constructor(seed: number, scale: number, initialNow: number, customAttributes = true, longTies = true) {
    this.seed = seed;
    this.customAttributes = customAttributes;
    this.scale = scale;
    this.historyStart = addMonths(initialNow, -HISTORY_MONTHS);
    const end = initialNow - 60_000;
    const timelines = {} as Record<KindName, Timeline>;
    for (const name of KIND_NAMES) {
      const spec = KINDS[name];
      timelines[name] = new Timeline(seed, spec.code, Math.max(1, spec.count(scale)), this.historyStart, end, scale, longTies);
    }
    this.#timelines = timelines;
    for (const name of KIND_NAMES) if (timelines[name].size <= ID_CACHE_MAX) this.#idCache.set(name, []);
    this.orgId = this.derivedId(DERIVED_CODES.org, 0, this.historyStart);
  }

  timeline(kind: KindName): Timeline {
    return this.#timelines[kind];
  }

  count(kind: KindName): number {
    return this.#timelines[kind].size;
  }

  id(kind: KindName, index: number): string {
    const cache = this.#idCache.get(kind);
    const cached = cache?.[index];
    if (cached !== undefined) return cached;
    const id = formatId(this.seed, KINDS[kind].code, index, this.#timelines[kind].createdAt(index));
    if (cache !== undefined && index < ID_CACHE_MAX) cache[index] = id;
    return id;
  }

  derivedId(code: number, index: number, createdAt: number): string {
    return formatId(this.seed, code, index, createdAt);
  }

  life(kind: KindName, index: number): Life {
    const t = this.#timelines[kind];
    return { index, createdAt: t.createdAt(index), updatedAt: t.updatedAt(index), rev: t.rev(index) };
  }

  record(kind: KindName, index: number): Resource {
    const random = sequence(hash(this.seed, KINDS[kind].code, index));
    return GENERATORS[kind](this, this.life(kind, index), random);
  }

  /** The index of a record of `kind` with this id, if it exists. */
  indexOf(kind: KindName, id: string): number | undefined {
    const parsed = parseId(this.seed, id);
    if (parsed === undefined || parsed.kindCode !== KINDS[kind].code) return undefined;
    const t = this.#timelines[kind];
    if (!t.exists(parsed.index) || this.id(kind, parsed.index) !== id) return undefined;
    return parsed.index;
  }

  update(request: UpdateRequest, now: number): UpdateResult {
    const at = request.at === undefined ? now : parseInstant(request.at);
    const t = this.#timelines[request.kind];
    const modify = request.modify ?? 0;
    const indices =
      typeof modify === 'number'
        ? this.#choose(request.kind, modify)
        : modify.map((id) => {
            const index = this.indexOf(request.kind, id);
            if (index === undefined) throw new RangeError(`no ${request.kind} with id ${id}`);
            return index;
          });
    for (const index of indices) t.touch(index, at);
    const created: string[] = [];
    for (let n = 0; n < (request.create ?? 0); n++) created.push(this.id(request.kind, t.create(at)));
    return { updatedAt: iso(at), modified: indices.map((i) => this.id(request.kind, i)), created };
  }

  /** A seeded choice of `n` distinct existing records, different on every call. */
  #choose(kind: KindName, n: number): readonly number[] {
    const size = this.#timelines[kind].size;
    const wanted = Math.min(Math.max(0, Math.trunc(n)), size);
    const random = sequence(hash(this.seed, KINDS[kind].code, 0xc4a6, this.#updates++));
    const chosen = new Set<number>();
    if (wanted * 2 > size) {
      const offset = Math.floor(random() * size);
      for (let k = 0; k < wanted; k++) chosen.add((offset + k) % size);
    }
    while (chosen.size < wanted) chosen.add(Math.floor(random() * size));
    return [...chosen];
  }
}
