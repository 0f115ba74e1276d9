// Token-level T-SQL -> DuckDB rewriting shared by every DML/SELECT shape (research/synapse.md 3.4):
// [ident] -> "ident", N'..' -> '..', @p -> CAST($n AS type), ISNULL -> COALESCE, TOP -> LIMIT, COUNT -> int,
// CAST type names, @@VERSION/@@TRANCOUNT/SERVERPROPERTY/OBJECT_ID/DB_NAME constants, catalog views; string `+` to ||,
// a zero-divisor guard on `/` and `%`, T-SQL built-ins (tsql-functions.ts) and 195 for names T-SQL lacks.
import { SqlServerError } from '../contract.js';
import { findColumn, type TableDef } from './catalog.js';
import { catalogView, isCatalogView } from './catalog-views.js';
import { applyCollation } from './collation.js';
import { lookupTable, type TranslateContext } from './context.js';
import { genericError, undeclaredVariable } from '../errors.js';
import { duckIdent, duckString, isPunct, isWord, matchingParen, splitTopLevel, type Token } from './lexer.js';
import { ENGINE_EDITION_SYNAPSE_DEDICATED, SYNAPSE_VERSION_STRING } from './limits.js';
import { duckName, parseNameString, parseObjectName } from './names.js';
import { isStringType, isTypeWord, parseType, renderTsqlType, toDuckdbType } from './tsql-types.js';
import { DT2_STORAGE, toDatetime2Sql, toDatetimeoffsetSql, toTextSql } from './temporal-storage.js';
import type { CatalogColumn, TsqlType } from '../contract.js';
import { concatenationOperators, signedOperandEnd, type TypeScope } from './expr-types.js';
import { joinSql } from './render.js';
import { tsqlFunction } from './tsql-functions.js';
import { checkBuiltin } from './tsql-builtins.js';

/** Collects what a rewrite discovered: parameter binds in order, user tables referenced. */
export class RewriteAcc {
  readonly binds: string[] = [];
  readonly sources: TableDef[] = [];
}

/** Keywords after which a bare word is a table name. */
const TABLE_POSITION: readonly string[] = ['FROM', 'JOIN', 'INTO', 'UPDATE', 'USING', 'TABLE'];

/** Keywords that can follow a TABLE_POSITION keyword without being a name (MERGE's UPDATE SET, INSERT VALUES). */
const NOT_NAMES: readonly string[] = ['SET', 'SELECT', 'VALUES', 'WHERE', 'DEFAULT', 'ON', 'AS'];


const word = (text: string): Token => ({ kind: 'word', text, value: text.toUpperCase() });
const SERVER_PROPERTIES: Readonly<Record<string, string>> = {
  ENGINEEDITION: `CAST(${ENGINE_EDITION_SYNAPSE_DEDICATED} AS INTEGER)`,
  EDITION: "'SQL Data Warehouse'",
  PRODUCTVERSION: "'10.0.17829.0'",
};

/** Moves `SELECT [DISTINCT] TOP (n)` to a LIMIT at the end of the same query scope. */
export function topToLimit(tokens: readonly Token[]): readonly Token[] {
  const out = [...tokens];
  for (let i = 0; i < out.length; i++) {
    if (!isWord(out[i], 'TOP') || !isWord(out[i - 1], 'SELECT', 'DISTINCT')) continue;
    let limitEnd = i + 2;
    if (isPunct(out[i + 1], '(')) limitEnd = matchingParen(out, i + 1) + 1;
    const limit = out.slice(i + 1, limitEnd);
    let depth = 0;
    let end = limitEnd;
    for (; end < out.length; end++) {
      if (isPunct(out[end], '(')) depth++;
      else if (isPunct(out[end], ')')) { if (depth === 0) break; depth--; }
    }
    out.splice(end, 0, word('LIMIT'), ...limit);
    out.splice(i, limitEnd - i);
  }
  return out;
}

/** Rewrites a statement or fragment; strings compare as the database collation does (collation.ts). */
export function rewriteTokens(input: readonly Token[], ctx: TranslateContext, acc: RewriteAcc): string[] {
  const paramIsCharacter = (name: string): boolean | undefined => {
    const type = ctx.params.get(name.toLowerCase());
    return type === undefined ? undefined : isStringType(type);
  };
  const tables = tablesIn(input, ctx);
  const columnIsCharacter = (name: string): boolean | undefined => {
    const types = tables.map((def) => findColumn(def, name)?.type).filter((type) => type !== undefined);
    return types.length === 0 ? undefined : types.some(isStringType);
  };
  return rewriteParts(applyCollation(topToLimit(input), paramIsCharacter, columnIsCharacter), ctx, acc);
}

