// The errors plan/ and intake/ raise. Each is a user error: one line naming the stream, the table or column
// and the value or size, and what to change.
import { UserError } from '@kustomer-synapse/singer';

/** A SCHEMA message that cannot become tables: a key that is not a property, too many columns, a name clash. */
export class SchemaPlanError extends UserError {
  readonly kind = 'input';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SchemaPlanError';
  }
}

/**
 * A string longer than `string_max_length`, or one that its column cannot grow to hold (a key column past
 * NVARCHAR(4000)). Retrying cannot help: the load is terminal.
 */
export class StringTooLongError extends UserError {
  readonly kind = 'input';
  readonly terminal = true;
  constructor(
    message: string,
    readonly stream: string,
    readonly table: string,
    readonly column: string,
    readonly length: number,
  ) {
    super(message);
    this.name = 'StringTooLongError';
  }
}

/** A record value that its column's type cannot hold exactly (the schema said otherwise). */
export class RecordValueError extends UserError {
  readonly kind = 'input';
  constructor(
    message: string,
    readonly stream: string,
    readonly table: string,
    readonly column: string,
    readonly ordinal: number,
  ) {
    super(message);
    this.name = 'RecordValueError';
  }
}
