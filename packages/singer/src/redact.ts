// Secrets never reach any output (DESIGN.md section 3). Every line the programs print on stderr passes
// through a Redactor that knows the configured secret values and the shapes secrets take in Azure URLs
// and connection strings.

const MASK = '***';
/** Values shorter than this are not masked: masking "a" or "1" would garble every line without protecting anything. */
const MIN_SECRET_LENGTH = 4;

// A SAS signature, an account key in a connection string, a bearer token, a password in a connection string.
const SECRET_SHAPES: readonly RegExp[] = [
  /(\bsig=)[^&\s"']+/gi,
  /(\bAccountKey=)[^;\s"']+/gi,
  /(\bBearer\s+)[A-Za-z0-9._~+/=-]+/g,
  /(\b(?:Password|Pwd)=)[^;\s"']+/gi,
];

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers secret values; non-strings and short values are ignored. */
  add(...values: readonly unknown[]): void {
    for (const value of values) {
      if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
    }
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) {
      if (result.includes(secret)) result = result.split(secret).join(MASK);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret && result.includes(encoded)) result = result.split(encoded).join(MASK);
    }
    for (const shape of SECRET_SHAPES) result = result.replace(shape, `$1${MASK}`);
    return result;
  }
}

/** The process-wide redactor used by the logger and by the error printer. */
export const redactor = new Redactor();