function rewriteParts(input: readonly Token[], ctx: TranslateContext, acc: RewriteAcc): string[] {
  const tokens = topToLimit(input);
  const parts: string[] = [];
  let nameStart = 0; // where the last name's rendering starts in parts (BETWEEN's left operand)
  const scope: TypeScope = { params: ctx.params, tables: ctx.tables ?? [] };
  // T-SQL `+` concatenates when its operands are strings ('a' + NULL is NULL, as DuckDB's || gives).
  const concatenations = concatenationOperators(tokens, scope);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const next = tokens[i + 1];
    // CAST/CONVERT to datetime2, datetimeoffset or text go through the temporal macros (below), not tsqlCall.
    const temporal = isPunct(next, '(') && ((isWord(t, 'CAST') && temporalCast(tokens, i) !== undefined) || (isWord(t, 'CONVERT') && temporalConvert(tokens, i) !== undefined));
    const tsql = t.kind === 'word' && isPunct(next, '(') && !temporal ? tsqlCall(tokens, i, ctx, acc, scope) : undefined;
    if (tsql !== undefined) {
      parts.push(tsql.sql);
      i = tsql.close;
    } else if (isPunct(t, '+') && concatenations.has(i)) {
      parts.push('||');
    } else if ((isPunct(t, '/') || isPunct(t, '%')) && signedOperandEnd(tokens, i + 1) > i + 1) {
      // T-SQL raises 8134 for a zero divisor where DuckDB returns NULL; `/` and `%` bind to the operand after them.
      const end = signedOperandEnd(tokens, i + 1);
      parts.push(t.text, '__tsql_divisor', '(', ...rewriteParts(tokens.slice(i + 1, end), ctx, acc), ')');
      i = end - 1;
    } else if (t.kind === 'string') {
      parts.push(literalSql(t.value, comparedColumn(tokens, i, acc, ctx)));
    } else if (t.kind === 'param') {
      const type = ctx.params.get(t.value.toLowerCase());
      if (type === undefined) throw undeclaredVariable(t.value);
      acc.binds.push(t.value);
      parts.push(parameterSql(acc.binds.length, type));
    } else if (t.kind === 'sysvar') {
      parts.push(systemVariable(t.value, ctx));
    } else if (isCatalogView(tokens, i)) {
      const view = catalogView(tokens, i, ctx);
      parts.push(view.sql);
      i = view.end - 1;
    } else if ((t.kind === 'word' || t.kind === 'ident') && (isPunct(next, '.') || t.value.startsWith('#') || t.kind === 'ident' || (isWord(tokens[i - 1], ...TABLE_POSITION) && !isWord(t, ...NOT_NAMES))) && !isPunct(tokens[i - 1], '.')) {
      // A (possibly dotted) name: resolve tables for declared types; render each part quoted.
      nameStart = parts.length;
      const { object, end } = parseObjectName(tokens, i);
      if (isWord(t, 'TEMPDB')) {
        parts.push(duckIdent(object.name));
        i = end - 1;
        continue;
      }
      const def = lookupTable(ctx, object);
      if (def !== undefined && !acc.sources.includes(def)) acc.sources.push(def);
      if (def !== undefined && tokens.slice(i, end).filter((p) => !isPunct(p, '.')).length >= 3) {
        // [db].[schema].[table]: DuckDB has no database part here.
        parts.push(duckName(object));
        i = end - 1;
        continue;
      }
      for (let k = i; k < end; k++) {
        const p = tokens[k] as Token;
        parts.push(isPunct(p, '.') ? '.' : duckIdent(p.kind === 'word' ? p.text : p.value));
      }
      i = end - 1;
    } else if (t.kind === 'word') {
      const fn = isPunct(next, '(') ? functionRewrite(tokens, i, ctx) : undefined;
      const cast = isWord(t, 'CAST') && isPunct(next, '(') ? temporalCast(tokens, i) : undefined;
      const between = isWord(t, 'BETWEEN') ? temporalBetween(tokens, i, acc) : undefined;
      const convert = isWord(t, 'CONVERT') && isPunct(next, '(') ? temporalConvert(tokens, i) : undefined;
      if (convert !== undefined) {
        parts.push(convert.sql(joinExpr(rewriteParts(convert.expr, ctx, acc))));
        i = convert.close;
      } else if (between !== undefined) {
        // The literal bounds must become datetime2/datetimeoffset: `x [NOT] BETWEEN a AND b` -> `[NOT] (x >= a AND x <= b)`.
        const negated = isWord(tokens[i - 1], 'NOT');
        if (negated) parts.pop();
        const left = parts.splice(nameStart).join('');
        const operand = (from: number, to: number): string => (to === from + 1 && tokens[from]?.kind === 'string'
          ? literalSql((tokens[from] as Token).value, between.column) : joinExpr(rewriteParts(tokens.slice(from, to), ctx, acc)));
        const range = `${left} >= ${operand(i + 1, between.and)} AND ${left} <= ${operand(between.and + 1, between.end)}`;
        parts.push(negated ? `(NOT (${range}))` : `(${range})`);
        i = between.end - 1;
      } else if (cast !== undefined) {
        parts.push(cast.sql(joinExpr(rewriteParts(tokens.slice(i + 2, cast.as), ctx, acc))));
        i = cast.close;
      } else if (fn !== undefined) {
        parts.push(...fn.parts(rewriteParts(tokens.slice(i + 2, fn.close), ctx, acc)));
        i = fn.close;
      } else {
        if (!isWord(t, 'NOT')) nameStart = parts.length;
        checkBuiltin(tokens, i);
        parts.push(t.text);
      }
    } else {
      parts.push(t.text);
    }
  }
  return parts;
}

