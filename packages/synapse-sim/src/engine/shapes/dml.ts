// DML and query shapes: INSERT ... VALUES (one row), INSERT ... SELECT, DELETE, UPDATE with an implicit join,
// MERGE (merge.ts), SELECT. Inserts and updates into bounded string columns are wrapped so overlong values raise 8152.
import type { CatalogColumn } from '../../contract.js';
import type { TableDef } from '../catalog.js';
import { lookupTable, type TranslateContext } from '../context.js';
import { genericError, invalidColumnName, invalidObjectName, parseError } from '../../errors.js';
import { duckIdent, isPunct, isWord, matchingParen, splitTopLevel, type Token } from '../lexer.js';
import { displayName, duckName, parseObjectName } from '../names.js';
import type { Plan } from '../plan.js';
import { RewriteAcc, rewriteTokens } from '../rewrite.js';
import { joinSql } from '../render.js';
import { findColumn } from '../catalog.js';
import { findTopLevel, guardValue, needsGuard } from './common.js';
import { merge } from './merge.js';
import { analyzeSelectList } from './select-list.js';
import { startsWith, type Shape } from './shape.js';

const plan = (sql: string, returns: 'rows' | 'count', acc: RewriteAcc): Plan =>
  ({ kind: 'duckdb', sql, returns, sources: acc.sources, binds: acc.binds });

const nameText = (t: Token): string => (t.kind === 'word' ? t.text : t.value);

function targetTable(ctx: TranslateContext, sig: readonly Token[], at: number): { readonly def: TableDef; readonly end: number; readonly sql: string } {
  const { object, end } = parseObjectName(sig, at);
  const def = lookupTable(ctx, object);
  if (def === undefined) throw invalidObjectName(displayName(object));
  return { def, end, sql: duckName(object) };
}

/** `(c1, c2)` after the table, or every column in order. */
function insertColumns(def: TableDef, sig: readonly Token[], at: number): { readonly columns: readonly CatalogColumn[]; readonly end: number; readonly listed: boolean } {
  if (!isPunct(sig[at], '(')) return { columns: def.columns, end: at, listed: false };
  const close = matchingParen(sig, at);
  const columns = splitTopLevel(sig.slice(at + 1, close)).map((c) => {
    const last = c[c.length - 1] as Token;
    const col = findColumn(def, nameText(last));
    if (col === undefined) throw invalidColumnName(nameText(last));
    return col;
  });
  return { columns, end: close + 1, listed: true };
}

const columnList = (cols: readonly CatalogColumn[]): string => `(${cols.map((c) => duckIdent(c.name)).join(', ')})`;

const insertValues: Shape = {
  name: 'INSERT VALUES',
  matches: (sig) => startsWith(sig, 'INSERT') && findTopLevel(sig, 1, 'VALUES') < sig.length,
  translate: ({ sig }, ctx) => {
    const target = targetTable(ctx, sig, isWord(sig[1], 'INTO') ? 2 : 1);
    const { columns, end } = insertColumns(target.def, sig, target.end);
    if (!isWord(sig[end], 'VALUES') || !isPunct(sig[end + 1], '(')) throw parseError(sig[end]?.text ?? '');
    const close = matchingParen(sig, end + 1);
    // Synapse has no table value constructor: a second row is a syntax error (research/synapse.md 1.3).
    if (sig[close + 1] !== undefined) throw parseError(sig[close + 1]?.text ?? ',');
    const acc = new RewriteAcc();
    const values = splitTopLevel(sig.slice(end + 2, close)).map((v, k) => {
      const col = columns[k];
      const expr = joinSql(rewriteTokens(v, ctx, acc));
      return col === undefined ? expr : guardValue(expr, col);
    });
    return plan(`INSERT INTO ${target.sql} ${columnList(columns)} VALUES (${values.join(', ')})`, 'count', acc);
  },
};

