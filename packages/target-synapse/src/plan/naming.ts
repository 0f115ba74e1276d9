// Names as DESIGN.md section 4 fixes them: lower case, [a-z0-9_], a leading digit prefixed with `_`, at most
// 128 characters with a stable hash suffix when cut (research/synapse.md 1.4, 1.6). Synapse compares names
// case-insensitively under its default collation, so uniqueness is checked on the conformed (lower-case) form.
import { createHash } from 'node:crypto';

/** Identifier length limit of a dedicated SQL pool (learn.microsoft.com, database-identifiers; research/synapse.md 1.4). */
export const MAX_IDENTIFIER_LENGTH = 128;
/** Hex digits of the hash that replaces the cut end of a long name: 8 (32 bits) keeps two long names apart in practice. */
const HASH_DIGITS = 8;
/** Separates flattened path segments and a child table from its parent (`a__b`, `<table>__<field>`). */
export const PATH_SEPARATOR = '__';

/** One identifier segment: lower case, every character outside [a-z0-9_] becomes `_`, a leading digit gets `_`. */
export function conformSegment(raw: string): string {
  const lowered = raw.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (lowered === '') return '_';
  return /^[0-9]/.test(lowered) ? `_${lowered}` : lowered;
}

/**
 * Cuts a conformed name to 128 characters. A cut name ends in `_` and 8 hex digits of the SHA-256 of `identity`
 * (the unconformed source), so two long names that share a prefix stay apart and a name is the same every run.
 */
export function fitLength(name: string, identity: string, limit = MAX_IDENTIFIER_LENGTH): string {
  if (name.length <= limit) return name;
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, HASH_DIGITS);
  return `${name.slice(0, limit - HASH_DIGITS - 1)}_${hash}`;
}

/** Stream name -> table name. */
export function tableNameFor(stream: string): string {
  return fitLength(conformSegment(stream), stream);
}

/** A child table of `parent` for the field (an already allocated column-style name) holding an array. */
export function childTableName(parent: string, field: string): string {
  return fitLength(`${parent}${PATH_SEPARATOR}${field}`, `${parent}\u0000${field}`);
}

/** Property path -> column name (`['a', 'b']` -> `a__b`), before collisions are resolved. */
export function columnNameFor(path: readonly string[]): string {
  return fitLength(path.map(conformSegment).join(PATH_SEPARATOR), path.join('\u0000'));
}

export interface NameRequest {
  /** What the name stands for, for the log (`UserId`, `a.b`). */
  readonly label: string;
  /** The conformed name it wants. */
  readonly wanted: string;
}

/**
 * Gives each request a distinct name within one table, compared case-insensitively. Reserved names (metadata,
 * source keys, level ids) are taken first. A request whose label already equals its conformed name keeps it;
 * the others that want the same name get `_2`, `_3`, ... in request order (schema property order), skipping
 * names already taken, so the mapping is stable while a schema only gains properties. Returns the names in
 * request order and the renamed ones, for the log.
 */
export function allocateNames(
  requests: readonly NameRequest[],
  reserved: readonly string[] = [],
): { readonly names: readonly string[]; readonly renamed: readonly { readonly label: string; readonly name: string }[] } {
  const taken = new Set(reserved.map((name) => name.toLowerCase()));
  const names: (string | undefined)[] = requests.map(() => undefined);
  const wantedBy = new Map<string, number[]>();
  requests.forEach((request, index) => {
    const key = request.wanted.toLowerCase();
    wantedBy.set(key, [...(wantedBy.get(key) ?? []), index]);
  });
  // First pass: one request per free wanted name keeps it (an exact match wins, else the first).
  for (const [key, indexes] of wantedBy) {
    if (taken.has(key)) continue;
    const exact = indexes.find((index) => requests[index]?.label === requests[index]?.wanted);
    const winner = exact ?? indexes[0];
    if (winner === undefined) continue;
    names[winner] = requests[winner]?.wanted;
    taken.add(key);
  }
  const renamed: { label: string; name: string }[] = [];
  requests.forEach((request, index) => {
    if (names[index] !== undefined) return;
    for (let suffix = 2; ; suffix += 1) {
      const tail = `_${suffix}`;
      const candidate = fitLength(request.wanted, request.label, MAX_IDENTIFIER_LENGTH - tail.length) + tail;
      if (!taken.has(candidate.toLowerCase())) {
        taken.add(candidate.toLowerCase());
        names[index] = candidate;
        renamed.push({ label: request.label, name: candidate });
        break;
      }
    }
  });
  return { names: names.map((name) => name ?? ''), renamed };
}
