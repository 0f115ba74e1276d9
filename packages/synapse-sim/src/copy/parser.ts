// COPY INTO statement text -> CopyIntoStatement. Syntax and option rules from
// learn.microsoft.com/sql/t-sql/statements/copy-into-transact-sql (Azure Synapse Analytics). Pure.
import { invalidOption, notEmulated } from '../errors.js';
import { errorAt, tokenize, type Token } from './lexer.js';
import type { CopyColumn, CopyCredential, CopyIntoStatement, CopyOptions, DateFormat } from './statement.js';
import {
  decodeFieldQuote, decodeRowTerminator, decodeTerminator,
  DEFAULT_FIELD_QUOTE, DEFAULT_FIELD_TERMINATOR, DEFAULT_ROW_TERMINATOR,
} from './terminators.js';

/** CREDENTIAL IDENTITY constants (copy-into-transact-sql, CREDENTIAL). */
const IDENTITY_SAS = 'shared access signature';
const IDENTITY_KEY = 'storage account key';
const IDENTITY_MSI = 'managed identity';
const DATE_FORMATS: readonly DateFormat[] = ['mdy', 'dmy', 'ymd', 'ydm', 'myd', 'dym'];
const ASCII_MAX = 0x7f;

type OptionName =
  | 'FILE_TYPE' | 'FILE_FORMAT' | 'CREDENTIAL' | 'ERRORFILE' | 'ERRORFILE_CREDENTIAL' | 'MAXERRORS' | 'COMPRESSION'
  | 'FIELDQUOTE' | 'FIELDTERMINATOR' | 'ROWTERMINATOR' | 'FIRSTROW' | 'DATEFORMAT' | 'ENCODING' | 'IDENTITY_INSERT'
  | 'AUTO_CREATE_TABLE';
const OPTION_NAMES: ReadonlySet<string> = new Set<OptionName>([
  'FILE_TYPE', 'FILE_FORMAT', 'CREDENTIAL', 'ERRORFILE', 'ERRORFILE_CREDENTIAL', 'MAXERRORS', 'COMPRESSION',
  'FIELDQUOTE', 'FIELDTERMINATOR', 'ROWTERMINATOR', 'FIRSTROW', 'DATEFORMAT', 'ENCODING', 'IDENTITY_INSERT',
  'AUTO_CREATE_TABLE',
]);

type OptionValue = { readonly kind: 'scalar'; readonly token: Token } | { readonly kind: 'credential'; readonly credential: CopyCredential };

class Cursor {
  private index = 0;
  constructor(readonly text: string, private readonly tokens: readonly Token[]) {}
  peek(): Token { return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!; }
  next(): Token { const t = this.peek(); this.index = Math.min(this.index + 1, this.tokens.length - 1); return t; }
  fail(token: Token = this.peek()): Error { return errorAt(this.text, token.start); }
  isWord(word: string): boolean { const t = this.peek(); return t.kind === 'word' && t.value.toUpperCase() === word; }
  isPunct(p: string): boolean { const t = this.peek(); return t.kind === 'punct' && t.value === p; }
  word(word: string): void { if (!this.isWord(word)) throw this.fail(); this.next(); }
  punct(p: string): void { if (!this.isPunct(p)) throw this.fail(); this.next(); }
  string(): string { const t = this.peek(); if (t.kind !== 'string') throw this.fail(); this.next(); return t.value; }
  identifier(): Token { const t = this.peek(); if (t.kind !== 'word' && t.kind !== 'quotedIdent') throw this.fail(); this.next(); return t; }
}

