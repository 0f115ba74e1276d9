// What the translator may know about the session: catalogs, declared parameters, transaction depth.
import type { TsqlType } from '../contract.js';
import { findTable, type TableDef } from './catalog.js';
import type { ObjectName } from './names.js';
import type { Catalogs } from './plan.js';

export interface TranslateContext {
  readonly catalogs: Catalogs;
  /** Declared parameters by lower-case name with '@'. */
  readonly params: ReadonlyMap<string, TsqlType>;
  readonly trancount: number;
  readonly database: string;
  readonly sessionId: number;
  /** XACT_STATE(): 1 open, 0 none, -2 failed (Synapse develop-transactions doc). */
  readonly xactState: number;
  /** The user tables the statement names (set per statement by translateStatement), for operand types. */
  readonly tables?: readonly TableDef[];
}

export function lookupTable(ctx: TranslateContext, o: ObjectName): TableDef | undefined {
  return findTable(o.temp ? ctx.catalogs.temps : ctx.catalogs.shared, o);
}

export function emptyContext(catalogs: Catalogs, params: ReadonlyMap<string, TsqlType> = new Map()): TranslateContext {
  return { catalogs, params, trancount: 0, database: 'dw', sessionId: 51, xactState: 0 };
}
