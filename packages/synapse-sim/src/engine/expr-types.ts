// Static T-SQL types of expression operands, as far as the statement's text shows them: literals, parameters, columns
// of the tables the statement names, CAST targets and functions with a fixed result type. T-SQL picks the meaning of
// `+` and the result of DATALENGTH/DATEADD/CAST from these types, which DuckDB cannot see in the T-SQL text.
import type { TsqlType } from '../contract.js';
import { findColumn, type TableDef } from './catalog.js';
import { lookupTable, type TranslateContext } from './context.js';
import { isPunct, isWord, matchingParen, splitTopLevel, type Token } from './lexer.js';
import { parseObjectName } from './names.js';
import { isTypeWord, parseType } from './tsql-types.js';

export interface TypeScope {
  readonly params: ReadonlyMap<string, TsqlType>;
  /** The user tables the statement names, where column operands are looked up. */
  readonly tables: readonly TableDef[];
}

const TABLE_POSITION = ['FROM', 'JOIN', 'INTO', 'UPDATE', 'USING', 'TABLE', 'MERGE'];

/** Every user table the statement names after FROM/JOIN/INTO/UPDATE/USING/TABLE/MERGE. */
export function statementTables(sig: readonly Token[], ctx: TranslateContext): readonly TableDef[] {
  const tables: TableDef[] = [];
  for (let i = 1; i < sig.length; i++) {
    const t = sig[i] as Token;
    if (!isWord(sig[i - 1], ...TABLE_POSITION) || (t.kind !== 'word' && t.kind !== 'ident')) continue;
    try {
      const def = lookupTable(ctx, parseObjectName(sig, i).object);
      if (def !== undefined && !tables.includes(def)) tables.push(def);
    } catch {
      // not a name after all
    }
  }
  return tables;
}

/** Words that never start an operand. LEFT/RIGHT start one only as functions. */
const KEYWORDS = new Set([
  'SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'ON', 'AS', 'WHEN', 'THEN', 'ELSE', 'END', 'IS', 'IN', 'LIKE', 'BETWEEN',
  'EXISTS', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'GROUP', 'BY', 'ORDER', 'HAVING', 'UNION', 'ALL',
  'DISTINCT', 'TOP', 'SET', 'VALUES', 'INTO', 'UPDATE', 'DELETE', 'INSERT', 'MERGE', 'USING', 'MATCHED', 'OVER',
  'PARTITION', 'ASC', 'DESC', 'WITH', 'LIMIT', 'COLLATE', 'ESCAPE', 'TABLE', 'IF', 'TARGET', 'SOURCE', 'OPTION',
]);
const ARITHMETIC = ['+', '-', '*', '/', '%'];

const STRING_FUNCTIONS = new Set([
  'CHAR', 'NCHAR', 'QUOTENAME', 'CONCAT', 'CONCAT_WS', 'LEFT', 'RIGHT', 'SUBSTRING', 'UPPER', 'LOWER', 'LTRIM', 'RTRIM',
  'TRIM', 'REPLACE', 'REPLICATE', 'REVERSE', 'STUFF', 'SPACE', 'STR', 'FORMAT', 'STRING_AGG', 'DB_NAME', 'SCHEMA_NAME',
  'OBJECT_NAME', 'TYPE_NAME', 'COL_NAME',
]);
const INT_FUNCTIONS = new Set(['LEN', 'DATALENGTH', 'COUNT', 'DATEDIFF', 'CHARINDEX', 'PATINDEX', 'ROW_NUMBER', 'RANK', 'DENSE_RANK', 'OBJECT_ID', 'DATEPART', 'YEAR', 'MONTH', 'DAY']);
const FIRST_ARGUMENT_FUNCTIONS = new Set(['ISNULL', 'COALESCE', 'NULLIF', 'MIN', 'MAX', 'ABS', 'ROUND', 'FLOOR', 'CEILING']);
const FIXED_FUNCTIONS: Readonly<Record<string, TsqlType>> = {
  GETDATE: { name: 'datetime', scale: 3 }, GETUTCDATE: { name: 'datetime', scale: 3 }, SYSDATETIME: { name: 'datetime2', scale: 7 },
  SYSUTCDATETIME: { name: 'datetime2', scale: 7 }, SYSDATETIMEOFFSET: { name: 'datetimeoffset', scale: 7 },
  NEWID: { name: 'uniqueidentifier' }, COUNT_BIG: { name: 'bigint' }, XACT_STATE: { name: 'smallint' },
};