const COMPARISONS: readonly string[] = ['=', '<', '>', '<=', '>=', '<>', '!='];
const isName = (t: Token | undefined): t is Token => t !== undefined && (t.kind === 'word' || t.kind === 'ident');

/** The last part of a (dotted) name ending at tokens[end], as written. */
const nameAt = (tokens: readonly Token[], end: number): string | undefined => {
  const t = tokens[end];
  return isName(t) ? (t.kind === 'word' ? t.text : t.value) : undefined;
};

/** The last part of a (dotted) name starting at tokens[start]. */
function nameFrom(tokens: readonly Token[], start: number): string | undefined {
  let k = start;
  while (isName(tokens[k]) && isPunct(tokens[k + 1], '.')) k += 2;
  return nameAt(tokens, k);
}

/**
 * The column a string literal is compared with, as in `c = '...'`, `'...' < x.c`, `c BETWEEN '...' AND '...'` and
 * `c IN ('...', ...)`: SQL Server converts the literal to the column's type (data type precedence), which for a
 * datetime2/datetimeoffset column must happen here, since DuckDB would compare the text with the storage form.
 */
function comparedColumn(tokens: readonly Token[], i: number, acc: RewriteAcc, ctx: TranslateContext): CatalogColumn | undefined {
  const before = tokens[i - 1];
  let name: string | undefined;
  if (before?.kind === 'punct' && COMPARISONS.includes(before.value)) name = nameAt(tokens, i - 2);
  else if (isWord(before, 'BETWEEN')) name = nameAt(tokens, i - 2);
  else if (isWord(before, 'AND') && isWord(tokens[i - 3], 'BETWEEN')) name = nameAt(tokens, i - 4);
  else if (tokens[i + 1]?.kind === 'punct' && COMPARISONS.includes(tokens[i + 1]?.value ?? '')) name = nameFrom(tokens, i + 2);
  else {
    let k = i - 1;
    while (tokens[k]?.kind === 'string' || isPunct(tokens[k], ',')) k--;
    if (isPunct(tokens[k], '(') && isWord(tokens[k - 1], 'IN')) name = nameAt(tokens, k - 2);
  }
  if (name === undefined) return undefined;
  // Tables already met first; then those named later in the same tokens (a select list comes before its FROM).
  for (const def of [...acc.sources, ...tablesIn(tokens, ctx)]) {
    const col = findColumn(def, name);
    if (col !== undefined) return col;
  }
  return undefined;
}

function tablesIn(tokens: readonly Token[], ctx: TranslateContext): TableDef[] {
  const defs: TableDef[] = [];
  for (let k = 1; k < tokens.length; k++) {
    if (!isWord(tokens[k - 1], ...TABLE_POSITION) || !isName(tokens[k]) || isWord(tokens[k], ...NOT_NAMES)) continue;
    const def = lookupTable(ctx, parseObjectName(tokens, k).object);
    if (def !== undefined) defs.push(def);
  }
  return defs;
}

