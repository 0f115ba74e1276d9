// String comparison as Synapse's default collation, SQL_Latin1_General_CP1_CI_AS, does it: case-insensitive,
// accent-sensitive, and blind to trailing spaces. Sources:
// - default collation: https://learn.microsoft.com/azure/synapse-analytics/sql-data-warehouse/sql-data-warehouse-reference-collation-types
//   ("query text (including variables, constants, etc.) is always handled using the database-level collation")
// - trailing spaces: KB 316626 "How SQL Server compares strings with trailing spaces" and
//   https://learn.microsoft.com/sql/t-sql/statements/set-ansi-padding-transact-sql: comparisons pad the shorter string
//   with spaces (SQL-92 8.2), whatever ANSI_PADDING says; LIKE does not pad.
// - LIKE: https://learn.microsoft.com/sql/t-sql/language-elements/like-transact-sql (no ESCAPE in Synapse; with Unicode
//   arguments trailing blanks are significant).
//
// How: every DuckDB connection runs with default_collation NOCASE (case-insensitive =, <, IN, joins, GROUP BY,
// DISTINCT, ORDER BY, PARTITION BY), and this token pass pads: it wraps comparison operands, GROUP BY, PARTITION BY
// and DISTINCT keys in PAD_MACRO (rtrim of spaces for VARCHAR, identity for every other type) and trims trailing
// spaces of string literals compared. Stored values are never changed.
import { genericError, parseError } from '../errors.js';
import { isPunct, isWord, matchingParen, type Token } from './lexer.js';

/** The only collation the stand-in emulates; Synapse's default. */
export const DEFAULT_COLLATION = 'SQL_Latin1_General_CP1_CI_AS';
/** Comparison key for padded comparison: VARCHAR without trailing spaces; other types as they are. */
export const PAD_MACRO = '__tsql_pad';
/** any_value under the rewrite's own name, so the check that refuses non-T-SQL functions (tsql-builtins.ts) lets it by. */
export const ANY_VALUE_MACRO = '__tsql_any_value';
/** Full key where DuckDB ignores collations (count(DISTINCT)): lower case, no trailing spaces. */
export const KEY_MACRO = '__tsql_ci_key';

/** Run once per connection (the setting is database-wide in DuckDB; setting it again is harmless). */
export const COLLATION_SETUP_SQL: readonly string[] = [
  "SET default_collation = 'nocase'",
  // rtrim only when there is a trailing space: about half the cost of an unconditional rtrim in hash joins.
  `CREATE OR REPLACE TEMP MACRO ${PAD_MACRO}(v VARCHAR) AS CASE WHEN ends_with(v, ' ') THEN rtrim(v, ' ') ELSE v END, (v) AS v`,
  `CREATE OR REPLACE TEMP MACRO ${KEY_MACRO}(v VARCHAR) AS lower(${PAD_MACRO}(v)), (v) AS v`,
  `CREATE OR REPLACE TEMP MACRO ${ANY_VALUE_MACRO}(v) AS any_value(v)`,
];

const word = (text: string): Token => ({ kind: 'word', text, value: text.toUpperCase() });
const punct = (p: string): Token => ({ kind: 'punct', text: p, value: p });
const ident = (name: string): Token => ({ kind: 'ident', text: `[${name.replaceAll(']', ']]')}]`, value: name });

const COMPARISONS: readonly string[] = ['=', '<>', '!=', '<', '>', '<=', '>='];
const ARITHMETIC: readonly string[] = ['+', '-', '*', '/', '%', '&', '|', '^', '||', '~'];
/** Words that are never a column name in an operand position. */
const KEYWORDS: readonly string[] = [
  'NULL', 'END', 'CASE', 'WHEN', 'THEN', 'ELSE', 'AND', 'OR', 'NOT', 'SELECT', 'FROM', 'WHERE', 'EXISTS', 'ANY',
  'ALL', 'SOME', 'IN', 'IS', 'LIKE', 'ILIKE', 'BETWEEN', 'ON', 'AS', 'BY', 'GROUP', 'ORDER', 'HAVING', 'OVER',
  'PARTITION', 'DISTINCT', 'UNION', 'SET', 'VALUES', 'INTO', 'JOIN', 'USING', 'MATCHED', 'TOP', 'LIMIT', 'ASC', 'DESC',
];

interface Wrap {
  readonly start: number;
  readonly end: number;
  readonly fn: string;
  /** Tokens after the closing parenthesis (an alias). */
  readonly after?: readonly Token[];
}