export function isStringTsqlType(t: TsqlType | undefined): boolean {
  return t !== undefined && (t.name === 'nvarchar' || t.name === 'varchar' || t.name === 'nchar' || t.name === 'char');
}

/** End (exclusive) of the operand starting at tokens[i], or i when none starts there. */
export function operandEnd(tokens: readonly Token[], i: number): number {
  const t = tokens[i];
  if (t === undefined) return i;
  if (t.kind === 'string' || t.kind === 'number' || t.kind === 'param' || t.kind === 'sysvar') return i + 1;
  if (isPunct(t, '(')) return matchingParen(tokens, i) + 1;
  if (isWord(t, 'CASE')) {
    let depth = 0;
    for (let k = i; k < tokens.length; k++) {
      if (isWord(tokens[k], 'CASE')) depth++;
      else if (isWord(tokens[k], 'END') && --depth === 0) return k + 1;
    }
    return tokens.length;
  }
  if (t.kind !== 'word' && t.kind !== 'ident') return i;
  if (t.kind === 'word' && isPunct(tokens[i + 1], '(') && (!KEYWORDS.has(t.value) || isWord(t, 'LEFT', 'RIGHT'))) return matchingParen(tokens, i + 1) + 1;
  if (t.kind === 'word' && KEYWORDS.has(t.value)) return i;
  let end = i + 1;
  while (isPunct(tokens[end], '.') && (tokens[end + 1]?.kind === 'word' || tokens[end + 1]?.kind === 'ident')) end += 2;
  return end;
}

interface Chain {
  readonly operands: readonly (readonly [number, number])[];
  /** Indexes of the operators between the operands. */
  readonly operators: readonly number[];
  readonly end: number;
}

/** An operand with an optional unary sign: -2.7 is a decimal, not an operator. */
export function signedOperandEnd(tokens: readonly Token[], i: number): number {
  if (isPunct(tokens[i], '-') || isPunct(tokens[i], '+')) {
    const end = operandEnd(tokens, i + 1);
    return end === i + 1 ? i : end;
  }
  return operandEnd(tokens, i);
}

/** `operand (op operand)*` from tokens[i]; undefined when no operand starts there. */
function chainAt(tokens: readonly Token[], i: number): Chain | undefined {
  const first = signedOperandEnd(tokens, i);
  if (first === i) return undefined;
  const operands: [number, number][] = [[i, first]];
  const operators: number[] = [];
  let at = first;
  for (;;) {
    const op = tokens[at];
    if (op === undefined || op.kind !== 'punct' || !ARITHMETIC.includes(op.value)) break;
    const next = signedOperandEnd(tokens, at + 1);
    if (next === at + 1) break;
    operators.push(at);
    operands.push([at + 1, next]);
    at = next;
  }
  return { operands, operators, end: at };
}

function isConcatenation(tokens: readonly Token[], chain: Chain, scope: TypeScope): boolean {
  if (chain.operators.length === 0 || !chain.operators.every((k) => isPunct(tokens[k], '+'))) return false;
  const types = chain.operands.map(([a, b]) => inferType(tokens.slice(a, b), scope));
  return types.some(isStringTsqlType) && types.every((t) => t === undefined || isStringTsqlType(t));
}

const NUMERIC_RANK: readonly string[] = ['bit', 'tinyint', 'smallint', 'int', 'bigint', 'decimal', 'numeric', 'real', 'float'];

/** The T-SQL type of an expression, or undefined when the text does not show it. */
export function inferType(tokens: readonly Token[], scope: TypeScope): TsqlType | undefined {
  const chain = chainAt(tokens, 0);
  if (chain === undefined || chain.end !== tokens.length) return undefined;
  if (chain.operators.length === 0) return operandType(tokens, scope);
  if (isConcatenation(tokens, chain, scope)) {
    const types = chain.operands.map(([a, b]) => inferType(tokens.slice(a, b), scope));
    return { name: types.some((t) => t?.name === 'nvarchar' || t?.name === 'nchar') ? 'nvarchar' : 'varchar', length: 'max' };
  }
  const types = chain.operands.map(([a, b]) => inferType(tokens.slice(a, b), scope));
  if (types.some((t) => t === undefined || !NUMERIC_RANK.includes(t.name))) return undefined;
  return types.reduce((a, b) => (NUMERIC_RANK.indexOf((b as TsqlType).name) > NUMERIC_RANK.indexOf((a as TsqlType).name) ? b : a));
}

