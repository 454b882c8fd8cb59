import { CodetetherError } from "@codetether/core";

/** A wrong command line; the shell prints it with a pointer to --help and exits 2. */
export class UsageError extends CodetetherError {
  constructor(message: string, hint = "Run `codetether --help` for the list of commands and flags.") {
    super("usage", message, { hint });
  }
}
