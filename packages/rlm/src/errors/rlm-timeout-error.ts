import { CodetetherError } from "@codetether/core";

/** A model call of an RLM run took longer than `callTimeoutMs`. */
export class RlmTimeoutError extends CodetetherError {
  constructor(readonly timeoutMs: number) {
    super("rlm_call_timeout", `A model call did not answer within ${timeoutMs} ms.`, {
      hint: "Raise callTimeoutMs, or use a faster model for sub-calls (subModel).",
    });
  }
}
