import { CodetetherError, describeError } from "@codetether/core";

/** Some writes of a multi-file change failed; everything already written was put back. */
export class FileChangeFailedError extends CodetetherError {
  constructor(path: string, cause: unknown, rollbackProblems: string[]) {
    super(
      "file_write_failed",
      `Writing ${path} failed (${describeError(cause)}); ` +
        (rollbackProblems.length === 0
          ? "all files were restored to their previous content."
          : `restoring failed for: ${rollbackProblems.join("; ")}.`),
      { hint: "Check the file's permissions and free disk space, then try again.", cause },
    );
  }
}