const insertSelect: Shape = {
  name: 'INSERT SELECT',
  matches: (sig) => startsWith(sig, 'INSERT') && findTopLevel(sig, 1, 'VALUES') === sig.length,
  translate: ({ sig }, ctx) => {
    const target = targetTable(ctx, sig, isWord(sig[1], 'INTO') ? 2 : 1);
    const { columns, end } = insertColumns(target.def, sig, target.end);
    if (!isWord(sig[end], 'SELECT', 'WITH')) throw parseError(sig[end]?.text ?? '');
    const acc = new RewriteAcc();
    const select = joinSql(rewriteTokens(sig.slice(end), ctx, acc));
    if (!columns.some(needsGuard)) return plan(`INSERT INTO ${target.sql} ${columnList(columns)} ${select}`, 'count', acc);
    const names = columns.map((_, k) => duckIdent(`v${k + 1}`));
    const guarded = columns.map((c, k) => guardValue(`q.${names[k] ?? ''}`, c));
    return plan(`INSERT INTO ${target.sql} ${columnList(columns)} SELECT ${guarded.join(', ')} FROM (${select}) AS q(${names.join(', ')})`, 'count', acc);
  },
};

const deleteRows: Shape = {
  name: 'DELETE',
  matches: (sig) => startsWith(sig, 'DELETE'),
  translate: ({ sig }, ctx) => {
    const at = isWord(sig[1], 'FROM') ? 2 : 1;
    if (isWord(sig[parseObjectName(sig, at).end], 'FROM')) return deleteJoin(sig, at, ctx);
    const target = targetTable(ctx, sig, at);
    if (sig[target.end] !== undefined && !isWord(sig[target.end], 'WHERE')) throw genericError('synapse-sim supports DELETE [FROM] t [WHERE ...] only.');
    const acc = new RewriteAcc();
    acc.sources.push(target.def);
    const where = joinSql(rewriteTokens(sig.slice(target.end), ctx, acc));
    return plan(joinSql([`DELETE FROM ${target.sql}`, where]), 'count', acc);
  },
};

interface FromItem { readonly tokens: readonly Token[]; readonly on: readonly Token[] }

/** Splits `a, b` / `a [INNER] JOIN b ON cond` into items; ON conditions move to WHERE (inner joins only). */
function fromItems(tokens: readonly Token[]): readonly FromItem[] {
  const items: { tokens: Token[]; on: Token[] }[] = [{ tokens: [], on: [] }];
  let depth = 0;
  let inOn = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const cur = items[items.length - 1] as { tokens: Token[]; on: Token[] };
    if (isPunct(t, '(')) depth++;
    if (isPunct(t, ')')) depth--;
    if (depth === 0 && (isPunct(t, ',') || isWord(t, 'JOIN') || (isWord(t, 'INNER') && isWord(tokens[i + 1], 'JOIN')))) {
      if (isWord(t, 'INNER')) i++;
      items.push({ tokens: [], on: [] });
      inOn = false;
    } else if (depth === 0 && isWord(t, 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'OUTER')) {
      throw genericError('synapse-sim supports only inner or implicit joins in UPDATE ... FROM and DELETE ... FROM.');
    } else if (depth === 0 && isWord(t, 'ON')) inOn = true;
    else (inOn ? cur.on : cur.tokens).push(t);
  }
  return items;
}

function aliasOf(item: FromItem): string {
  const { object, end } = parseObjectName(item.tokens, 0);
  const a = item.tokens[isWord(item.tokens[end], 'AS') ? end + 1 : end];
  return a === undefined ? object.name : nameText(a);
}

/**
 * `DELETE [FROM] t FROM t [AS a] JOIN s ON ... [WHERE ...]` (the DELETE doc's Azure Synapse syntax) and the implicit
 * `FROM t, s WHERE ...`: the name after DELETE is the target table or its alias in the second FROM. DuckDB spells it
 * `DELETE FROM t [AS a] USING s WHERE <ON conditions> AND <WHERE>`.
 */
function deleteJoin(sig: readonly Token[], at: number, ctx: TranslateContext): Plan {
  const named = parseObjectName(sig, at);
  const fromAt = named.end;
  const whereAt = findTopLevel(sig, fromAt + 1, 'WHERE');
  const items = fromItems(sig.slice(fromAt + 1, whereAt));
  const wanted = named.object.name.toLowerCase();
  const self = items.find((it) => aliasOf(it).toLowerCase() === wanted) ?? items.find((it) => parseObjectName(it.tokens, 0).object.name.toLowerCase() === wanted);
  const tableObject = self === undefined ? named.object : parseObjectName(self.tokens, 0).object;
  const def = lookupTable(ctx, tableObject);
  if (def === undefined) throw invalidObjectName(displayName(tableObject));
  const alias = self === undefined ? '' : aliasOf(self);
  const acc = new RewriteAcc();
  acc.sources.push(def);
  const others = items.filter((it) => it !== self);
  const using = others.map((it) => joinSql(rewriteTokens(it.tokens, ctx, acc)));
  const conditions = items.filter((it) => it.on.length > 0).map((it) => `(${joinSql(rewriteTokens(it.on, ctx, acc))})`);
  if (whereAt < sig.length) conditions.push(`(${joinSql(rewriteTokens(sig.slice(whereAt + 1), ctx, acc))})`);
  const head = `DELETE FROM ${duckName(tableObject)}${alias !== '' && alias.toLowerCase() !== tableObject.name.toLowerCase() ? ` AS ${duckIdent(alias)}` : ''}`;
  const sql = [head, using.length > 0 ? `USING ${using.join(', ')}` : '', conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '']
    .filter((p) => p !== '').join(' ');
  return plan(sql, 'count', acc);
}

