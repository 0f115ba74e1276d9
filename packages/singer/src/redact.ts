// Secrets never reach any output (DESIGN.md section 3). Every line the programs print on stderr passes
// through a Redactor that knows the configured secret values and the shapes secrets take in Azure URLs
// and connection strings.

const MASK = '***';
/** Values shorter than this are not masked: masking "a" or "1" would garble every line without protecting anything. */
const MIN_SECRET_LENGTH = 4;

// A SAS signature, an account key in a connection string, a bearer token, a password in a connection
// string; the SAS signature also when its URL was itself URL-encoded (`sig%3D...` inside another URL).
const SECRET_SHAPES: readonly RegExp[] = [
  /(\bsig=)[^&\s"']+/gi,
  /((?:%3F|%26)sig%3D)[^&%\s"']*(?:%(?!26)[0-9A-F]{2}[^&%\s"']*)*/gi,
  /(\bAccountKey=)[^;\s"']+/gi,
  /(\bBearer\s+)[A-Za-z0-9._~+/=-]+/g,
  /(\b(?:Password|Pwd)=)[^;\s"']+/gi,
];

export class Redactor {
  /** Every spelling of every secret, longest first so a longer spelling is masked whole. */
  private spellings: readonly RegExp[] = [];
  private readonly secrets = new Set<string>();

  /** Registers secret values; non-strings and short values are ignored. */
  add(...values: readonly unknown[]): void {
    for (const value of values) {
      if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
    }
    const all = new Set<string>();
    for (const secret of this.secrets) for (const spelling of spellingsOf(secret)) all.add(spelling);
    this.spellings = [...all].sort((a, b) => b.length - a.length).map(literalPattern);
  }

  redact(text: string): string {
    let result = text;
    for (const spelling of this.spellings) result = result.replace(spelling, MASK);
    for (const shape of SECRET_SHAPES) result = result.replace(shape, `$1${MASK}`);
    return result;
  }
}

// How a secret shows up in error text: as is, URL-encoded (by encodeURIComponent, encodeURI or a form
// encoder, which writes a space as '+'), and JSON-escaped inside a quoted response or request body.
function spellingsOf(secret: string): readonly string[] {
  return [
    secret,
    encodeURIComponent(secret),
    encodeURI(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
  ];
}

// Percent escapes match in either case (%2f and %2F); everything else literally.
function literalPattern(spelling: string): RegExp {
  const escaped = spelling.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%([0-9A-F]{2})/g, (_, hex: string) => `%(?:${hex}|${hex.toLowerCase()})`);
  return new RegExp(escaped, 'g');
}

/** The process-wide redactor used by the logger and by the error printer. */
export const redactor = new Redactor();
