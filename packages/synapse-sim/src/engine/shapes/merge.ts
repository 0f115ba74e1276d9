// MERGE (Azure Synapse syntax, research/synapse.md 1.8): the trailing ';' is required, WHEN NOT MATCHED [BY TARGET]
// needs a HASH-distributed target, and UPDATE SET / INSERT VALUES into bounded columns are guarded like UPDATE/INSERT.
import type { CatalogColumn } from '../../contract.js';
import type { TableDef } from '../catalog.js';
import type { ObjectName } from '../names.js';
import type { Precondition } from '../plan.js';
import { findColumn } from '../catalog.js';
import { lookupTable, type TranslateContext } from '../context.js';
import { invalidColumnName, invalidObjectName, mergeDuplicateMatch, mergeInsertNeedsHash, mergeNotTerminated, parseError } from '../../errors.js';
import { duckIdent, isPunct, isWord, matchingParen, splitTopLevel, type Token } from '../lexer.js';
import { displayName, duckName, parseObjectName } from '../names.js';
import { joinSql } from '../render.js';
import { RewriteAcc, rewriteTokens } from '../rewrite.js';
import { findTopLevel, guardValue } from './common.js';
import { startsWith, type Shape } from './shape.js';

const nameText = (t: Token): string => (t.kind === 'word' ? t.text : t.value);

function column(def: TableDef, tokens: readonly Token[]): CatalogColumn {
  const last = tokens[tokens.length - 1];
  const col = last === undefined ? undefined : findColumn(def, nameText(last));
  if (col === undefined) throw invalidColumnName(last === undefined ? '' : nameText(last));
  return col;
}

/** Rewrites one WHEN clause (tokens from WHEN up to the next top-level WHEN). */
function clause(tokens: readonly Token[], def: TableDef, ctx: TranslateContext, acc: RewriteAcc): string {
  const then = findTopLevel(tokens, 0, 'THEN');
  const head = joinSql(rewriteTokens(tokens.slice(0, then + 1), ctx, acc));
  const action = tokens.slice(then + 1);
  if (isWord(action[0], 'UPDATE') && isWord(action[1], 'SET')) {
    const sets = splitTopLevel(action.slice(2)).map((a) => {
      const eq = a.findIndex((t) => isPunct(t, '='));
      if (eq < 1) throw parseError('SET');
      const col = column(def, a.slice(0, eq));
      return `${duckIdent(col.name)} = ${guardValue(joinSql(rewriteTokens(a.slice(eq + 1), ctx, acc)), col)}`;
    });
    return `${head} UPDATE SET ${sets.join(', ')}`;
  }
  if (isWord(action[0], 'INSERT') && isPunct(action[1], '(')) {
    const close = matchingParen(action, 1);
    const cols = splitTopLevel(action.slice(2, close)).map((c) => column(def, c));
    if (!isWord(action[close + 1], 'VALUES') || !isPunct(action[close + 2], '(')) throw parseError(action[close + 1]?.text ?? 'INSERT');
    const values = splitTopLevel(action.slice(close + 3, matchingParen(action, close + 2)))
      .map((v, k) => {
        const expr = joinSql(rewriteTokens(v, ctx, acc));
        const col = cols[k];
        return col === undefined ? expr : guardValue(expr, col);
      });
    return `${head} INSERT (${cols.map((c) => duckIdent(c.name)).join(', ')}) VALUES (${values.join(', ')})`;
  }
  return joinSql([head, ...rewriteTokens(action, ctx, acc)]);
}

/**
 * SQL Server refuses a MERGE whose UPDATE or DELETE would touch a target row more than once (8672). Duplicate source
 * rows that match no target row are not an error: WHEN NOT MATCHED inserts each of them ("for every row returned by
 * <table_source> that doesn't match a row in target_table", MERGE doc). DuckDB picks a winner silently, so the
 * engine looks for a target row with two matches first.
 */
function duplicateMatch(sig: readonly Token[], object: ObjectName, end: number, using: number, firstWhen: number, ctx: TranslateContext): Precondition {
  const on = findTopLevel(sig, using + 1, 'ON');
  if (on >= firstWhen) throw parseError(sig[using + 1]?.text ?? 'USING');
  const acc = new RewriteAcc();
  const alias = joinSql(rewriteTokens(sig.slice(end, using), ctx, acc));
  const source = joinSql(rewriteTokens(sig.slice(using + 1, on), ctx, acc));
  const condition = joinSql(rewriteTokens(sig.slice(on + 1, firstWhen), ctx, acc));
  const aliasToken = sig[using - 1];
  const ref = using > end && aliasToken !== undefined ? duckIdent(nameText(aliasToken)) : duckIdent(object.name);
  const sql = `SELECT 1 FROM ${duckName(object)} ${alias} JOIN ${source} ON ${condition} GROUP BY ${ref}.rowid HAVING count(*) > 1 LIMIT 1`;
  return { sql, binds: acc.binds, error: mergeDuplicateMatch };
}

export const merge: Shape = {
  name: 'MERGE',
  matches: (sig) => startsWith(sig, 'MERGE'),
  translate: ({ sig, terminated }, ctx) => {
    if (!terminated) throw mergeNotTerminated();
    const { object, end } = parseObjectName(sig, isWord(sig[1], 'INTO') ? 2 : 1);
    const def = lookupTable(ctx, object);
    if (def === undefined) throw invalidObjectName(displayName(object));
    const insertsByTarget = sig.some((t, i) => isWord(t, 'NOT') && isWord(sig[i + 1], 'MATCHED') && !(isWord(sig[i + 2], 'BY') && isWord(sig[i + 3], 'SOURCE')));
    if (insertsByTarget && def.distribution.kind !== 'HASH') throw mergeInsertNeedsHash();
    const acc = new RewriteAcc();
    acc.sources.push(def);
    const firstWhen = findTopLevel(sig, end, 'WHEN');
    // "Table value constructor can't be used in the USING clause for the source table" (MERGE, Synapse remarks).
    // The error number is not documented; a parse error like multi-row VALUES is the closest known shape.
    const using = findTopLevel(sig, end, 'USING');
    if (isPunct(sig[using + 1], '(') && isWord(sig[using + 2], 'VALUES')) throw parseError('VALUES');
    const parts = [`MERGE INTO ${duckName(object)}`, joinSql(rewriteTokens(sig.slice(end, firstWhen), ctx, acc))];
    for (let at = firstWhen; at < sig.length;) {
      const next = findTopLevel(sig, at + 1, 'WHEN');
      parts.push(clause(sig.slice(at, next), def, ctx, acc));
      at = next;
    }
    parts.push('RETURNING merge_action');
    const updatesOrDeletes = sig.some((t, i) => isWord(t, 'MATCHED') && !isWord(sig[i - 1], 'NOT'));
    const preconditions = updatesOrDeletes ? [duplicateMatch(sig, object, end, using, firstWhen, ctx)] : [];
    return { kind: 'duckdb', sql: parts.join(' '), returns: 'merge-actions', sources: acc.sources, binds: acc.binds, preconditions };
  },
};