export function parseCopyInto(text: string): CopyIntoStatement {
  const c = new Cursor(text, tokenize(text));
  c.word('COPY');
  c.word('INTO');
  const table = parseTableName(c);
  const columns = c.isPunct('(') ? parseColumnList(c) : undefined;
  c.word('FROM');
  const locations = [c.string()];
  while (c.isPunct(',')) { c.next(); locations.push(c.string()); }
  const raw = new Map<OptionName, OptionValue>();
  if (c.isWord('WITH')) {
    c.next();
    c.punct('(');
    for (;;) {
      const nameToken = c.identifier();
      const name = nameToken.value.toUpperCase();
      if (!OPTION_NAMES.has(name)) throw c.fail(nameToken);
      if (raw.has(name as OptionName)) throw invalidOption(name, `Option '${name}' is specified more than once.`);
      c.punct('=');
      raw.set(name as OptionName, name.endsWith('CREDENTIAL') ? parseCredential(c) : { kind: 'scalar', token: c.next() });
      if (c.isPunct(',')) { c.next(); continue; }
      c.punct(')');
      break;
    }
  }
  if (c.isPunct(';')) c.next();
  if (c.peek().kind !== 'end') throw c.fail();
  return { table, ...(columns === undefined ? {} : { columns }), locations, options: buildOptions(raw) };
}

function parseTableName(c: Cursor): string {
  const first = c.identifier();
  let last = first;
  while (c.isPunct('.')) { c.next(); last = c.identifier(); }
  return c.text.slice(first.start, last.end);
}

function parseColumnList(c: Cursor): readonly CopyColumn[] {
  c.punct('(');
  const columns: CopyColumn[] = [];
  for (;;) {
    const name = c.identifier().value;
    let defaultValue: string | undefined;
    let fieldNumber: number | undefined;
    if (c.isWord('DEFAULT')) {
      c.next();
      const literal = c.next();
      if (literal.kind !== 'string' && literal.kind !== 'number') throw c.fail(literal);
      defaultValue = literal.value;
    }
    if (c.peek().kind === 'number') {
      const token = c.next();
      fieldNumber = Number(token.value);
      if (!Number.isInteger(fieldNumber) || fieldNumber < 1) throw c.fail(token);
    }
    columns.push({ name, ...(defaultValue === undefined ? {} : { defaultValue }), ...(fieldNumber === undefined ? {} : { fieldNumber }) });
    if (c.isPunct(',')) { c.next(); continue; }
    c.punct(')');
    return columns;
  }
}

function parseCredential(c: Cursor): OptionValue {
  c.punct('(');
  c.word('IDENTITY');
  c.punct('=');
  const identity = c.string();
  let secret: string | undefined;
  if (c.isPunct(',')) { c.next(); c.word('SECRET'); c.punct('='); secret = c.string(); }
  c.punct(')');
  const kind = identity.trim().toLowerCase();
  if (kind === IDENTITY_SAS && secret !== undefined) return { kind: 'credential', credential: { kind: 'sas', secret } };
  if (kind === IDENTITY_KEY && secret !== undefined) return { kind: 'credential', credential: { kind: 'accountKey', secret } };
  if (kind === IDENTITY_MSI && secret === undefined) return { kind: 'credential', credential: { kind: 'managedIdentity' } };
  if (kind.includes('@') && secret !== undefined) throw notEmulated('service principal credentials');
  throw invalidOption('CREDENTIAL');
}