const isName = (t: Token | undefined): boolean =>
  t !== undefined && (t.kind === 'ident' || (t.kind === 'word' && !KEYWORDS.includes(t.value)));

/** Index of the '(' matching the ')' at `close`. */
function openingParen(tokens: readonly Token[], close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (isPunct(tokens[i], ')')) depth++;
    else if (isPunct(tokens[i], '(') && --depth === 0) return i;
  }
  return -1;
}

/** Start of the primary operand that ends at `end`, or undefined when it is not one (part of arithmetic, a keyword). */
function primaryBefore(tokens: readonly Token[], end: number): number | undefined {
  const t = tokens[end];
  if (t === undefined) return undefined;
  let start: number;
  if (isPunct(t, ')')) {
    start = openingParen(tokens, end);
    if (start < 0) return undefined;
    if (isName(tokens[start - 1])) start--;
    if (isWord(tokens[start - 1], 'OVER')) return undefined;
  } else if (t.kind === 'string' || t.kind === 'param') {
    start = end;
  } else if (isName(t)) {
    start = end;
    while (isPunct(tokens[start - 1], '.') && isName(tokens[start - 2])) start -= 2;
  } else return undefined;
  const before = tokens[start - 1];
  return before !== undefined && before.kind === 'punct' && ARITHMETIC.includes(before.value) ? undefined : start;
}

/** End of the primary operand that starts at `start`, or undefined. */
function primaryAfter(tokens: readonly Token[], start: number): number | undefined {
  const t = tokens[start];
  if (t === undefined) return undefined;
  let end: number;
  if (isPunct(t, '(')) end = matchingParen(tokens, start);
  else if (t.kind === 'string' || t.kind === 'param') end = start;
  else if (isName(t)) {
    end = start;
    if (isPunct(tokens[end + 1], '(')) end = matchingParen(tokens, end + 1);
    else while (isPunct(tokens[end + 1], '.') && isName(tokens[end + 2])) end += 2;
    if (isWord(tokens[end + 1], 'OVER')) return undefined;
  } else return undefined;
  const after = tokens[end + 1];
  return after !== undefined && after.kind === 'punct' && ARITHMETIC.includes(after.value) ? undefined : end;
}

/** Paren depth of every token. */
function depths(tokens: readonly Token[]): readonly number[] {
  const out: number[] = [];
  let d = 0;
  for (const t of tokens) {
    if (isPunct(t, ')')) d--;
    out.push(d);
    if (isPunct(t, '(')) d++;
  }
  return out;
}

/** [start, end] ranges of the comma-separated items from `from` to the first stop word at its depth or the scope's end. */
function listItems(tokens: readonly Token[], depth: readonly number[], from: number, ...stops: readonly string[]): { readonly items: readonly (readonly [number, number])[]; readonly end: number } {
  const d = depth[from] ?? 0;
  const items: [number, number][] = [];
  let itemStart = from;
  let i = from;
  for (; i < tokens.length; i++) {
    const di = depth[i] ?? 0;
    // The ')' that closes the enclosing scope is the first token below `from`'s depth.
    if (di < d || (di === d && isWord(tokens[i], ...stops))) break;
    if (di === d && isPunct(tokens[i], ',')) {
      if (i > itemStart) items.push([itemStart, i - 1]);
      itemStart = i + 1;
    }
  }
  if (i > itemStart) items.push([itemStart, i - 1]);
  return { items, end: i };
}

const tokenKey = (t: Token): string => (t.kind === 'word' || t.kind === 'ident' ? `n:${t.value.toUpperCase()}` : `${t.kind}:${t.text}`);
const sameTokens = (tokens: readonly Token[], a: readonly [number, number], b: readonly [number, number]): boolean =>
  a[1] - a[0] === b[1] - b[0] && tokens.slice(a[0], a[1] + 1).every((t, k) => tokenKey(t) === tokenKey(tokens[b[0] + k] as Token));

/** The expression of a select item without its alias (`expr AS a`, `expr a`). */
function itemExpression(tokens: readonly Token[], depth: readonly number[], [s, e]: readonly [number, number]): readonly [number, number] {
  for (let i = s + 1; i <= e; i++) if (depth[i] === depth[s] && isWord(tokens[i], 'AS')) return [s, i - 1];
  const last = tokens[e];
  const before = tokens[e - 1];
  if (e > s && last !== undefined && (last.kind === 'ident' || last.kind === 'word') && !isWord(last, 'END')
    && before !== undefined && (isName(before) || isPunct(before, ')') || before.kind === 'string' || before.kind === 'number')) return [s, e - 1];
  return [s, e];
}

