// Singer messages as a tap sends them, for the end-to-end tests that drive the real CLI (cli-run.ts), and
// the checks every such test makes on a finished run.
import type { Test } from 'tap';
import { ExactNumber, stringifyJson } from '@kustomer-synapse/singer';
import type { Harness } from '../load/harness.js';
import type { TargetRun } from './cli-run.js';

type Properties = Readonly<Record<string, object>>;

export const schemaMessage = (stream: string, properties: Properties, keys: readonly string[] = ['id']): object =>
  ({ type: 'SCHEMA', stream, schema: { type: 'object', properties }, key_properties: keys });

export const recordMessage = (stream: string, record: object): object => ({ type: 'RECORD', stream, record });

export const stateMessage = (value: object): object => ({ type: 'STATE', value });

/** A JSON number written exactly as `text` (beyond a double: 17 digits, -2^63, 1.0000000000000000001). */
export const exact = (text: string): ExactNumber => new ExactNumber(text);

/** Singer lines as text, with `exact` numbers written digit for digit. */
export const singerText = (lines: readonly object[]): string => lines.map((line) => `${stringifyJson(line)}\n`).join('');

/** Resolves once `check` does, polling; fails naming `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every column of a table, each value as the database's own text (CAST to NVARCHAR(MAX)), by ordinal position. */
export async function tableText(h: Harness, schema: string, table: string, orderBy: readonly string[]): Promise<readonly Readonly<Record<string, unknown>>[]> {
  const columns = await h.query(`SELECT COLUMN_NAME AS name FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = '${schema}' AND TABLE_NAME = '${table}' ORDER BY ORDINAL_POSITION`);
  const list = columns.map(({ name }) => `CAST([${String(name)}] AS NVARCHAR(MAX)) AS [${String(name)}]`).join(', ');
  return h.query(`SELECT ${list} FROM [${schema}].[${table}] ORDER BY ${orderBy.map((c) => `[${c}]`).join(', ')}`);
}

/** The run ended normally; a failure shows the end of stderr, where the target says why. */
export function assertSucceeded(t: Test, run: TargetRun): void {
  t.equal(run.code, 0, 'the run exits 0', { stderr: run.stderr.slice(-3000) });
}

/** Rows of `[tap].[table]`, every listed column, ordered by `orderBy`. */
export function tableRows(h: Harness, table: string, columns: readonly string[], orderBy: readonly string[], schema = 'tap'): Promise<readonly Readonly<Record<string, unknown>>[]> {
  const list = columns.map((c) => `[${c}]`).join(', ');
  return h.query(`SELECT ${list} FROM [${schema}].[${table}] ORDER BY ${orderBy.map((c) => `[${c}]`).join(', ')}`);
}