function buildOptions(raw: ReadonlyMap<OptionName, OptionValue>): CopyOptions {
  const str = (name: OptionName): string | undefined => {
    const v = raw.get(name);
    if (v === undefined) return undefined;
    if (v.kind !== 'scalar' || v.token.kind !== 'string') throw invalidOption(name);
    return v.token.value;
  };
  const int = (name: OptionName, min: number): number | undefined => {
    const v = raw.get(name);
    if (v === undefined) return undefined;
    const n = v.kind === 'scalar' && v.token.kind === 'number' ? Number(v.token.value) : NaN;
    if (!Number.isSafeInteger(n) || n < min) throw invalidOption(name);
    return n;
  };
  const fileType = (str('FILE_TYPE') ?? 'CSV').toUpperCase();
  if (fileType === 'PARQUET' || fileType === 'ORC') throw notEmulated(`FILE_TYPE = '${fileType}'`);
  if (fileType !== 'CSV') throw invalidOption('FILE_TYPE');
  if (raw.has('FILE_FORMAT')) throw notEmulated('FILE_FORMAT (Parquet/ORC only)');
  if (raw.has('AUTO_CREATE_TABLE')) throw notEmulated('AUTO_CREATE_TABLE');
  if (raw.has('ERRORFILE_CREDENTIAL') && !raw.has('ERRORFILE')) throw invalidOption('ERRORFILE_CREDENTIAL');
  const identityInsert = str('IDENTITY_INSERT')?.toUpperCase();
  if (identityInsert !== undefined && identityInsert !== 'OFF') {
    throw identityInsert === 'ON' ? notEmulated("IDENTITY_INSERT = 'ON'") : invalidOption('IDENTITY_INSERT');
  }
  const credentialValue = raw.get('CREDENTIAL');
  if (credentialValue !== undefined && credentialValue.kind !== 'credential') throw invalidOption('CREDENTIAL');
  const compression = str('COMPRESSION')?.toUpperCase();
  if (compression === 'SNAPPY' || compression === 'DEFAULTCODEC') {
    throw invalidOption('COMPRESSION', 'CSV supports GZIP only.');
  }
  if (compression !== undefined && compression !== 'GZIP' && compression !== 'NONE') throw invalidOption('COMPRESSION');
  const dateFormat = str('DATEFORMAT')?.toLowerCase();
  if (dateFormat !== undefined && !(DATE_FORMATS as readonly string[]).includes(dateFormat)) throw invalidOption('DATEFORMAT');
  const encoding = (str('ENCODING') ?? 'UTF8').toUpperCase();
  if (encoding !== 'UTF8' && encoding !== 'UTF16') throw invalidOption('ENCODING');
  const fieldQuote = str('FIELDQUOTE');
  const fieldTerminator = str('FIELDTERMINATOR');
  const rowTerminator = str('ROWTERMINATOR');
  const errorFile = str('ERRORFILE');
  const decoded = {
    fieldQuote: fieldQuote === undefined ? DEFAULT_FIELD_QUOTE : decodeFieldQuote(fieldQuote),
    fieldTerminator: fieldTerminator === undefined ? DEFAULT_FIELD_TERMINATOR : decodeTerminator('FIELDTERMINATOR', fieldTerminator),
    rowTerminator: rowTerminator === undefined ? DEFAULT_ROW_TERMINATOR : decodeRowTerminator(rowTerminator),
  };
  if (encoding === 'UTF8') {
    refuseNonAscii('FIELDQUOTE', Buffer.from(decoded.fieldQuote, 'latin1'));
    refuseNonAscii('FIELDTERMINATOR', decoded.fieldTerminator);
    refuseNonAscii('ROWTERMINATOR', decoded.rowTerminator);
  }
  return {
    fileType: 'CSV',
    ...(credentialValue === undefined ? {} : { credential: credentialValue.credential }),
    maxErrors: int('MAXERRORS', 0) ?? 0,
    ...(compression === undefined ? {} : { compression }),
    ...decoded,
    firstRow: int('FIRSTROW', 1) ?? 1,
    ...(dateFormat === undefined ? {} : { dateFormat: dateFormat as DateFormat }),
    encoding,
    ...(errorFile === undefined ? {} : { errorFile }),
  };
}

/**
 * "Extended ASCII and multi-byte characters aren't supported with UTF-8 for FIELDQUOTE" (and the same sentence for
 * FIELDTERMINATOR and ROWTERMINATOR; copy-into-transact-sql): any byte above 0x7F is refused.
 */
function refuseNonAscii(option: OptionName, bytes: Buffer): void {
  if (bytes.some((b) => b > ASCII_MAX)) {
    throw invalidOption(option, `Extended ASCII and multi-byte characters are not supported with UTF-8 for ${option}.`);
  }
}

/** True when the statement text is a COPY INTO (what the engine dispatches on). */
export function isCopyInto(text: string): boolean {
  const word = (t: Token | undefined, w: string): boolean => t?.kind === 'word' && t.value.toUpperCase() === w;
  try {
    const [first, second] = tokenize(text);
    return word(first, 'COPY') && word(second, 'INTO');
  } catch {
    return false;
  }
}

