// DuckDB SQL for staging, rejecting and inserting COPY INTO rows. Pure builders; snapshot-tested.
import type { ColumnPlan } from './column-plan.js';
import { convertColumn } from './conversions.js';
import { rowErrorMessage, unexpectedNullMessage } from './errors.js';
import { quoteIdent, quoteString } from './sql-text.js';
import type { DateFormat } from './statement.js';

/** Marks a rejected row's message inside a DuckDB error so the loader can read the number and text back. */
export const REJECT_MARKER = '\u00a7COPYERR\u00a7';
/** DuckDB's read_csv default max_line_size (duckdb.org/docs/data/csv/overview, "max_line_size"). */
const DUCKDB_DEFAULT_MAX_LINE_SIZE = 2_097_152;

export interface StageNames {
  readonly stage: string;
  readonly rejects: string;
}

const qualified = (name: string): string => `temp.main.${quoteIdent(name)}`;
const fieldColumn = (field: number): string => `c${field}`;

export function createStageSql(names: StageNames, csvPath: string, fieldCount: number, maxRecordBytes: number): string {
  const columns = [`'f': 'INTEGER'`, `'r': 'BIGINT'`, `'e': 'VARCHAR'`];
  for (let i = 1; i <= fieldCount; i += 1) columns.push(`'${fieldColumn(i)}': 'VARCHAR'`);
  const maxLine = Math.max(DUCKDB_DEFAULT_MAX_LINE_SIZE, maxRecordBytes + 1);
  return `CREATE TEMP TABLE ${quoteIdent(names.stage)} AS SELECT * FROM read_csv(${quoteString(csvPath)}, header = false, `
    + `delim = ',', quote = '"', escape = '"', new_line = '\\n', allow_quoted_nulls = false, auto_detect = false, `
    + `max_line_size = ${maxLine}, columns = {${columns.join(', ')}})`;
}

export function createRejectsSql(names: StageNames): string {
  return `CREATE TEMP TABLE ${quoteIdent(names.rejects)} (f INTEGER, r BIGINT, msg VARCHAR)`;
}

/** Inserts one row per rejected record: the first failing column names the error ("<number>|<message>"). */
export function insertRejectsSql(names: StageNames, plan: ColumnPlan, files: readonly string[], dateFormat: DateFormat | undefined): string {
  const fileName = `[${files.map(quoteString).join(', ')}][s.f]`;
  const cases: string[] = [];
  for (const binding of plan.bindings) {
    const conversion = convertColumn(binding.column, `s.${fieldColumn(binding.field)}`, binding.defaultValue, dateFormat);
    for (const check of conversion.checks) {
      const [before, after] = messageTemplate(check.kind, binding.field, binding.column.name);
      const message = `${quoteString(`${check.number}|${before}`)} || s.r || ${quoteString(after)}${check.kind === 'null' ? '' : ` || ${fileName} || '.'`}`;
      cases.push(`WHEN ${check.failsWhen} THEN ${message}`);
    }
  }
  const msg = cases.length === 0 ? 's.e' : `COALESCE(s.e, CASE ${cases.join(' ')} END)`;
  return `INSERT INTO ${qualified(names.rejects)} SELECT f, r, msg FROM (SELECT s.f, s.r, ${msg} AS msg FROM ${qualified(names.stage)} s) WHERE msg IS NOT NULL`;
}

/** Splits a row message around its row number. */
function messageTemplate(kind: 'truncation' | 'mismatch' | 'overflow' | 'null', field: number, name: string): [string, string] {
  const ROW = 987654321;
  const full = kind === 'null' ? unexpectedNullMessage(ROW, field, name) : rowErrorMessage(kind, ROW, field, name, '\u0000');
  const [before, after = ''] = full.split(String(ROW));
  const tail = kind === 'null' ? after : after.replace('\u0000.', '');
  return [before ?? '', tail];
}

/** Fails with the (maxErrors + 1)-th rejected row's message, in file and row order. */
export function raiseRejectSql(names: StageNames, maxErrors: number): string {
  return `SELECT error(${quoteString(REJECT_MARKER)} || msg) FROM (SELECT msg FROM ${qualified(names.rejects)} ORDER BY f, r LIMIT 1 OFFSET ${maxErrors})`;
}

export function insertTargetSql(names: StageNames, targetTable: string, plan: ColumnPlan, dateFormat: DateFormat | undefined, anyRejected: boolean): string {
  const columns = plan.bindings.map((b) => quoteIdent(b.column.name)).join(', ');
  const values = plan.bindings
    .map((b) => convertColumn(b.column, `s.${fieldColumn(b.field)}`, b.defaultValue, dateFormat).value)
    .join(', ');
  const filter = anyRejected
    ? ` WHERE NOT EXISTS (SELECT 1 FROM ${qualified(names.rejects)} x WHERE x.f = s.f AND x.r = s.r)`
    : '';
  return `INSERT INTO ${targetTable} (${columns}) SELECT ${values} FROM ${qualified(names.stage)} s${filter}`;
}

export function dropSql(name: string): string {
  return `DROP TABLE IF EXISTS ${qualified(name)}`;
}
