import { CodetetherError } from "./codetether-error.js";

/** Work stopped because its AbortSignal fired. */
export class AbortedError extends CodetetherError {
  constructor(what = "The operation") {
    super("aborted", `${what} was aborted.`);
  }
}

export function throwIfAborted(signal: AbortSignal | undefined, what?: string): void {
  if (signal?.aborted) throw new AbortedError(what);
}
