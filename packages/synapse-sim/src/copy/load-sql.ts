// DuckDB SQL for staging, checking and inserting COPY INTO rows. Pure builders; snapshot-tested.
// One pass converts: the stage holds each row's typed values and, for a rejected row, its error ("<number>|<text>",
// errors.ts formatRowError); the insert copies the good rows' values as they are.
import type { ColumnPlan } from './column-plan.js';
import { convertColumn, type CheckKind } from './conversions.js';
import { formatRowError, rowErrorMessage, unexpectedNullMessage } from '../errors.js';
import { quoteIdent, quoteString } from './sql-text.js';
import type { DateFormat } from './statement.js';

/** DuckDB's read_csv default max_line_size (duckdb.org/docs/data/csv/overview, "max_line_size"). */
const DUCKDB_DEFAULT_MAX_LINE_SIZE = 2_097_152;

const qualified = (name: string): string => `temp.main.${quoteIdent(name)}`;
const fieldColumn = (field: number): string => `c${field}`;
const rawColumn = (i: number): string => `raw${i}`;
const valueColumn = (i: number): string => `v${i}`;

export interface StageInput {
  readonly csvPath: string;
  readonly fieldCount: number;
  readonly maxRecordBytes: number;
  /** Blob names in file order: a rejected row's message names its file. */
  readonly files: readonly string[];
  readonly dateFormat: DateFormat | undefined;
}

/**
 * Reads the normalized CSV (every field VARCHAR, quoted empty strings kept) and stores per row: file and row number,
 * the typed value of each bound column, and the first failing check's error (NULL for a good row).
 */
export function createStageSql(stage: string, plan: ColumnPlan, input: StageInput): string {
  const csvColumns = [`'f': 'INTEGER'`, `'r': 'BIGINT'`, `'e': 'VARCHAR'`];
  for (let i = 1; i <= input.fieldCount; i += 1) csvColumns.push(`'${fieldColumn(i)}': 'VARCHAR'`);
  const maxLine = Math.max(DUCKDB_DEFAULT_MAX_LINE_SIZE, input.maxRecordBytes + 1);
  const readCsv = `read_csv(${quoteString(input.csvPath)}, header = false, `
    + `delim = ',', quote = '"', escape = '"', new_line = '\\n', allow_quoted_nulls = false, auto_detect = false, `
    + `max_line_size = ${maxLine}, columns = {${csvColumns.join(', ')}})`;
  const fileName = `[${input.files.map(quoteString).join(', ')}][f]`;
  const raws: string[] = [];
  const values: string[] = [];
  const cases: string[] = [];
  plan.bindings.forEach((binding, index) => {
    const i = index + 1;
    const refs = { raw: rawColumn(i), value: valueColumn(i) };
    const conversion = convertColumn(binding.column, fieldColumn(binding.field), binding.defaultValue, input.dateFormat, refs);
    raws.push(`${conversion.raw} AS ${refs.raw}`);
    values.push(`${conversion.value} AS ${refs.value}`);
    for (const check of conversion.checks) {
      const [before, after] = messageTemplate(check.kind, binding.field, binding.column.name);
      const message = `${quoteString(formatRowError(check.number, before))} || r || ${quoteString(after)}${check.kind === 'null' ? '' : ` || ${fileName} || '.'`}`;
      cases.push(`WHEN ${check.failsWhen} THEN ${message}`);
    }
  });
  const valueNames = plan.bindings.map((_, index) => valueColumn(index + 1));
  const msg = cases.length === 0 ? 'e' : `COALESCE(e, CASE ${cases.join(' ')} END)`;
  const rawSelect = `SELECT f, r, e, ${raws.join(', ')} FROM ${readCsv}`;
  const valueSelect = `SELECT *, ${values.join(', ')} FROM (${rawSelect})`;
  return `CREATE TEMP TABLE ${quoteIdent(stage)} AS SELECT f, r, ${valueNames.join(', ')}, ${msg} AS msg FROM (${valueSelect})`;
}

/** Splits a row message around its row number. */
function messageTemplate(kind: CheckKind, field: number, name: string): [string, string] {
  const ROW = 987654321;
  const full = kind === 'null' ? unexpectedNullMessage(ROW, field, name) : rowErrorMessage(kind, ROW, field, name, '\u0000');
  const [before, after = ''] = full.split(String(ROW));
  const tail = kind === 'null' ? after : after.replace('\u0000.', '');
  return [before ?? '', tail];
}

/** One row, one BIGINT: how many rows were rejected. */
export function countRejectsSql(stage: string): string {
  return `SELECT count(*) FROM ${qualified(stage)} WHERE msg IS NOT NULL`;
}

/** One row, one VARCHAR: the (maxErrors + 1)-th rejected row's error, in file and row order. */
export function firstRejectOverLimitSql(stage: string, maxErrors: number): string {
  return `SELECT msg FROM ${qualified(stage)} WHERE msg IS NOT NULL ORDER BY f, r LIMIT 1 OFFSET ${maxErrors}`;
}

export function insertTargetSql(stage: string, targetTable: string, plan: ColumnPlan, anyRejected: boolean): string {
  const columns = plan.bindings.map((b) => quoteIdent(b.column.name)).join(', ');
  const values = plan.bindings.map((_, index) => valueColumn(index + 1)).join(', ');
  return `INSERT INTO ${targetTable} (${columns}) SELECT ${values} FROM ${qualified(stage)}${anyRejected ? ' WHERE msg IS NULL' : ''}`;
}

export function dropSql(name: string): string {
  return `DROP TABLE IF EXISTS ${qualified(name)}`;
}