/** The name T-SQL gives an unaliased column reference: its last part. */
function referenceName(tokens: readonly Token[], [s, e]: readonly [number, number]): string | undefined {
  for (let i = s; i <= e; i++) if ((i - s) % 2 === 0 ? !isName(tokens[i]) : !isPunct(tokens[i], '.')) return undefined;
  const last = tokens[e] as Token;
  return last.kind === 'word' ? last.text : last.value;
}

/** The same GROUP BY key: the same tokens, or column references where one is the other's qualified form (k, t.k). */
function sameGroupKey(tokens: readonly Token[], a: readonly [number, number], b: readonly [number, number]): boolean {
  if (sameTokens(tokens, a, b)) return true;
  if (referenceName(tokens, a) === undefined || referenceName(tokens, b) === undefined) return false;
  const [short, long] = a[1] - a[0] <= b[1] - b[0] ? [a, b] : [b, a];
  return sameTokens(tokens, short, [long[1] - (short[1] - short[0]), long[1]]);
}

const trimmed = (t: Token): Token => ({ ...t, value: t.value.replace(/ +$/, '') });

/** Refuses COLLATE clauses other than the default one, which is dropped (it changes nothing). */
export function checkCollateClause(tokens: readonly Token[], at: number): void {
  const name = tokens[at + 1];
  const spelled = name === undefined ? '' : name.kind === 'word' ? name.text : name.value;
  if (spelled.toUpperCase() !== DEFAULT_COLLATION.toUpperCase()) {
    throw genericError(`synapse-sim emulates only the database collation ${DEFAULT_COLLATION}; COLLATE ${spelled} is not supported.`);
  }
}

/** Whether a parameter (by name, with '@') is declared with a character type; undefined when unknown. */
export type ParamIsCharacter = (name: string) => boolean | undefined;

