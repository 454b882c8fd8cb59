import { CodetetherError } from "@codetether/core";

/** A patch hunk does not fit the file's current content; no file was changed. */
export class PatchApplyError extends CodetetherError {
  readonly path: string;

  constructor(path: string, message: string) {
    super("patch_conflict", `${path}: ${message}. No file was changed.`, {
      hint: "Read the file again and regenerate the patch against its current content (context lines must match exactly).",
    });
    this.path = path;
  }
}
