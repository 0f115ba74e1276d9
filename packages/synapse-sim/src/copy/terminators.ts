// Decoding FIELDTERMINATOR / ROWTERMINATOR / FIELDQUOTE values into bytes. Pure.
import { invalidOption } from '../errors.js';

/**
 * Hexadecimal form: '0x' then hex digits; Microsoft's own COPY option validator accepts `^0[xX]([0-9a-fA-F]{1,4})+$`
 * (microsoft/SqlScriptDOM, ScriptDom/SqlServer/ExternalFileOption.cs, CheckDelimiterValidity). Multi-character
 * terminators are written without repeating 0x ('0x0D0A'), so the digits are read as bytes, two at a time.
 */
const HEX_PREFIX = /^0[xX]/;
const HEX_VALUE = /^0[xX]([0-9a-fA-F]{1,4})+$/;

/** The backslash escapes SQL Server accepts in bulk-load terminators (learn.microsoft.com/sql/relational-databases/import-export/specify-field-and-row-terminators-sql-server). */
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '0': '\0', '\\': '\\' };

const LF = Buffer.from('\n');
const CRLF = Buffer.from('\r\n');

export function decodeTerminator(option: string, raw: string): Buffer {
  if (raw.length === 0) throw invalidOption(option);
  if (HEX_PREFIX.test(raw)) {
    if (!HEX_VALUE.test(raw)) {
      throw invalidOption(option, `The value provided for option '${option}' is not a valid hexadecimal.`);
    }
    const digits = raw.slice(2);
    return Buffer.from(digits.length % 2 === 0 ? digits : `0${digits}`, 'hex');
  }
  let out = '';
  for (let i = 0; i < raw.length; i += 1) {
    const ch = raw[i] ?? '';
    const next = raw[i + 1];
    if (ch === '\\' && next !== undefined && ESCAPES[next] !== undefined) {
      out += ESCAPES[next];
      i += 1;
    } else {
      out += ch;
    }
  }
  return Buffer.from(out, 'utf8');
}

/**
 * "The COPY command prefixes the \r character when specifying \n (newline) resulting in \r\n. To specify only the \n
 * character, use hexadecimal notation (0x0A)." (copy-into-transact-sql, ROWTERMINATOR). Only the non-hex spelling
 * gets the prefix.
 */
export function decodeRowTerminator(raw: string): Buffer {
  const bytes = decodeTerminator('ROWTERMINATOR', raw);
  return !HEX_PREFIX.test(raw) && bytes.equals(LF) ? CRLF : bytes;
}

/** FIELDQUOTE: "a single character" (copy-into-transact-sql, FIELDQUOTE); one byte in UTF-8 since multi-byte is unsupported. */
export function decodeFieldQuote(raw: string): string {
  const decoded = decodeTerminator('FIELDQUOTE', raw);
  if (decoded.length !== 1) throw invalidOption('FIELDQUOTE');
  return decoded.toString('latin1');
}

/** The default ROWTERMINATOR: "By default, the row terminator is \r\n" (copy-into-transact-sql, ROWTERMINATOR). */
export const DEFAULT_ROW_TERMINATOR = CRLF;
/** The default FIELDTERMINATOR ',' and FIELDQUOTE '"' (copy-into-transact-sql, RFC 4180). */
export const DEFAULT_FIELD_TERMINATOR = Buffer.from(',');
export const DEFAULT_FIELD_QUOTE = '"';
