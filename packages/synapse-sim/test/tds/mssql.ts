// mssql is CommonJS whose named exports Node's ESM loader cannot see; load it through require, typed.
import { createRequire } from 'node:module';
import type * as Mssql from 'mssql';

export const sql: typeof Mssql = createRequire(import.meta.url)('mssql') as typeof Mssql;
export type { Mssql };

/** The SQL Server error number and message mssql reports for a failing call; `number` is undefined when it succeeds. */
export async function failure(p: Promise<unknown>): Promise<{ readonly number: number | undefined; readonly message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { number?: number; message?: string; originalError?: { info?: { number?: number } } };
    return { number: err.number ?? err.originalError?.info?.number, message: err.message ?? '' };
  }
  return { number: undefined, message: 'no error' };
}