/** Rewrites one statement's (or fragment's) significant tokens so DuckDB compares strings as CI_AS does. */
export function applyCollation(
  input: readonly Token[],
  paramIsCharacter: ParamIsCharacter = () => undefined,
  columnIsCharacter: ParamIsCharacter = () => undefined,
): readonly Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < input.length; i++) {
    const t = input[i] as Token;
    if (isWord(t, 'COLLATE')) {
      checkCollateClause(input, i);
      i++;
    } else if (isWord(t, 'LIKE')) {
      // DuckDB's LIKE ignores default_collation; ILIKE folds case as CI does, and, like Unicode LIKE, pads nothing.
      const pattern = input[i + 1];
      if (pattern?.kind === 'string' && pattern.value.includes('[')) throw genericError('synapse-sim does not support [ ] wildcards in LIKE patterns.');
      tokens.push(word('ILIKE'));
    } else if (isWord(t, 'ESCAPE') && tokens.some((p) => isWord(p, 'ILIKE'))) {
      throw parseError('ESCAPE');
    } else tokens.push(t);
  }
  const depth = depths(tokens);
  const wraps: Wrap[] = [];
  const replace = new Map<number, Token>();
  const inserts = new Map<number, readonly Token[]>();
  // A non-character parameter makes the comparison non-character; padding would change nothing. (A number is not
  // an operand primaryAfter/primaryBefore accept, so comparisons with numbers are left alone too.)
  const nonCharacter = (start: number | undefined, end: number | undefined): boolean => {
    const t = start === undefined ? undefined : tokens[start];
    if (start === undefined || end === undefined || t === undefined) return false;
    if (start === end && t.kind === 'param') return paramIsCharacter(t.value) === false;
    // A dotted name whose column every table in the statement declares with a non-character type (a number, a
    // datetime2 or datetimeoffset): padding would change nothing, and it would hide the column from the rewrite
    // that converts literals compared with temporal columns.
    const last = tokens[end];
    const dotted = tokens.slice(start, end + 1).every((x, k) => (k % 2 === 0 ? x.kind === 'ident' || x.kind === 'word' : isPunct(x, '.')));
    return dotted && last !== undefined && columnIsCharacter(last.kind === 'ident' ? last.value : last.text) === false;
  };
  const pad = (start: number | undefined, end: number | undefined): void => {
    if (start === undefined || end === undefined || nonCharacter(start, end)) return;
    const t = tokens[start] as Token;
    if (start === end && t.kind === 'string') replace.set(start, trimmed(t));
    else if (!wraps.some((w) => w.start === start && w.end === end && w.fn === PAD_MACRO)) wraps.push({ start, end, fn: PAD_MACRO });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'punct' && COMPARISONS.includes(t.value)) {
      const end = primaryAfter(tokens, i + 1);
      const start = primaryBefore(tokens, i - 1);
      if (start !== undefined && end !== undefined && !nonCharacter(start, i - 1) && !nonCharacter(i + 1, end)) {
        pad(start, i - 1);
        pad(i + 1, end);
      }
    } else if (isWord(t, 'IN') && isPunct(tokens[i + 1], '(')) {
      const left = isWord(tokens[i - 1], 'NOT') ? i - 2 : i - 1;
      pad(primaryBefore(tokens, left), left);
      if (isWord(tokens[i + 2], 'SELECT')) {
        const from = isWord(tokens[i + 3], 'DISTINCT') ? i + 4 : i + 3;
        const { items } = listItems(tokens, depth, from, 'FROM');
        const only = items[0];
        if (items.length === 1 && only !== undefined) {
          const expr = itemExpression(tokens, depth, only);
          if (expr[0] === only[0] && expr[1] === only[1]) pad(expr[0], expr[1]);
        }
      } else {
        for (const [s, e] of listItems(tokens, depth, i + 2).items) pad(s, e);
      }
    } else if (isWord(t, 'BETWEEN')) {
      const low = primaryAfter(tokens, i + 1);
      const and = low === undefined ? undefined : low + 1;
      const high = and !== undefined && isWord(tokens[and], 'AND') ? primaryAfter(tokens, and + 1) : undefined;
      const start = primaryBefore(tokens, i - 1);
      if (start !== undefined && low !== undefined && and !== undefined && high !== undefined) {
        pad(start, i - 1);
        pad(i + 1, low);
        pad(and + 1, high);
      }
    } else if (isWord(t, 'PARTITION') && isWord(tokens[i + 1], 'BY')) {
      for (const [s, e] of listItems(tokens, depth, i + 2, 'ORDER', 'ROWS', 'RANGE').items) pad(s, e);
    } else if ((isWord(t, 'COUNT', 'COUNT_BIG')) && isPunct(tokens[i + 1], '(') && isWord(tokens[i + 2], 'DISTINCT')) {
      const close = matchingParen(tokens, i + 1);
      if (close > i + 3) wraps.push({ start: i + 3, end: close - 1, fn: KEY_MACRO });
    } else if (isWord(t, 'DISTINCT') && isWord(tokens[i - 1], 'SELECT')) {
      const { items } = listItems(tokens, depth, i + 1, 'FROM', 'WHERE', 'GROUP', 'ORDER', 'UNION', 'HAVING', 'LIMIT', 'OPTION');
      if (items.length > 0 && !items.some(([s, e]) => tokens.slice(s, e + 1).some((p, k) => isPunct(p, '*') && depth[s + k] === depth[s]))) {
        const keys = items.flatMap((item, k) => {
          const [s, e] = itemExpression(tokens, depth, item);
          return [...(k === 0 ? [] : [punct(',')]), word(PAD_MACRO), punct('('), ...tokens.slice(s, e + 1), punct(')')];
        });
        inserts.set(i, [word('ON'), punct('('), ...keys, punct(')')]);
      }
    } else if (isWord(t, 'GROUP') && isWord(tokens[i + 1], 'BY')) {
      groupBy(tokens, depth, i, wraps);
    }
  }
  return render(tokens, wraps, replace, inserts);
}

/** Aggregates: a grouped column inside one is already aggregated. */
const AGGREGATES: readonly string[] = [
  'COUNT', 'COUNT_BIG', 'SUM', 'MIN', 'MAX', 'AVG', 'STDEV', 'STDEVP', 'VAR', 'VARP', 'STRING_AGG', 'CHECKSUM_AGG',
  'GROUPING', 'APPROX_COUNT_DISTINCT',
];

/**
 * GROUP BY k becomes GROUP BY pad(k); in the same scope's select list, HAVING and ORDER BY, k outside aggregates and
 * subqueries becomes any_value(k) (every value in a group compares equal, and T-SQL returns one of them), keeping
 * the column name of a select item that is k itself.
 */
