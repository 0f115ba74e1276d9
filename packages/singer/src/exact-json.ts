// JSON that keeps every number exactly. Python Singer tools read numbers as Decimal, and the SDK's
// target tests send integers above 2^53 (research/singer.md 0.8, 2.9), so a plain JSON.parse would
// corrupt them. Lines that could hold such a number take the slow, lossless path; all others stay on
// JSON.parse.
import { isSafeNumber, parse as parseLossless } from 'lossless-json';
import { randomBytes } from 'node:crypto';

/** The JSON number grammar (RFC 8259 section 6). */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * A number that a double cannot hold exactly, kept as its JSON text. It serialises back byte for byte
 * through `stringifyJson`.
 */
export class ExactNumber {
  constructor(readonly text: string) {
    if (!JSON_NUMBER.test(text)) throw new TypeError(`not a JSON number: ${JSON.stringify(text.slice(0, 40))}`);
  }

  /** The nearest double, for arithmetic where exactness does not matter. */
  valueOf(): number {
    return Number(this.text);
  }

  toString(): string {
    return this.text;
  }

  toJSON(): string {
    return `${SENTINEL}${this.text}${SENTINEL}`;
  }
}

// Every decimal with at most 15 significant digits survives a round trip through a double (DBL_DIG), so
// a run of 16 digits (a decimal point allowed inside; leading zeros count, which only errs towards the
// slow path) or a three-digit exponent is the only way a JSON number can lose precision or overflow. A
// JSON number starts the text or follows ':', ',' or '[' (and optional whitespace), so long digit runs
// inside strings such as hex ids do not count. A string that happens to contain ':' and such a run is a
// false positive: it only costs the slow path, never correctness. The test is one linear scan; the start of the
// text is tested apart because a `^` alternative inside the scan makes it twice as slow.
const NUMBER_AT_RISK = String.raw`\s*-?\d(?:(?:\.?\d){15}|[\d.]*[eE][+-]?\d{3})`;
const MAYBE_INEXACT = new RegExp(`[:,[]${NUMBER_AT_RISK}`);
const MAYBE_INEXACT_AT_START = new RegExp(`^${NUMBER_AT_RISK}`);

/** Parses one JSON text, keeping unsafe numbers as ExactNumber. Throws SyntaxError like JSON.parse. */
export function parseJson(text: string): unknown {
  if (!MAYBE_INEXACT.test(text) && !MAYBE_INEXACT_AT_START.test(text)) return JSON.parse(text);
  const marked = markUnsafeNumbers(text);
  if (marked === text) return JSON.parse(text);
  try {
    return JSON.parse(marked, reviveExact);
  } catch {
    return JSON.parse(text); // throws the error, with positions, of the text as given
  }
}

/**
 * The slow path: every number token in a value position that a double cannot hold is turned into a
 * marked string, and JSON.parse's reviver turns it into an ExactNumber. JSON.parse itself still judges
 * the syntax, so both paths accept and refuse the same texts, with the same messages, and read a
 * duplicate key as its last value (lossless-json's own parser refuses duplicate keys). A string may
 * stand wherever a number may, except as an object key: a number there is left as it is, so JSON.parse
 * refuses it as it refuses the original. Cost: one character scan of the line and a reviver call per
 * value, only for lines the regex above flags.
 */
function markUnsafeNumbers(text: string): string {
  let out = '';
  let copied = 0;
  let at = 0;
  // Which containers are open ('{' or '['), and whether the innermost object expects a key next. For a
  // text that is valid up to a point, this follows the grammar exactly up to that point.
  const open: number[] = [];
  let expectKey = false;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      at += 1;
      while (at < text.length && text.charCodeAt(at) !== QUOTE) at += text.charCodeAt(at) === BACKSLASH ? 2 : 1;
      at += 1;
    } else if (code === MINUS || (code >= DIGIT_0 && code <= DIGIT_9)) {
      const start = at;
      while (at < text.length && isNumberChar(text.charCodeAt(at))) at += 1;
      const token = text.slice(start, at);
      const inKeyPosition = open.at(-1) === OPEN_BRACE && expectKey;
      if (!inKeyPosition && JSON_NUMBER.test(token) && !isSafeNumber(token)) {
        out += `${text.slice(copied, start)}"${ESCAPED_SENTINEL}${token}"`;
        copied = at;
      }
    } else {
      if (code === OPEN_BRACE || code === OPEN_BRACKET) open.push(code);
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) open.pop();
      if (code === OPEN_BRACE || (code === COMMA && open.at(-1) === OPEN_BRACE)) expectKey = true;
      else if (code === COLON) expectKey = false;
      at += 1;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function reviveExact(_key: string, value: unknown): unknown {
  return typeof value === 'string' && value.startsWith(SENTINEL) ? new ExactNumber(value.slice(SENTINEL.length)) : value;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isNumberChar(code: number): boolean {
  return (code >= DIGIT_0 && code <= DIGIT_9) || code === 0x2e || code === 0x65 || code === 0x45 || code === 0x2b || code === MINUS;
}

// JSON.stringify cannot emit raw number text from toJSON on Node 20 (JSON.rawJSON arrives in 21), so an
// ExactNumber serialises as a quoted sentinel string that is then unquoted. The per-process nonce makes a
// collision with real data impossible in practice; JSON.stringify escapes U+0000 as the six characters \u0000.
const NONCE = randomBytes(6).toString('hex');
const SENTINEL = `\u0000${NONCE}`;
const ESCAPED_SENTINEL = `\\u0000${NONCE}`;
const SENTINEL_PATTERN = ESCAPED_SENTINEL.replace(/\\/g, '\\\\');
const QUOTED_EXACT = new RegExp(`"${SENTINEL_PATTERN}(-?[0-9.eE+-]+)${SENTINEL_PATTERN}"`, 'g');

/** Serialises to compact JSON, writing ExactNumber values back exactly as they were read. */
export function stringifyJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text.includes(ESCAPED_SENTINEL) ? text.replace(QUOTED_EXACT, '$1') : text;
}

/**
 * What is wrong with a JSON text that failed to parse, located by line and column. V8's JSON.parse
 * messages quote a slice of the text, which for a config file may be an unquoted secret; lossless-json
 * names at most one character, so its message is used, with its offset turned into a line and column.
 */
export function jsonSyntaxProblem(text: string): string {
  try {
    parseLossless(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /^(.*) at position (\d+)$/s.exec(message);
    if (at) return `${at[1]} at ${lineAndColumn(text, Number(at[2]))}`;
    return message.length > 80 ? `${message.slice(0, 77)}...` : message;
  }
  return 'not valid JSON';
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `line ${line}, column ${column}`;
}
