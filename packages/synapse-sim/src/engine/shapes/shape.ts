// A statement shape: a matcher over the statement's significant tokens and a pure rewrite to a Plan.
import type { Token } from '../lexer.js';
import type { TranslateContext } from '../context.js';
import type { Plan } from '../plan.js';

export interface StatementInput {
  /** The statement text as written. */
  readonly text: string;
  /** Significant tokens (no whitespace or comments). */
  readonly sig: readonly Token[];
  /** Ended with ';'. */
  readonly terminated: boolean;
}

export interface Shape {
  readonly name: string;
  readonly matches: (sig: readonly Token[]) => boolean;
  readonly translate: (input: StatementInput, ctx: TranslateContext) => Plan;
}

/** Whether the statement starts with these words in order. */
export function startsWith(sig: readonly Token[], ...words: readonly string[]): boolean {
  return words.every((w, i) => sig[i]?.kind === 'word' && sig[i]?.value === w);
}
