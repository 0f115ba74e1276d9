// Pure translation helpers: translate one statement against catalogs built by translating DDL.
import { emptyCatalog } from '../../src/engine/catalog.js';
import { emptyContext } from '../../src/engine/context.js';
import { significant } from '../../src/engine/lexer.js';
import type { Catalogs, Plan } from '../../src/engine/plan.js';
import { translateStatement } from '../../src/engine/shapes/index.js';
import { splitBatch } from '../../src/engine/splitter.js';
import type { TsqlType } from '../../src/contract.js';

export const empty = (): Catalogs => ({ shared: emptyCatalog(), temps: emptyCatalog() });

export function translate(text: string, catalogs: Catalogs = empty(), params: ReadonlyMap<string, TsqlType> = new Map()): Plan {
  const [s] = splitBatch(text);
  if (s === undefined) throw new Error('no statement');
  return translateStatement({ text: s.text, sig: significant(s.tokens), terminated: s.terminated }, emptyContext(catalogs, params));
}

/** The DuckDB SQL of a duckdb plan. */
export function sqlOf(plan: Plan): string {
  if (plan.kind !== 'duckdb') throw new Error(`not a duckdb plan: ${plan.kind}`);
  return plan.sql;
}

/** Applies DDL statements' catalog effects, as the session does after DuckDB runs them. */
export function withDdl(...statements: readonly string[]): Catalogs {
  let c = empty();
  for (const text of statements) {
    const plan = translate(text, c);
    if (plan.kind === 'duckdb' && plan.effect !== undefined) c = plan.effect(c);
  }
  return c;
}
