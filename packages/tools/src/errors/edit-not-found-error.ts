import { CodetetherError } from "@codetether/core";

/** `old_string` occurs nowhere in the file, not even with whitespace differences. */
export class EditNotFoundError extends CodetetherError {
  readonly path: string;

  constructor(path: string, nearLine?: number) {
    super("edit_not_found", `old_string was not found in ${path}.`, {
      hint:
        (nearLine ? `The closest text starts near line ${nearLine}. ` : "") +
        "Read the file again and copy old_string exactly, including indentation, from its current content.",
    });
    this.path = path;
  }
}
