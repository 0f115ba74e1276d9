// The bare floor's per-line work (issue 10 (a)): JSON.parse, flatten objects to columns and arrays to child rows,
// CSV text, gzip at level 6. No validation, no types, no exact numbers: what no loader can go below.
import { gzipSync } from 'node:zlib';

const quote = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

function flatten(value: object, fields: string[], children: unknown[][], prefix: string): void {
  for (const [name, inner] of Object.entries(value) as [string, unknown][]) {
    if (Array.isArray(inner)) children.push(inner);
    else if (inner !== null && typeof inner === 'object') flatten(inner, fields, children, `${prefix}${name}__`);
    else fields.push(quote(inner));
  }
}

/** Encodes RECORD lines into gzip CSV buffers (one for the root table, one for all child rows); returns their bytes. */
export function encodeLines(lines: readonly string[]): number {
  let root = '';
  let child = '';
  for (const line of lines) {
    const message = JSON.parse(line) as { type: string; record: Record<string, unknown> };
    if (message.type !== 'RECORD') continue;
    const fields: string[] = [];
    const children: unknown[][] = [];
    flatten(message.record, fields, children, '');
    root += `${fields.join(',')}\n`;
    const key = quote(message.record['id']);
    for (const items of children) {
      items.forEach((item, index) => {
        const itemFields: string[] = [];
        if (item !== null && typeof item === 'object') flatten(item, itemFields, [], '');
        else itemFields.push(quote(item));
        child += `${key},${index},${itemFields.join(',')}\n`;
      });
    }
  }
  return gzipSync(root, { level: 6 }).length + gzipSync(child, { level: 6 }).length;
}
