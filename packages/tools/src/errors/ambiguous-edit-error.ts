import { CodetetherError } from "@codetether/core";

/** `old_string` occurs more than once and `replace_all` was not set. */
export class AmbiguousEditError extends CodetetherError {
  readonly path: string;
  readonly lines: number[];

  constructor(path: string, lines: number[]) {
    super("edit_ambiguous", `old_string matches ${lines.length} places in ${path} (lines ${lines.join(", ")}); the edit was not applied.`, {
      hint: "Include more surrounding lines in old_string so it matches once, or set replace_all: true to change every match.",
    });
    this.path = path;
    this.lines = lines;
  }
}
