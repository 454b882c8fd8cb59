import { CodetetherError } from "@codetether/core";

/** A `-f` argument named no readable file. */
export class NoMatchingFilesError extends CodetetherError {
  constructor(
    readonly pattern: string,
    reason: string,
  ) {
    super("rlm_no_files", `${pattern}: ${reason}.`, {
      hint: "Check the path (relative to the current directory); quote globs so the shell does not expand them: -f 'logs/**/*.log'.",
    });
  }
}
