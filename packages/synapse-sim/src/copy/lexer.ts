// Tokens of the T-SQL subset COPY INTO uses: identifiers, bracket/quoted identifiers, string literals, numbers,
// punctuation. Comments and whitespace are skipped. Pure.
import { parseError } from './errors.js';

export type TokenKind = 'word' | 'quotedIdent' | 'string' | 'number' | 'punct' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** For strings and quoted identifiers: the unescaped value; otherwise the text. */
  readonly value: string;
  /** Offset of the token in the statement text. */
  readonly start: number;
  readonly end: number;
}

const PUNCTUATION = new Set(['(', ')', ',', '=', '.', ';']);

export function tokenize(text: string): readonly Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) { i += 1; continue; }
    if (text.startsWith('--', i)) { const nl = text.indexOf('\n', i); i = nl < 0 ? text.length : nl + 1; continue; }
    if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) throw errorAt(text, i);
      i = close + 2;
      continue;
    }
    const start = i;
    if (ch === "'" || ((ch === 'N' || ch === 'n') && text[i + 1] === "'")) {
      i += ch === "'" ? 1 : 2;
      const [value, next] = readDelimited(text, i, "'", "'", start);
      tokens.push({ kind: 'string', value, start, end: next });
      i = next;
    } else if (ch === '[') {
      const [value, next] = readDelimited(text, i + 1, ']', ']', start);
      tokens.push({ kind: 'quotedIdent', value, start, end: next });
      i = next;
    } else if (ch === '"') {
      const [value, next] = readDelimited(text, i + 1, '"', '"', start);
      tokens.push({ kind: 'quotedIdent', value, start, end: next });
      i = next;
    } else if (/[0-9]/.test(ch) || ((ch === '-' || ch === '+') && /[0-9]/.test(text[i + 1] ?? ''))) {
      i += 1;
      while (i < text.length && /[0-9.]/.test(text[i] ?? '')) i += 1;
      tokens.push({ kind: 'number', value: text.slice(start, i), start, end: i });
    } else if (/[A-Za-z_#@]/.test(ch)) {
      while (i < text.length && /[A-Za-z0-9_#@$]/.test(text[i] ?? '')) i += 1;
      tokens.push({ kind: 'word', value: text.slice(start, i), start, end: i });
    } else if (PUNCTUATION.has(ch)) {
      i += 1;
      tokens.push({ kind: 'punct', value: ch, start, end: i });
    } else {
      throw errorAt(text, i);
    }
  }
  tokens.push({ kind: 'end', value: '', start: text.length, end: text.length });
  return tokens;
}

/** Reads up to the closing delimiter; a doubled closing delimiter is a literal one (T-SQL '' and ]]). */
function readDelimited(text: string, from: number, close: string, escape: string, start: number): [string, number] {
  let value = '';
  let i = from;
  for (;;) {
    const at = text.indexOf(close, i);
    if (at < 0) throw errorAt(text, start);
    value += text.slice(i, at);
    if (text.startsWith(escape + close, at) && escape === close) {
      value += close;
      i = at + 2;
      continue;
    }
    return [value, at + 1];
  }
}

/** A 103010 parse error pointing at an offset, with 1-based line and column as Synapse prints them. */
export function errorAt(text: string, offset: number): Error {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  // A string literal is shown only as its opening quote: it may be a CREDENTIAL secret.
  const near = text.slice(offset).match(/^N?'|^[^\s']{1,30}/)?.[0] ?? '';
  return parseError(line, column, near);
}
