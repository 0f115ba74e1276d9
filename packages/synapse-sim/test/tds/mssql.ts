// mssql is CommonJS whose named exports Node's ESM loader cannot see; load it through require, typed.
import { createRequire } from 'node:module';
import type * as Mssql from 'mssql';

export const sql: typeof Mssql = createRequire(import.meta.url)('mssql') as typeof Mssql;
export type { Mssql };
