import { CodetetherError } from "@codetether/core";

/** The caller gave the RLM something it cannot work with (no content, a bad limit, a path outside the workspace). */
export class RlmInputError extends CodetetherError {
  constructor(message: string, hint: string) {
    super("rlm_input_invalid", message, { hint });
  }
}
