import { CodetetherError } from "@codetether/core";

/** A file changed on disk after the agent last read it; writing now would undo someone else's work. */
export class StaleFileError extends CodetetherError {
  readonly path: string;

  constructor(path: string, what: string) {
    super("file_stale", `${path} changed on disk since you last read it (${what}); the edit was not applied.`, {
      hint: "Read the file again with read_file, then redo the edit against its current content.",
    });
    this.path = path;
  }
}
