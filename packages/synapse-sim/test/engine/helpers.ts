// Test helpers: an engine with one or more sessions, and shorthands to run batches and RPC calls.
import type { SqlEngine, SqlParameter, SqlSession, StatementOutcome, TsqlType, SqlValue } from '../../src/contract.js';
import { createDuckdbEngine, type DuckdbEngineOptions } from '../../src/engine/index.js';

export interface Harness {
  readonly engine: SqlEngine;
  readonly session: SqlSession;
  open(): Promise<SqlSession>;
  close(): Promise<void>;
}

export async function harness(options: DuckdbEngineOptions = {}): Promise<Harness> {
  const engine = await createDuckdbEngine(options);
  const open = (): Promise<SqlSession> => engine.openSession({ database: 'dw', user: 'sa' });
  const session = await open();
  return { engine, session, open, close: () => engine.close() };
}

export function batch(session: SqlSession, text: string): Promise<readonly StatementOutcome[]> {
  return session.run({ kind: 'batch', text }, new AbortController().signal);
}

export function param(name: string, type: TsqlType, value: SqlValue): SqlParameter {
  return { name, type, value, output: false };
}

export function rpc(session: SqlSession, text: string, parameters: readonly SqlParameter[]): Promise<readonly StatementOutcome[]> {
  return session.run({ kind: 'rpc', text, parameters }, new AbortController().signal);
}

/** The last outcome, which is the error when a batch failed. */
export function last(outcomes: readonly StatementOutcome[]): StatementOutcome | undefined {
  return outcomes[outcomes.length - 1];
}

export function errorNumber(outcomes: readonly StatementOutcome[]): number | undefined {
  const o = last(outcomes);
  return o?.kind === 'error' ? o.error.number : undefined;
}

export function errorMessage(outcomes: readonly StatementOutcome[]): string | undefined {
  const o = last(outcomes);
  return o?.kind === 'error' ? o.error.message : undefined;
}

/** Rows of the last rows outcome as objects keyed by column name. */
export function rowsOf(outcomes: readonly StatementOutcome[]): readonly Record<string, SqlValue>[] {
  const r = [...outcomes].reverse().find((o) => o.kind === 'rows');
  if (r === undefined || r.kind !== 'rows') {
    const err = outcomes.find((o) => o.kind === 'error');
    throw new Error(`no rows outcome${err?.kind === 'error' ? `: ${err.error.number} ${err.error.message}` : ''}`);
  }
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, k) => [c.name, row[k] ?? null])));
}

export function assertNoErrors(outcomes: readonly StatementOutcome[]): readonly StatementOutcome[] {
  const err = outcomes.find((o) => o.kind === 'error');
  if (err?.kind === 'error') throw new Error(`unexpected error ${err.error.number}: ${err.error.message}`);
  return outcomes;
}
