import { CodetetherError } from "@codetether/core";

/** The `grep` pattern is not a valid regular expression. */
export class GrepPatternError extends CodetetherError {
  constructor(pattern: string, detail: string) {
    super("grep_bad_pattern", `The grep pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${detail}`, {
      hint: "Escape special characters (for example \\( or \\.), or pass literal: true to search for the text as is.",
    });
  }
}
