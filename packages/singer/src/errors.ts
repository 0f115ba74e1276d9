// User-facing errors: each is one line that names the cause and the fix, printed without a stack trace.
// Anything else that escapes is a bug and is printed with its stack.

export abstract class UserError extends Error {
  /** `load`: the warehouse refused a batch in a way no retry can fix (a permission, a value a column cannot hold). */
  abstract readonly kind: 'configuration' | 'input' | 'permission' | 'output' | 'load';
}

/** A setting is missing, malformed or inconsistent. */
export class ConfigError extends UserError {
  readonly kind = 'configuration';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** A line of Singer input (or a catalog/state file) is not what the protocol allows. */
export class InputError extends UserError {
  readonly kind = 'input';
  constructor(
    readonly problem: string,
    readonly lineNumber?: number,
    options?: ErrorOptions,
  ) {
    super(lineNumber === undefined ? problem : `input line ${lineNumber}: ${problem}`, options);
    this.name = 'InputError';
  }
}

/** The credentials work but lack a permission; the fix is on the service side. */
export class PermissionError extends UserError {
  readonly kind = 'permission';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermissionError';
  }
}

/** The program reading our stdout went away (EPIPE): nothing more can be delivered, and the reader has its own errors. */
export class OutputClosedError extends UserError {
  readonly kind = 'output';
  constructor(options?: ErrorOptions) {
    super('stdout was closed by the program reading it (EPIPE); stopping. Check that program\'s own errors', options);
    this.name = 'OutputClosedError';
  }
}
