import { CodetetherError } from "@codetether/core";

/** A text operation was asked of a binary file. */
export class BinaryFileError extends CodetetherError {
  readonly path: string;

  constructor(path: string, size: number) {
    super("file_binary", `${path} is a binary file (${size} bytes); it cannot be shown or edited as text.`, {
      hint: "Use bash with a suitable tool (e.g. `file`, `xxd | head`) if you need to inspect it.",
    });
    this.path = path;
  }
}