function operandType(tokens: readonly Token[], scope: TypeScope): TsqlType | undefined {
  if (isPunct(tokens[0], '-') || isPunct(tokens[0], '+')) return operandType(tokens.slice(1), scope);
  const t = tokens[0] as Token;
  if (t.kind === 'string') return { name: t.national === true ? 'nvarchar' : 'varchar', length: Math.max(1, t.value.length) };
  if (t.kind === 'number') {
    if (/[eE]/.test(t.value)) return { name: 'float' };
    if (t.value.includes('.')) {
      const [whole = '', frac = ''] = t.value.split('.');
      return { name: 'decimal', precision: Math.max(1, whole.length + frac.length), scale: frac.length };
    }
    return { name: Number(t.value) > 2_147_483_647 ? 'bigint' : 'int' };
  }
  if (t.kind === 'param') return scope.params.get(t.value.toLowerCase());
  if (isPunct(t, '(')) return inferType(tokens.slice(1, -1), scope);
  if (t.kind === 'word' && isPunct(tokens[1], '(')) return functionType(t.value, tokens.slice(2, -1), scope);
  if (t.kind === 'word' || t.kind === 'ident') {
    const last = tokens[tokens.length - 1] as Token;
    const name = last.kind === 'word' ? last.text : last.value;
    for (const def of scope.tables) {
      const col = findColumn(def, name);
      if (col !== undefined) return col.type;
    }
  }
  return undefined;
}

function functionType(name: string, inner: readonly Token[], scope: TypeScope): TsqlType | undefined {
  if (name === 'CAST' || name === 'TRY_CAST') {
    const as = inner.findLastIndex((t) => isWord(t, 'AS'));
    const head = inner[as + 1];
    if (as < 0 || head === undefined || !isTypeWord(head.value)) return undefined;
    try {
      return parseType(inner, as + 1).type;
    } catch {
      return undefined;
    }
  }
  if (STRING_FUNCTIONS.has(name)) return { name: name === 'CHAR' ? 'varchar' : 'nvarchar', length: name === 'CHAR' ? 1 : 'max' };
  if (INT_FUNCTIONS.has(name)) return { name: 'int' };
  const fixed = FIXED_FUNCTIONS[name];
  if (fixed !== undefined) return fixed;
  const args = splitTopLevel(inner);
  if (FIRST_ARGUMENT_FUNCTIONS.has(name) && args[0] !== undefined) return inferType(args[0], scope);
  if (name === 'DATEADD' && args[2] !== undefined) {
    const d = inferType(args[2], scope);
    return d === undefined || isStringTsqlType(d) ? { name: 'datetime', scale: 3 } : d;
  }
  return undefined;
}

/** Indexes of the `+` tokens that are string concatenation, at every nesting level of `tokens`. */
export function concatenationOperators(tokens: readonly Token[], scope: TypeScope): ReadonlySet<number> {
  const found = new Set<number>();
  const walk = (from: number, to: number): void => {
    for (let i = from; i < to;) {
      const chain = chainAt(tokens, i);
      if (chain === undefined || chain.end > to) {
        if (isPunct(tokens[i], '(')) {
          const close = matchingParen(tokens, i);
          walk(i + 1, close);
          i = close + 1;
        } else i++;
        continue;
      }
      if (isConcatenation(tokens, chain, scope)) {
        for (const k of chain.operators) found.add(k);
      }
      for (const [a, b] of chain.operands) {
        const open = tokens.slice(a, b).findIndex((t) => isPunct(t, '('));
        if (open >= 0 && !isWord(tokens[a], 'CASE')) walk(a + open + 1, b - 1);
        else if (isWord(tokens[a], 'CASE')) walk(a + 1, b - 1);
      }
      i = chain.end;
    }
  };
  walk(0, tokens.length);
  return found;
}
