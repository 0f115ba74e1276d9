// STYLE item 4 and 10: every SQL error number is defined in src/errors.ts, once, beside its source; the rest of the
// code raises errors only through its builders.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import * as errors from '../src/errors.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const ERRORS_MODULE = 'errors.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `new SqlServerError(...)`, and any number literal written where an error number goes. */
const RAISING = [
  { what: 'constructs a SqlServerError (use a builder in src/errors.ts)', re: /\bnew\s+SqlServerError\s*\(/g },
  { what: 'passes a literal error number', re: /\bSqlServerError\s*\(\s*\d/g },
  { what: 'sets an error number to a literal', re: /\b(?:number|errorNumber|[A-Z_]*ERROR[A-Z_]*)\s*[:=]\s*\d{3,}\b/g },
] as const;

function findRaisedLiterals(file: string, text: string): string[] {
  const found: string[] = [];
  for (const { what, re } of RAISING) {
    for (const m of text.matchAll(re)) {
      const line = text.slice(0, m.index).split('\n').length;
      found.push(`${file}:${line} ${what}: ${m[0]}`);
    }
  }
  return found;
}

t.test('no source file outside src/errors.ts raises an error by a literal number or its own SqlServerError', async (t) => {
  const files = sourceFiles(SRC).filter((f) => relative(SRC, f) !== ERRORS_MODULE);
  t.ok(files.length > 50, `scans the whole of src/ (${files.length} files)`);
  const found = files.flatMap((f) => findRaisedLiterals(relative(SRC, f), readFileSync(f, 'utf8')));
  t.same(found, [], found.join('\n'));
});

t.test('the scan recognises each way a literal error number is written', async (t) => {
  t.equal(findRaisedLiterals('x.ts', "throw new SqlServerError(207, 'Invalid column name.');").length, 2);
  t.equal(findRaisedLiterals('x.ts', 'const ERROR_NOT_SUPPORTED = 50000;').length, 1);
  t.equal(findRaisedLiterals('x.ts', '{ number: 40501 }').length, 1);
  t.same(findRaisedLiterals('x.ts', 'throw invalidColumnName(name); const MAX_LENGTH = 4000;'), []);
});

t.test('each error number is defined once in src/errors.ts', async (t) => {
  const numbers = Object.entries(errors as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number');
  const byNumber = new Map<number, string[]>();
  for (const [name, n] of numbers) byNumber.set(n, [...(byNumber.get(n) ?? []), name]);
  const duplicates = [...byNumber].filter(([, names]) => names.length > 1);
  t.same(duplicates, [], 'no number has two names');
  t.ok(numbers.some(([, n]) => n === errors.PARSE_ERROR) && numbers.some(([, n]) => n === errors.LOGIN_FAILED), 'engine, COPY and TDS numbers are all here');
});
