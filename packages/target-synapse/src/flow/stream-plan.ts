// What a SCHEMA message becomes before its sink takes records: the table plan, made from the schema and the
// tables that exist (Loader.describe), with the changes it needs applied; and, with validate_records, the
// compiled record validator. Failures are InputErrors naming the stream and the SCHEMA's input line.
import { InputError, UserError, type SchemaMessage } from '@kustomer-synapse/singer';
import type { Loader } from '../load/loader.js';
import type { StreamPlan } from '../plan/types.js';
import type { PlanOptions, TargetDependencies } from './dependencies.js';
import { compileValidator, type RecordValidator } from './record-checks.js';

export async function planTables(
  deps: Pick<TargetDependencies, 'planStream' | 'tableNamesFor'>,
  loader: Loader,
  options: PlanOptions,
  message: SchemaMessage,
  lineNumber: number,
): Promise<StreamPlan> {
  let planned;
  try {
    const tables = deps.tableNamesFor(message, options);
    const live = await loader.describe(options.schema, tables);
    planned = deps.planStream(message, options, live);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`cannot plan tables for the SCHEMA of stream "${message.stream}": ${reason}`, lineNumber, { cause: error });
  }
  if (planned.changes.length > 0) await loader.apply(planned.changes);
  return planned.plan;
}

export function validatorFor(message: SchemaMessage, lineNumber: number): RecordValidator {
  try {
    return compileValidator(message.schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`the SCHEMA of stream "${message.stream}" is not a JSON Schema that validate_records can use: ${reason}`, lineNumber);
  }
}
