import { CodetetherError } from "@codetether/core";

export class AttachmentError extends CodetetherError {
  readonly exitCode = 2;

  constructor(path: string, reason: string) {
    super("attachment_unreadable", `Cannot attach ${path}: ${reason}.`, {
      hint: "Check the path given to -f/--file (relative paths start in the current directory).",
    });
  }
}