function groupBy(tokens: readonly Token[], depth: readonly number[], at: number, wraps: Wrap[]): void {
  const d = depth[at] ?? 0;
  const { items: groups, end } = listItems(tokens, depth, at + 2, 'HAVING', 'ORDER', 'UNION', 'OPTION', 'LIMIT');
  for (const [s, e] of groups) wraps.push({ start: s, end: e, fn: PAD_MACRO });
  const isGroup = (range: readonly [number, number]): boolean => groups.some((g) => sameGroupKey(tokens, g, range));
  const grouped = (range: readonly [number, number], name?: string): void => {
    if (isGroup(range)) wraps.push({ start: range[0], end: range[1], fn: ANY_VALUE_MACRO, ...(name === undefined ? {} : { after: [word('AS'), ident(name)] }) });
    else occurrences(tokens, range, groups, wraps);
  };
  let select = at - 1;
  while (select >= 0 && !(depth[select] === d && isWord(tokens[select], 'SELECT'))) {
    if ((depth[select] ?? 0) < d) return;
    select--;
  }
  if (select < 0) return;
  const from = isWord(tokens[select + 1], 'DISTINCT', 'ALL') ? select + 2 : select + 1;
  for (const item of listItems(tokens, depth, from, 'FROM').items) {
    const expr = itemExpression(tokens, depth, item);
    grouped(expr, expr[1] === item[1] ? referenceName(tokens, expr) : undefined);
  }
  let next = end;
  if (isWord(tokens[end], 'HAVING')) {
    next = listItems(tokens, depth, end + 1, 'ORDER', 'UNION', 'OPTION', 'LIMIT').end;
    occurrences(tokens, [end + 1, next - 1], groups, wraps);
  }
  if (isWord(tokens[next], 'ORDER') && isWord(tokens[next + 1], 'BY')) {
    for (const [s, e0] of listItems(tokens, depth, next + 2, 'UNION', 'OPTION', 'LIMIT', 'OFFSET').items) {
      grouped([s, isWord(tokens[e0], 'ASC', 'DESC') ? e0 - 1 : e0]);
    }
  }
}

/** Wraps each occurrence of a GROUP BY item in `range` in any_value, outside aggregate calls and subqueries. */
function occurrences(tokens: readonly Token[], [from, to]: readonly [number, number], groups: readonly (readonly [number, number])[], wraps: Wrap[]): void {
  const opaque: boolean[] = [];
  for (let i = from; i <= to; i++) {
    const t = tokens[i] as Token;
    if (isPunct(t, '(')) opaque.push(opaque.includes(true) || isWord(tokens[i - 1], ...AGGREGATES) || isWord(tokens[i + 1], 'SELECT'));
    else if (isPunct(t, ')')) opaque.pop();
    if (opaque.includes(true) || isPunct(tokens[i - 1], '.')) continue;
    let ref = i;
    while (isName(tokens[ref]) && isPunct(tokens[ref + 1], '.') && isName(tokens[ref + 2])) ref += 2;
    if (isName(t) && !isPunct(tokens[ref + 1], '(')) {
      // A column reference, whole: `k` and `t.k` name the same grouped column.
      if (groups.some((g) => sameGroupKey(tokens, g, [i, ref])) && !wraps.some((w) => w.start === i && w.end === ref && w.fn === ANY_VALUE_MACRO)) {
        wraps.push({ start: i, end: ref, fn: ANY_VALUE_MACRO });
      }
      i = ref;
      continue;
    }
    const g = groups.find(([s, e]) => i + e - s <= to && sameTokens(tokens, [s, e], [i, i + e - s])
      && !isPunct(tokens[i + e - s + 1], '.') && !isPunct(tokens[i + e - s + 1], '('));
    if (g === undefined) continue;
    const last = i + g[1] - g[0];
    if (wraps.some((w) => w.start === i && w.end === last && w.fn === ANY_VALUE_MACRO)) continue;
    wraps.push({ start: i, end: last, fn: ANY_VALUE_MACRO });
    i = last;
  }
}

function render(tokens: readonly Token[], wraps: readonly Wrap[], replace: ReadonlyMap<number, Token>, inserts: ReadonlyMap<number, readonly Token[]>): readonly Token[] {
  if (wraps.length === 0 && replace.size === 0 && inserts.size === 0) return tokens;
  // Nesting order: outer ranges first; of equal ranges, the one carrying an alias outermost, then as recorded.
  const nested = wraps.map((w, k) => ({ w, k })).sort((a, b) => a.w.start - b.w.start || b.w.end - a.w.end
    || Number(b.w.after !== undefined) - Number(a.w.after !== undefined) || a.k - b.k).map(({ w }) => w);
  const out: Token[] = [];
  tokens.forEach((t, i) => {
    for (const w of nested.filter((x) => x.start === i)) out.push(word(w.fn), punct('('));
    out.push(replace.get(i) ?? t);
    out.push(...(inserts.get(i) ?? []));
    for (const w of nested.filter((x) => x.end === i).reverse()) out.push(punct(')'), ...(w.after ?? []));
  });
  return out;
}