/** End (exclusive) of one operand at tokens[start]: a parenthesised group, a call, a dotted name or one token. */
function operandEnd(tokens: readonly Token[], start: number): number {
  if (isPunct(tokens[start], '(')) return matchingParen(tokens, start) + 1;
  if (tokens[start]?.kind === 'word' && isPunct(tokens[start + 1], '(')) return matchingParen(tokens, start + 1) + 1;
  let k = start;
  while (isName(tokens[k]) && isPunct(tokens[k + 1], '.')) k += 2;
  return k + 1;
}

/** `<datetime2/datetimeoffset column> [NOT] BETWEEN a AND b` with simple operands, at the BETWEEN token. */
function temporalBetween(tokens: readonly Token[], i: number, acc: RewriteAcc): { readonly column: CatalogColumn; readonly and: number; readonly end: number } | undefined {
  const name = nameAt(tokens, isWord(tokens[i - 1], 'NOT') ? i - 2 : i - 1);
  const column = name === undefined ? undefined : acc.sources.map((d) => findColumn(d, name)).find((c) => c !== undefined);
  if (column === undefined || (column.type.name !== 'datetime2' && column.type.name !== 'datetimeoffset')) return undefined;
  const and = operandEnd(tokens, i + 1);
  if (!isWord(tokens[and], 'AND') || tokens[and + 1] === undefined) return undefined;
  return { column, and, end: operandEnd(tokens, and + 1) };
}

function literalSql(text: string, column: CatalogColumn | undefined): string {
  const literal = duckString(text);
  if (column?.type.name === 'datetime2') return toDatetime2Sql(literal, 7);
  if (column?.type.name === 'datetimeoffset') return `(CAST(${toDatetimeoffsetSql(literal, 7)} AS VARCHAR) COLLATE NOCASE)`;
  return literal;
}

/** A bound RPC parameter as DuckDB SQL; datetime2/datetimeoffset binds are ticks / encoded text (values.ts). */
function parameterSql(n: number, type: TsqlType): string {
  if (type.name === 'datetime2') return `CAST($${n} AS ${DT2_STORAGE})`;
  if (type.name === 'datetimeoffset') return `(CAST($${n} AS VARCHAR) COLLATE NOCASE)`;
  return `CAST($${n} AS ${toDuckdbType(type)})`;
}

const joinExpr = (parts: readonly string[]): string => parts.join(' ');

/**
 * `CAST(x AS datetime2|datetimeoffset|n[var]char ...)`: converted by the temporal macros (temporal-storage.ts), which read
 * literals in SQL Server's formats, round to the scale and print stored values as SQL Server does.
 */
function temporalCast(tokens: readonly Token[], i: number): { readonly as: number; readonly close: number; readonly sql: (x: string) => string } | undefined {
  const close = matchingParen(tokens, i + 1);
  let depth = 0;
  let as = -1;
  for (let k = i + 2; k < close; k++) {
    if (isPunct(tokens[k], '(')) depth++;
    else if (isPunct(tokens[k], ')')) depth--;
    else if (depth === 0 && isWord(tokens[k], 'AS')) as = k;
  }
  const typeWord = tokens[as + 1];
  if (as < 0 || typeWord === undefined || !isTypeWord(typeWord.value)) return undefined;
  const { type } = parseType(tokens, as + 1);
  const scale = type.scale ?? 7;
  if (type.name === 'datetime2') return { as, close, sql: (x) => toDatetime2Sql(x, scale) };
  if (type.name === 'datetimeoffset') return { as, close, sql: (x) => `(CAST(${toDatetimeoffsetSql(x, scale)} AS VARCHAR) COLLATE NOCASE)` };
  if (isStringType(type)) return { as, close, sql: (x) => toTextSql(x) };
  return undefined;
}

/**
 * Styles whose input is the ISO 8601 text the temporal macros read: 120/121 ODBC canonical, 126/127 ISO 8601 (CAST and
 * CONVERT doc, "Date and time styles"). Other styles name other orders and month names, not emulated.
 */
const ISO_STYLES: readonly string[] = ['20', '21', '120', '121', '126', '127'];

