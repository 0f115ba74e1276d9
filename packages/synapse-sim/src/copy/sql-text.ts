// The one place COPY INTO quotes DuckDB identifiers and literals (STYLE.md 9). Pure.

/** A DuckDB identifier: double quotes, inner quotes doubled. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A DuckDB string literal: single quotes, inner quotes doubled; DuckDB reads backslashes literally. */
export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
