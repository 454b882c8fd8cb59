import { CodetetherError } from "@codetether/core";

/** A key that cannot be right: empty, several lines, or containing spaces. */
export class InvalidKeyInputError extends CodetetherError {
  constructor(problem: string) {
    super("key_input_invalid", `The key ${problem}; nothing was saved.`, {
      hint: "Paste the key alone on one line (or pipe it: `printenv MY_KEY | codetether auth login <provider>`).",
    });
  }
}
