// A small RFC 4180 reader for tests: LF rows, `"` quotes doubled inside, and NULL (an empty unquoted field) told
// apart from '' (a quoted empty field), as synapse-sim's README "Empty strings and NULL" reads them.
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

export type CsvRow = readonly (string | null)[];

export function parseCsv(text: string): CsvRow[] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let at = 0;
  while (at < text.length) {
    let value: string | null;
    if (text[at] === '"') {
      let out = '';
      at += 1;
      for (;;) {
        const quote = text.indexOf('"', at);
        if (quote < 0) throw new Error('unclosed quote');
        out += text.slice(at, quote);
        if (text[quote + 1] === '"') { out += '"'; at = quote + 2; continue; }
        at = quote + 1;
        break;
      }
      value = out;
    } else {
      let end = at;
      while (end < text.length && text[end] !== ',' && text[end] !== '\n') end += 1;
      if (text.slice(at, end).includes('"')) throw new Error('quote inside an unquoted field');
      value = end === at ? null : text.slice(at, end);
      at = end;
    }
    row.push(value);
    if (text[at] === ',') { at += 1; continue; }
    if (text[at] === '\n') { rows.push(row); row = []; at += 1; continue; }
    if (at >= text.length) { rows.push(row); break; }
    throw new Error(`unexpected ${JSON.stringify(text[at])} at ${at}`);
  }
  if (text !== '' && !text.endsWith('\n')) throw new Error('the last row has no LF');
  return rows;
}

export async function readGzipCsv(path: string): Promise<CsvRow[]> {
  return parseCsv(gunzipSync(await readFile(path)).toString('utf8'));
}
