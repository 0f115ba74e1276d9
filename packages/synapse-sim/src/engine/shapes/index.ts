// The closed table of statement shapes. A statement matching no entry is refused, naming the statement.
import { SqlServerError } from '../../contract.js';
import type { TranslateContext } from '../context.js';
import { statementTables } from '../expr-types.js';
import { genericError, unsupportedStatement } from '../../errors.js';
import { LexError, statementHead } from '../lexer.js';
import type { Plan } from '../plan.js';
import { CONTROL_SHAPES } from './control.js';
import { DDL_SHAPES } from './ddl.js';
import { DML_SHAPES } from './dml.js';
import type { Shape, StatementInput } from './shape.js';

export const SHAPES: readonly Shape[] = [...CONTROL_SHAPES, ...DDL_SHAPES, ...DML_SHAPES];

export function findShape(input: StatementInput): Shape | undefined {
  return SHAPES.find((s) => s.matches(input.sig));
}

/** Translates one statement; throws SqlServerError for refusals and unknown shapes. */
export function translateStatement(input: StatementInput, ctx: TranslateContext): Plan {
  const shape = findShape(input);
  if (shape === undefined) throw unsupportedStatement(statementHead(input.text));
  try {
    return shape.translate(input, { ...ctx, tables: statementTables(input.sig, ctx) });
  } catch (e) {
    if (e instanceof SqlServerError) throw e;
    if (e instanceof LexError || e instanceof Error) throw genericError(`${e.message} (in: ${statementHead(input.text)})`);
    throw e;
  }
}