/** `CONVERT(datetime2|datetimeoffset|n[var]char ..., x [, style])`, as temporalCast; other targets are DuckDB's. */
function temporalConvert(tokens: readonly Token[], i: number): { readonly expr: readonly Token[]; readonly close: number; readonly sql: (x: string) => string } | undefined {
  const close = matchingParen(tokens, i + 1);
  const [target, expr, style, ...rest] = splitTopLevel(tokens.slice(i + 2, close));
  const typeWord = target?.[0];
  if (target === undefined || expr === undefined || rest.length > 0 || typeWord === undefined || !isTypeWord(typeWord.value)) return undefined;
  const { type } = parseType(target, 0);
  const temporal = type.name === 'datetime2' || type.name === 'datetimeoffset';
  if (!temporal && !isStringType(type)) return undefined;
  const styleText = style?.map((x) => x.text).join('');
  if (styleText !== undefined && (!temporal || !ISO_STYLES.includes(styleText))) {
    throw genericError(`synapse-sim does not emulate CONVERT to ${renderTsqlType(type)} with style ${styleText}.`);
  }
  const scale = type.scale ?? 7;
  if (type.name === 'datetime2') return { expr, close, sql: (x) => toDatetime2Sql(x, scale) };
  if (type.name === 'datetimeoffset') return { expr, close, sql: (x) => `(CAST(${toDatetimeoffsetSql(x, scale)} AS VARCHAR) COLLATE NOCASE)` };
  return { expr, close, sql: (x) => toTextSql(x) };
}

function tsqlCall(tokens: readonly Token[], i: number, ctx: TranslateContext, acc: RewriteAcc, scope: TypeScope): { readonly sql: string; readonly close: number } | undefined {
  const close = matchingParen(tokens, i + 1);
  const rewrite = (ts: readonly Token[]): string => joinSql(rewriteParts(ts, ctx, acc));
  const sql = tsqlFunction((tokens[i] as Token).value, tokens.slice(i + 2, close), rewrite, { scope, xactState: ctx.xactState });
  return sql === undefined ? undefined : { sql, close };
}

function systemVariable(name: string, ctx: TranslateContext): string {
  switch (name) {
    case '@@VERSION': return duckString(SYNAPSE_VERSION_STRING);
    case '@@TRANCOUNT': return `CAST(${ctx.trancount} AS INTEGER)`;
    case '@@SPID': return `CAST(${ctx.sessionId} AS SMALLINT)`;
    default: throw genericError(`synapse-sim does not support the system variable ${name}.`);
  }
}

interface FunctionRewrite {
  readonly close: number;
  readonly parts: (args: readonly string[]) => readonly string[];
}

/** Functions whose T-SQL spelling or meaning differs in DuckDB; `tokens[i]` is the name, `tokens[i+1]` is '('. */
function functionRewrite(tokens: readonly Token[], i: number, ctx: TranslateContext): FunctionRewrite | undefined {
  const name = (tokens[i] as Token).value;
  const close = matchingParen(tokens, i + 1);
  const inner = tokens.slice(i + 2, close);
  const constant = (sql: string): FunctionRewrite => ({ close, parts: () => [sql] });
  switch (name) {
    case 'ISNULL': return { close, parts: (a) => ['COALESCE', '(', ...a, ')'] };
    case 'COUNT': return { close, parts: (a) => ['CAST', '(', 'count', '(', ...a, ')', 'AS', 'INTEGER', ')'] };
    case 'COUNT_BIG': return { close, parts: (a) => ['count', '(', ...a, ')'] };
    case 'LEN': return { close, parts: (a) => ['CAST', '(', 'length', '(', 'rtrim', '(', ...a, ')', ')', 'AS', 'INTEGER', ')'] };
    case 'GETDATE': return constant('CAST(now() AS TIMESTAMP)');
    case 'GETUTCDATE': return constant("CAST(timezone('UTC', now()) AS TIMESTAMP)");
    // datetime2 and datetimeoffset in their storage; the session's time zone is UTC (session-setup.ts).
    case 'SYSDATETIME': case 'SYSUTCDATETIME': return constant(toDatetime2Sql('CAST(now() AS TIMESTAMP)', 7));
    case 'SYSDATETIMEOFFSET': return constant(`(CAST(${toDatetimeoffsetSql('CAST(now() AS TIMESTAMP)', 7)} AS VARCHAR) COLLATE NOCASE)`);
    case 'DB_NAME': return constant(duckString(ctx.database));
    case 'SCHEMA_NAME': return inner.length === 0 ? constant("'dbo'") : undefined;
    case 'SERVERPROPERTY': {
      const prop = inner[0]?.kind === 'string' ? inner[0].value.toUpperCase() : '';
      return constant(SERVER_PROPERTIES[prop] ?? 'NULL');
    }
    case 'OBJECT_ID': {
      const arg = inner[0];
      if (arg?.kind !== 'string') throw genericError('synapse-sim supports OBJECT_ID only with a literal name.');
      const def = lookupTable(ctx, parseNameString(arg.value));
      return constant(def === undefined ? 'CAST(NULL AS INTEGER)' : `CAST(${def.objectId} AS INTEGER)`);
    }
    default: return undefined;
  }
}
