// The select list of a top-level SELECT in T-SQL terms: `alias = expr` items become `expr AS alias`, and items
// with no name (expressions without an alias) are reported, since T-SQL returns them with an empty column name.
import { isPunct, isWord, splitTopLevel, type Token } from '../lexer.js';
import { findTopLevel } from './common.js';

const word = (text: string): Token => ({ kind: 'word', text, value: text.toUpperCase() });
const comma: Token = { kind: 'punct', text: ',', value: ',' };
const isName = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'ident' || t.kind === 'word');

/** Where the select list starts: after SELECT, DISTINCT and TOP (n). */
function listStart(sig: readonly Token[]): number {
  let i = 1;
  if (isWord(sig[i], 'DISTINCT', 'ALL')) i++;
  if (isWord(sig[i], 'TOP')) {
    i++;
    if (isPunct(sig[i], '(')) {
      let depth = 0;
      for (; i < sig.length; i++) {
        if (isPunct(sig[i], '(')) depth++;
        if (isPunct(sig[i], ')') && --depth === 0) break;
      }
    }
    i++;
  }
  return i;
}

function named(item: readonly Token[]): boolean {
  const n = item.length;
  if (n === 1) return isName(item[0]) || isPunct(item[0], '*');
  if (isPunct(item[n - 1], '*')) return true;
  // a.b or s.t.c column references, `expr AS alias`, `expr alias`
  if (item.every((t, k) => (k % 2 === 0 ? isName(t) : isPunct(t, '.')))) return true;
  const last = item[n - 1];
  const before = item[n - 2];
  // `expr alias`: a name after anything but a dot or an operator.
  return isName(last) && !isWord(last, 'END') && before !== undefined && (before.kind !== 'punct' || isPunct(before, ')'));
}

export interface SelectList {
  /** The statement with `alias = expr` items rewritten to `expr AS alias`. */
  readonly tokens: readonly Token[];
  /** Result column positions that T-SQL leaves unnamed; empty when the list has a `*`. */
  readonly unnamed: readonly number[];
}

export function analyzeSelectList(sig: readonly Token[]): SelectList {
  if (!isWord(sig[0], 'SELECT')) return { tokens: sig, unnamed: [] };
  const start = listStart(sig);
  const end = findTopLevel(sig, start, 'FROM', 'WHERE', 'GROUP', 'ORDER', 'UNION', 'HAVING', 'INTO', 'OPTION');
  const items = splitTopLevel(sig.slice(start, end)).map((item) =>
    isName(item[0]) && isPunct(item[1], '=') && item.length > 2 ? [...item.slice(2), word('AS'), item[0] as Token] : item);
  const unnamed = items.some((item) => isPunct(item[item.length - 1], '*')) ? [] : items.flatMap((item, k) => (named(item) ? [] : [k]));
  const list = items.flatMap((item, k) => (k === 0 ? item : [comma, ...item]));
  return { tokens: [...sig.slice(0, start), ...list, ...sig.slice(end)], unnamed };
}
