// The tokens the COPY INTO parser reads, from the one T-SQL lexer (src/engine/lexer.ts), so COPY and the engine
// agree on quoting and on nested comments: comments and whitespace dropped, each token with its offset. Pure.
import { parseErrorAt } from '../errors.js';
import { LexError, tokenize as tokenizeTsql, type Token as TsqlToken } from '../engine/lexer.js';

export type TokenKind = 'word' | 'quotedIdent' | 'string' | 'number' | 'punct' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** For strings and quoted identifiers: the unescaped value; otherwise the text. */
  readonly value: string;
  /** Offset of the token in the statement text. */
  readonly start: number;
  readonly end: number;
}

const KINDS: Readonly<Record<Exclude<TsqlToken['kind'], 'ws' | 'comment'>, TokenKind>> = {
  word: 'word', param: 'word', sysvar: 'word', ident: 'quotedIdent', string: 'string', number: 'number', punct: 'punct',
};

export function tokenize(text: string): readonly Token[] {
  let tsql: readonly TsqlToken[];
  try {
    tsql = tokenizeTsql(text);
  } catch (e) {
    if (e instanceof LexError && e.offset !== undefined) throw parseErrorAt(text, e.offset);
    throw e;
  }
  const tokens: Token[] = [];
  let start = 0;
  for (const t of tsql) {
    const end = start + t.text.length;
    if (t.kind !== 'ws' && t.kind !== 'comment') {
      const previous = tokens[tokens.length - 1];
      // A sign written against its number is part of the value (MAXERRORS = -1, DEFAULT -5).
      if (t.kind === 'number' && previous?.kind === 'punct' && (previous.value === '-' || previous.value === '+') && previous.end === start) {
        tokens[tokens.length - 1] = { kind: 'number', value: text.slice(previous.start, end), start: previous.start, end };
      } else {
        const value = t.kind === 'string' || t.kind === 'ident' ? t.value : t.text;
        tokens.push({ kind: KINDS[t.kind], value, start, end });
      }
    }
    start = end;
  }
  tokens.push({ kind: 'end', value: '', start: text.length, end: text.length });
  return tokens;
}

/** A 103010 parse error pointing at an offset of the statement. */
export function errorAt(text: string, offset: number): Error {
  return parseErrorAt(text, offset);
}
