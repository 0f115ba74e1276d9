// Singer messages as a tap sends them, for the end-to-end tests that drive the real CLI (cli-run.ts), and
// the checks every such test makes on a finished run.
import type { Test } from 'tap';
import type { Harness } from '../load/harness.js';
import type { TargetRun } from './cli-run.js';

type Properties = Readonly<Record<string, object>>;

export const schemaMessage = (stream: string, properties: Properties, keys: readonly string[] = ['id']): object =>
  ({ type: 'SCHEMA', stream, schema: { type: 'object', properties }, key_properties: keys });

export const recordMessage = (stream: string, record: object): object => ({ type: 'RECORD', stream, record });

export const stateMessage = (value: object): object => ({ type: 'STATE', value });

/** Singer lines as text, for messages that carry numbers JSON.stringify cannot write (exact decimals, bigints). */
export const singerText = (lines: readonly (object | string)[]): string =>
  lines.map((line) => `${typeof line === 'string' ? line : JSON.stringify(line)}\n`).join('');

/** The run ended normally; a failure shows the end of stderr, where the target says why. */
export function assertSucceeded(t: Test, run: TargetRun): void {
  t.equal(run.code, 0, 'the run exits 0', { stderr: run.stderr.slice(-3000) });
}

/** Rows of `[tap].[table]`, every listed column, ordered by `orderBy`. */
export function tableRows(h: Harness, table: string, columns: readonly string[], orderBy: readonly string[], schema = 'tap'): Promise<readonly Readonly<Record<string, unknown>>[]> {
  const list = columns.map((c) => `[${c}]`).join(', ');
  return h.query(`SELECT ${list} FROM [${schema}].[${table}] ORDER BY ${orderBy.map((c) => `[${c}]`).join(', ')}`);
}
