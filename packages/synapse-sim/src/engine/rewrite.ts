// Token-level T-SQL -> DuckDB rewriting shared by every DML/SELECT shape (research/synapse.md 3.4):
// [ident] -> "ident", N'..' -> '..', @p -> CAST($n AS type), ISNULL -> COALESCE, TOP -> LIMIT, COUNT -> int,
// CAST type names, @@VERSION/@@TRANCOUNT/SERVERPROPERTY/OBJECT_ID/DB_NAME constants, catalog views; string `+` to ||,
// a zero-divisor guard on `/` and `%`, T-SQL built-ins (tsql-functions.ts) and 195 for names T-SQL lacks.
import { SqlServerError } from '../contract.js';
import type { TableDef } from './catalog.js';
import { catalogView, isCatalogView } from './catalog-views.js';
import { lookupTable, type TranslateContext } from './context.js';
import { genericError } from './errors.js';
import { duckIdent, duckString, isPunct, isWord, matchingParen, type Token } from './lexer.js';
import { ENGINE_EDITION_SYNAPSE_DEDICATED, SYNAPSE_VERSION_STRING } from './limits.js';
import { duckName, parseNameString, parseObjectName } from './names.js';
import { toDuckdbType } from './tsql-types.js';
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

/** Must declare the scalar variable. SQL Server catalogue, 137. */
const UNDECLARED_VARIABLE = 137;

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

export function rewriteTokens(input: readonly Token[], ctx: TranslateContext, acc: RewriteAcc): string[] {
  const tokens = topToLimit(input);
  const parts: string[] = [];
  const scope: TypeScope = { params: ctx.params, tables: ctx.tables ?? [] };
  // T-SQL `+` concatenates when its operands are strings ('a' + NULL is NULL, as DuckDB's || gives).
  const concatenations = concatenationOperators(tokens, scope);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const next = tokens[i + 1];
    const tsql = t.kind === 'word' && isPunct(next, '(') ? tsqlCall(tokens, i, ctx, acc, scope) : undefined;
    if (tsql !== undefined) {
      parts.push(tsql.sql);
      i = tsql.close;
    } else if (isPunct(t, '+') && concatenations.has(i)) {
      parts.push('||');
    } else if ((isPunct(t, '/') || isPunct(t, '%')) && signedOperandEnd(tokens, i + 1) > i + 1) {
      // T-SQL raises 8134 for a zero divisor where DuckDB returns NULL; `/` and `%` bind to the operand after them.
      const end = signedOperandEnd(tokens, i + 1);
      parts.push(t.text, '__tsql_divisor', '(', ...rewriteTokens(tokens.slice(i + 1, end), ctx, acc), ')');
      i = end - 1;
    } else if (t.kind === 'string') {
      parts.push(duckString(t.value));
    } else if (t.kind === 'param') {
      const type = ctx.params.get(t.value.toLowerCase());
      if (type === undefined) throw new SqlServerError(UNDECLARED_VARIABLE, `Must declare the scalar variable "${t.value}".`, 15);
      acc.binds.push(t.value);
      parts.push(`CAST($${acc.binds.length} AS ${toDuckdbType(type)})`);
    } else if (t.kind === 'sysvar') {
      parts.push(systemVariable(t.value, ctx));
    } else if (isCatalogView(tokens, i)) {
      const view = catalogView(tokens, i, ctx);
      parts.push(view.sql);
      i = view.end - 1;
    } else if ((t.kind === 'word' || t.kind === 'ident') && (isPunct(next, '.') || t.value.startsWith('#') || t.kind === 'ident' || (isWord(tokens[i - 1], ...TABLE_POSITION) && !isWord(t, ...NOT_NAMES))) && !isPunct(tokens[i - 1], '.')) {
      // A (possibly dotted) name: resolve tables for declared types; render each part quoted.
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
      if (fn !== undefined) {
        parts.push(...fn.parts(rewriteTokens(tokens.slice(i + 2, fn.close), ctx, acc)));
        i = fn.close;
      } else {
        checkBuiltin(tokens, i);
        parts.push(t.text);
      }
    } else {
      parts.push(t.text);
    }
  }
  return parts;
}

function tsqlCall(tokens: readonly Token[], i: number, ctx: TranslateContext, acc: RewriteAcc, scope: TypeScope): { readonly sql: string; readonly close: number } | undefined {
  const close = matchingParen(tokens, i + 1);
  const rewrite = (ts: readonly Token[]): string => joinSql(rewriteTokens(ts, ctx, acc));
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
    case 'GETDATE': case 'SYSDATETIME': return constant('CAST(now() AS TIMESTAMP)');
    case 'GETUTCDATE': case 'SYSUTCDATETIME': return constant("CAST(timezone('UTC', now()) AS TIMESTAMP)");
    case 'SYSDATETIMEOFFSET': return constant('now()');
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