const update: Shape = {
  name: 'UPDATE',
  matches: (sig) => startsWith(sig, 'UPDATE'),
  translate: ({ sig }, ctx) => {
    const setAt = findTopLevel(sig, 1, 'SET');
    const fromAt = findTopLevel(sig, setAt, 'FROM');
    const whereAt = findTopLevel(sig, setAt, 'WHERE');
    const targetName = parseObjectName(sig, 1).object;
    const items = fromAt < sig.length ? fromItems(sig.slice(fromAt + 1, whereAt)) : [];
    // The target may be named in FROM (T-SQL implicit join) under an alias; DuckDB names it once, in UPDATE.
    const self = items.find((it) => aliasOf(it).toLowerCase() === targetName.name.toLowerCase() || parseObjectName(it.tokens, 0).object.name.toLowerCase() === targetName.name.toLowerCase());
    const tableObject = self === undefined ? targetName : parseObjectName(self.tokens, 0).object;
    const def = lookupTable(ctx, tableObject);
    if (def === undefined) throw invalidObjectName(displayName(tableObject));
    const alias = self === undefined ? '' : aliasOf(self);
    const acc = new RewriteAcc();
    acc.sources.push(def);
    const sets = splitTopLevel(sig.slice(setAt + 1, Math.min(fromAt, whereAt))).map((assignment) => {
      const eq = assignment.findIndex((t) => isPunct(t, '='));
      const colTok = assignment[eq - 1];
      if (eq < 1 || colTok === undefined) throw parseError('SET');
      const col = findColumn(def, nameText(colTok));
      if (col === undefined) throw invalidColumnName(nameText(colTok));
      return `${duckIdent(col.name)} = ${guardValue(joinSql(rewriteTokens(assignment.slice(eq + 1), ctx, acc)), col)}`;
    });
    const others = items.filter((it) => it !== self);
    const from = others.map((it) => joinSql(rewriteTokens(it.tokens, ctx, acc)));
    const conditions = [...items.filter((it) => it.on.length > 0).map((it) => `(${joinSql(rewriteTokens(it.on, ctx, acc))})`)];
    if (whereAt < sig.length) conditions.push(`(${joinSql(rewriteTokens(sig.slice(whereAt + 1), ctx, acc))})`);
    const head = `UPDATE ${duckName(tableObject)}${alias !== '' && alias.toLowerCase() !== tableObject.name.toLowerCase() ? ` AS ${duckIdent(alias)}` : ''}`;
    const sql = [head, `SET ${sets.join(', ')}`, from.length > 0 ? `FROM ${from.join(', ')}` : '', conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '']
      .filter((p) => p !== '').join(' ');
    return plan(sql, 'count', acc);
  },
};

const select: Shape = {
  name: 'SELECT',
  matches: (sig) => startsWith(sig, 'SELECT') || (startsWith(sig, 'WITH') && sig[1]?.kind !== 'punct'),
  translate: ({ sig }, ctx) => {
    const acc = new RewriteAcc();
    const list = analyzeSelectList(sig);
    return { ...plan(joinSql(rewriteTokens(list.tokens, ctx, acc)), 'rows', acc), unnamed: list.unnamed };
  },
};

const truncate: Shape = {
  name: 'TRUNCATE TABLE',
  matches: (sig) => startsWith(sig, 'TRUNCATE', 'TABLE'),
  translate: ({ sig }, ctx) => {
    const target = targetTable(ctx, sig, 2);
    return { kind: 'duckdb', sql: `DELETE FROM ${target.sql}`, returns: 'none', sources: [], binds: [] };
  },
};

export const DML_SHAPES: readonly Shape[] = [insertValues, insertSelect, deleteRows, update, merge, select, truncate];
