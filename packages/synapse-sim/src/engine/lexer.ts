// The one T-SQL tokenizer, for the engine and COPY INTO (src/copy/lexer.ts adapts its tokens): enough to split
// batches and rewrite the closed set of statement shapes the target emits.
// Quoting rules: [ident] doubles ']' ([a]]b] is a]b); "ident" doubles '"'; 'str' and N'str' double '''.
// Source: https://learn.microsoft.com/sql/relational-databases/databases/database-identifiers
// Block comments nest ("Nested comments are supported", https://learn.microsoft.com/sql/t-sql/language-elements/slash-star-comment-transact-sql).
// No error here quotes a string literal's text: it may be a secret (a COPY INTO CREDENTIAL).

export type TokenKind =
  | 'ws' | 'comment' | 'word' | 'ident' | 'string' | 'number' | 'param' | 'sysvar' | 'punct';

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token. */
  readonly text: string;
  /** word: the word; ident: the unquoted identifier; string: the unquoted value; param: name with '@'. */
  readonly value: string;
  /** For strings: written N'...'. */
  readonly national?: boolean;
}

const WORD_START = /[A-Za-z_#\u0080-\uFFFF]/;
const WORD_PART = /[A-Za-z0-9_#$@\u0080-\uFFFF]/;

export class LexError extends Error {
  /** offset: where in the text the unreadable token starts, when the lexer knows. */
  constructor(message: string, readonly offset?: number) {
    super(message);
    this.name = 'LexError';
  }
}

/** start: the first character after the opening quote, which is at `open`. */
function readQuoted(text: string, open: number, start: number, close: string): { readonly value: string; readonly end: number } {
  let value = '';
  let i = start;
  for (;;) {
    const at = text.indexOf(close, i);
    if (at < 0) throw new LexError('Unclosed quotation mark.', open);
    value += text.slice(i, at);
    if (text[at + 1] === close) {
      value += close;
      i = at + 2;
    } else {
      return { value, end: at + 1 };
    }
  }
}

export function tokenize(text: string): readonly Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    const next = text[i + 1] ?? '';
    const start = i;
    if (/\s/.test(c)) {
      while (i < text.length && /\s/.test(text[i] ?? '')) i++;
      tokens.push({ kind: 'ws', text: text.slice(start, i), value: ' ' });
    } else if (c === '-' && next === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      tokens.push({ kind: 'comment', text: text.slice(start, i), value: '' });
    } else if (c === '/' && next === '*') {
      let depth = 0;
      const open = i;
      while (i < text.length) {
        if (text.startsWith('/*', i)) { depth++; i += 2; }
        else if (text.startsWith('*/', i)) { depth--; i += 2; if (depth === 0) break; }
        else i++;
      }
      if (depth !== 0) throw new LexError("Missing end comment mark '*/'.", open);
      tokens.push({ kind: 'comment', text: text.slice(start, i), value: '' });
    } else if ((c === 'N' || c === 'n') && next === "'") {
      const q = readQuoted(text, i, i + 2, "'");
      i = q.end;
      tokens.push({ kind: 'string', text: text.slice(start, i), value: q.value, national: true });
    } else if (c === "'") {
      const q = readQuoted(text, i, i + 1, "'");
      i = q.end;
      tokens.push({ kind: 'string', text: text.slice(start, i), value: q.value });
    } else if (c === '[') {
      const q = readQuoted(text, i, i + 1, ']');
      i = q.end;
      tokens.push({ kind: 'ident', text: text.slice(start, i), value: q.value });
    } else if (c === '"') {
      const q = readQuoted(text, i, i + 1, '"');
      i = q.end;
      tokens.push({ kind: 'ident', text: text.slice(start, i), value: q.value });
    } else if (c === '@') {
      const sys = next === '@';
      i += sys ? 2 : 1;
      while (i < text.length && WORD_PART.test(text[i] ?? '')) i++;
      const word = text.slice(start, i);
      tokens.push({ kind: sys ? 'sysvar' : 'param', text: word, value: sys ? word.toUpperCase() : word });
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next))) {
      while (i < text.length && /[0-9.]/.test(text[i] ?? '')) i++;
      if (/[eE]/.test(text[i] ?? '') && /[-+0-9]/.test(text[i + 1] ?? '')) {
        i += 2;
        while (i < text.length && /[0-9]/.test(text[i] ?? '')) i++;
      }
      tokens.push({ kind: 'number', text: text.slice(start, i), value: text.slice(start, i) });
    } else if (WORD_START.test(c)) {
      while (i < text.length && WORD_PART.test(text[i] ?? '')) i++;
      const word = text.slice(start, i);
      tokens.push({ kind: 'word', text: word, value: word.toUpperCase() });
    } else {
      const two = text.slice(i, i + 2);
      const op = ['<>', '<=', '>=', '!=', '::'].includes(two) ? two : c;
      i += op.length;
      tokens.push({ kind: 'punct', text: op, value: op });
    }
  }
  return tokens;
}

export function isTrivia(t: Token): boolean {
  return t.kind === 'ws' || t.kind === 'comment';
}

/** The tokens without whitespace and comments. */
export function significant(tokens: readonly Token[]): readonly Token[] {
  return tokens.filter((t) => !isTrivia(t));
}

export function isWord(t: Token | undefined, ...words: readonly string[]): boolean {
  return t !== undefined && t.kind === 'word' && words.includes(t.value);
}

export function isPunct(t: Token | undefined, p: string): boolean {
  return t !== undefined && t.kind === 'punct' && t.value === p;
}

/** Index of the ')' matching the '(' at `open`, in a significant-token list. */
export function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i];
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new LexError("Incorrect syntax: missing ')'.");
}

/** Quotes a DuckDB identifier, doubling '"'. */
export function duckIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A DuckDB string literal, doubling '''. */
export function duckString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The statement's first ~100 characters, for error messages, with every string literal shown as '...'. */
export function statementHead(text: string): string {
  let masked: string;
  try {
    masked = tokenize(text).map((t) => (t.kind === 'string' ? `${t.national === true ? 'N' : ''}'...'` : t.text)).join('');
  } catch {
    masked = text.replace(/N?'[\s\S]*/i, "'...");
  }
  const flat = masked.trim().replace(/\s+/g, ' ');
  return flat.length > 100 ? `${flat.slice(0, 100)}...` : flat;
}

/** Splits tokens on top-level commas. */
export function splitTopLevel(tokens: readonly Token[]): readonly (readonly Token[])[] {
  const out: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (isPunct(t, '(')) depth++;
    if (isPunct(t, ')')) depth--;
    if (depth === 0 && isPunct(t, ',')) out.push([]);
    else out[out.length - 1]?.push(t);
  }
  return out.filter((p) => p.length > 0);
}
