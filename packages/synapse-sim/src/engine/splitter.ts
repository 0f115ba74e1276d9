// Splits a T-SQL batch into statements. T-SQL separates statements with ';' or just whitespace; the target
// writes one statement per line or ';'-separated, so a statement keyword at the start of a line (outside
// parentheses) starts a new statement unless it continues the current one (INSERT ... SELECT, CTAS AS SELECT,
// IF <cond> DROP, the clauses of a MERGE, which must end with ';').
import { isPunct, isTrivia, isWord, tokenize, type Token } from './lexer.js';

export interface SplitStatement {
  readonly text: string;
  readonly tokens: readonly Token[];
  /** Ended with ';' (MERGE requires it). */
  readonly terminated: boolean;
}

const STATEMENT_KEYWORDS: readonly string[] = [
  'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'CREATE', 'ALTER', 'DROP', 'IF', 'BEGIN', 'COMMIT',
  'ROLLBACK', 'SET', 'RENAME', 'COPY', 'TRUNCATE', 'DECLARE', 'EXEC', 'EXECUTE', 'WITH', 'SAVE', 'PRINT',
];

function continues(current: readonly Token[], keyword: Token, next: Token | undefined): boolean {
  const sig = current.filter((t) => !isTrivia(t));
  const first = sig[0];
  const last = sig[sig.length - 1];
  if (first === undefined) return true;
  if (isWord(first, 'MERGE')) return true;
  // WITH ( ... ) is a table or COPY option list (a CTE's WITH is followed by its name); SET follows UPDATE t.
  if (isWord(keyword, 'WITH') && isPunct(next, '(')) return true;
  if (isWord(keyword, 'SET') && isWord(first, 'UPDATE') && !sig.some((t) => isWord(t, 'SET'))) return true;
  if (isWord(last, 'AS', 'THEN', 'UNION', 'ALL', 'EXCEPT', 'INTERSECT', 'ELSE') || isPunct(last, '(') || isPunct(last, ',')) return true;
  if (isWord(keyword, 'SELECT') && isWord(first, 'INSERT', 'WITH') && !sig.some((t) => isWord(t, 'SELECT', 'VALUES'))) return true;
  if (isWord(first, 'IF') && sig.length > 1 && !sig.slice(1).some((t) => isWord(t, ...STATEMENT_KEYWORDS.filter((k) => k !== 'SELECT')))) {
    // IF <condition> <statement>: the statement belongs to the IF (a SELECT inside EXISTS(...) is in parentheses).
    return true;
  }
  if (isWord(first, 'BEGIN') && sig.length === 1) return false;
  return false;
}

export function splitBatch(text: string): readonly SplitStatement[] {
  const tokens = tokenize(text);
  const out: SplitStatement[] = [];
  let current: Token[] = [];
  let depth = 0;
  let sawNewline = true;
  const flush = (terminated: boolean): void => {
    if (current.some((t) => !isTrivia(t))) {
      const body = current.map((t) => t.text).join('').trim();
      out.push({ text: body, tokens: current.filter((t, i, all) => !(isTrivia(t) && (i === 0 || i === all.length - 1))), terminated });
    }
    current = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (isPunct(t, '(')) depth++;
    if (isPunct(t, ')')) depth--;
    if (depth === 0 && isPunct(t, ';')) {
      flush(true);
      sawNewline = true;
      continue;
    }
    if (depth === 0 && sawNewline && t.kind === 'word' && STATEMENT_KEYWORDS.includes(t.value) && !continues(current, t, tokens.slice(i + 1).find((n) => !isTrivia(n)))) {
      flush(false);
    }
    if (t.kind === 'ws') {
      if (t.text.includes('\n')) sawNewline = true;
    } else if (t.kind !== 'comment') {
      sawNewline = false;
    }
    current.push(t);
  }
  flush(false);
  return out;
}
