import { CodetetherError } from "@codetether/core";

/** A patch is not a unified diff or a `*** Begin Patch` envelope that can be read. */
export class PatchParseError extends CodetetherError {
  readonly line?: number;

  constructor(message: string, line?: number) {
    super("patch_invalid", line === undefined ? message : `${message} (patch line ${line})`, {
      hint:
        "Send a unified diff (--- a/file, +++ b/file, @@ -l,n +l,n @@ hunks) or the envelope format " +
        "(*** Begin Patch / *** Update File: path / @@ / -old / +new / *** End Patch).",
    });
    if (line !== undefined) this.line = line;
  }
}
