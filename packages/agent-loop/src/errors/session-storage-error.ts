import { CodetetherError } from "@codetether/core";

/** A session file or directory could not be written (a read-only or misplaced data dir, a full disk). */
export class SessionStorageError extends CodetetherError {
  readonly path: string;

  constructor(path: string, cause: unknown) {
    const reason = (cause as NodeJS.ErrnoException)?.code ?? (cause instanceof Error ? cause.message : String(cause));
    super("session_storage", `Cannot write the session at ${path} (${reason}).`, {
      hint: "Sessions live in the data dir: point CODETETHER_DATA_DIR or [session] dir in the config at a writable directory, and check the free disk space.",
      cause,
    });
    this.path = path;
  }
}
