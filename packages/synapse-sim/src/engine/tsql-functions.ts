// T-SQL built-ins whose meaning DuckDB has under another name or not at all; each returns the DuckDB SQL for one call.
// `rewrite` turns an argument's T-SQL tokens into DuckDB SQL (sharing the statement's parameter binds).
import type { TsqlType } from '../contract.js';
import { dateadd, datediff, type DateArgument } from './tsql-dates.js';
import { inferType, isStringTsqlType, type TypeScope } from './expr-types.js';
import { duckString, isWord, splitTopLevel, type Token } from './lexer.js';
import { parseError } from '../errors.js';
import { parseType, toDuckdbType } from './tsql-types.js';

export type RewriteArgument = (tokens: readonly Token[]) => string;

const INTEGER_TYPES: readonly string[] = ['tinyint', 'smallint', 'int', 'bigint'];
const FRACTIONAL_TYPES: readonly string[] = ['decimal', 'numeric', 'real', 'float'];

/** QUOTENAME's quote characters and their closing partner (QUOTENAME doc, Arguments). */
const QUOTE_PAIRS: Readonly<Record<string, string>> = {
  '[': ']', ']': ']', '"': '"', "'": "'", '(': ')', ')': ')', '<': '>', '>': '>', '{': '}', '}': '}', '`': '`',
};

/**
 * CAST to an integer type truncates a fractional value ("CAST(2.7 AS INT)" is 2: CAST and CONVERT doc, "Truncating
 * and rounding results"), where DuckDB rounds; an empty or blank string is 0 (the doc's "'' ... converts to 0").
 */
function cast(inner: readonly Token[], rewrite: RewriteArgument, scope: TypeScope, name: string): string {
  const as = inner.findLastIndex((t) => isWord(t, 'AS'));
  if (as < 1) throw parseError(name);
  const expr = inner.slice(0, as);
  const target = parseType(inner, as + 1).type;
  const duckType = toDuckdbType(target);
  const source = inferType(expr, scope);
  const value = rewrite(expr);
  if (INTEGER_TYPES.includes(target.name) && isStringTsqlType(source)) return `${name}(__tsql_blank_zero(${value}) AS ${duckType})`;
  if (INTEGER_TYPES.includes(target.name) && source !== undefined && FRACTIONAL_TYPES.includes(source.name)) return `${name}(trunc(${value}) AS ${duckType})`;
  return `${name}(${value} AS ${duckType})`;
}

/** Bytes per value of the fixed-size types (each type's doc page, "Storage size"). */
function fixedSize(t: TsqlType): number | undefined {
  switch (t.name) {
    case 'tinyint': case 'bit': return 1;
    case 'smallint': return 2;
    case 'int': case 'real': return 4;
    case 'bigint': case 'float': case 'datetime': return 8;
    case 'decimal': case 'numeric': {
      const p = t.precision ?? 18;
      return p <= 9 ? 5 : p <= 19 ? 9 : p <= 28 ? 13 : 17;
    }
    case 'date': return 3;
    case 'time': return (t.scale ?? 7) <= 2 ? 3 : (t.scale ?? 7) <= 4 ? 4 : 5;
    case 'datetime2': return (t.scale ?? 7) <= 2 ? 6 : (t.scale ?? 7) <= 4 ? 7 : 8;
    case 'datetimeoffset': return (t.scale ?? 7) <= 2 ? 8 : (t.scale ?? 7) <= 4 ? 9 : 10;
    case 'uniqueidentifier': return 16;
    default: return undefined;
  }
}

/**
 * DATALENGTH: bytes, not characters. nvarchar/nchar hold UTF-16, 2 bytes per code unit (so 4 for a character outside
 * the BMP); varchar/char under Synapse's default Latin1 collation one byte per character. An expression whose type the
 * statement does not show is taken as nvarchar, as the engine reports string expressions.
 */
function datalength(arg: readonly Token[], rewrite: RewriteArgument, scope: TypeScope): string {
  const type = inferType(arg, scope);
  const v = rewrite(arg);
  const result = type?.length === 'max' ? 'BIGINT' : 'INTEGER';
  if (type?.name === 'varbinary') return `CAST(octet_length(${v}) AS ${result})`;
  if (type?.name === 'varchar' || type?.name === 'char') return `CAST(length(${v}) AS ${result})`;
  const size = type === undefined ? undefined : fixedSize(type);
  if (size !== undefined) return `CASE WHEN (${v}) IS NULL THEN NULL ELSE CAST(${size} AS INTEGER) END`;
  return `CAST(__tsql_utf16_bytes(${v}) AS ${result})`;
}

function quotename(args: readonly (readonly Token[])[], rewrite: RewriteArgument): string {
  const [value, quote] = args;
  if (value === undefined || args.length > 2) throw parseError('QUOTENAME');
  const q = quote === undefined ? '[' : quote[0]?.kind === 'string' && quote.length === 1 ? quote[0].value : undefined;
  if (q === undefined) throw parseError('QUOTENAME');
  const close = QUOTE_PAIRS[q];
  // "Returns NULL if the input is greater than 128 characters" and for a quote character it does not know.
  if (close === undefined) return 'CAST(NULL AS VARCHAR)';
  const open = q === ']' ? '[' : q === ')' ? '(' : q === '>' ? '<' : q === '}' ? '{' : q;
  return `__tsql_quotename(${rewrite(value)}, ${duckString(open)}, ${duckString(close)})`;
}

function dateArgument(tokens: readonly Token[], rewrite: RewriteArgument, scope: TypeScope): DateArgument {
  return { sql: rewrite(tokens), type: inferType(tokens, scope), literal: tokens.length === 1 && tokens[0]?.kind === 'string' };
}

export interface FunctionContext {
  readonly scope: TypeScope;
  /** XACT_STATE(): 1 in an open transaction, 0 outside one, -2 in a failed one (Synapse develop-transactions doc). */
  readonly xactState: number;
}

/** The DuckDB SQL for `NAME(inner)`, or undefined when NAME needs no T-SQL-specific handling here. */
export function tsqlFunction(name: string, inner: readonly Token[], rewrite: RewriteArgument, ctx: FunctionContext): string | undefined {
  switch (name) {
    case 'CAST': case 'TRY_CAST': return cast(inner, rewrite, ctx.scope, name);
    // CHAR(n): "NULL for integer expressions outside 0-255" (CHAR doc).
    case 'CHAR': return `__tsql_char(${rewrite(inner)})`;
    case 'NEWID': return 'uuid()';
    case 'XACT_STATE': return `CAST(${ctx.xactState} AS SMALLINT)`;
    case 'DATALENGTH': return datalength(inner, rewrite, ctx.scope);
    case 'QUOTENAME': return quotename(splitTopLevel(inner), rewrite);
    case 'DATEADD': {
      const [part, n, d] = splitTopLevel(inner);
      if (part === undefined || n === undefined || d === undefined) throw parseError('DATEADD');
      return dateadd(part[0], rewrite(n), dateArgument(d, rewrite, ctx.scope));
    }
    case 'DATEDIFF': {
      const [part, a, b] = splitTopLevel(inner);
      if (part === undefined || a === undefined || b === undefined) throw parseError('DATEDIFF');
      return datediff(part[0], dateArgument(a, rewrite, ctx.scope), dateArgument(b, rewrite, ctx.scope));
    }
    default: return undefined;
  }
}
