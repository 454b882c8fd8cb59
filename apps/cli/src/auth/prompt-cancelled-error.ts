import { CodetetherError } from "@codetether/core";

/** The user pressed Ctrl-C or Ctrl-D at the key prompt. */
export class PromptCancelledError extends CodetetherError {
  readonly exitCode = 130;

  constructor() {
    super("prompt_cancelled", "Cancelled; nothing was saved.");
  }
}
