const MARKER = Symbol.for("codetether.error");

export interface CodetetherErrorOptions {
  /** What the user can do about it. */
  hint?: string;
  cause?: unknown;
}

/**
 * Base of every error the project throws. `code` is stable (safe to match on); `hint` tells the user
 * what to do. `isInstance` works across duplicate copies of the package, unlike `instanceof`.
 */
export class CodetetherError extends Error {
  readonly code: string;
  readonly hint?: string;
  private readonly [MARKER] = true;

  constructor(code: string, message: string, options: CodetetherErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options.hint !== undefined) this.hint = options.hint;
  }

  static isInstance(value: unknown): value is CodetetherError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  /** Message and hint as one text, for printing to a user. */
  describe(): string {
    return this.hint ? `${this.message}\nHint: ${this.hint}` : this.message;
  }

  toJSON(): { name: string; code: string; message: string; hint?: string } {
    return { name: this.name, code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

/** Formats any thrown value for a user: CodetetherErrors with their hint, others by message. */
export function describeError(error: unknown): string {
  if (CodetetherError.isInstance(error)) return error.describe();
  if (error instanceof Error) return error.message;
  return String(error);
}
