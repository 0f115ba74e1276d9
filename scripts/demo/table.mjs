// Plain-text tables for the demo's summaries. Pure.

/** @param {number} n */
export const formatCount = (n) => n.toLocaleString('en-US');

/**
 * A column of numbers only is right-aligned; any other is left-aligned.
 * @param {readonly string[]} headers @param {readonly (readonly (string | number)[])[]} rows
 */
export function formatTable(headers, rows) {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatCount(cell) : cell)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number'));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
