import { CodetetherError } from "@codetether/core";

/** The provider rejected the conversation as too long for the model even after the loop compacted it. */
export class ContextOverflowError extends CodetetherError {
  constructor(model: string, assumedWindow: number, providerMessage: string, cause: unknown) {
    super(
      "context_overflow",
      `The conversation does not fit the context window of ${model}, even after compacting it (the provider said: ${providerMessage}).`,
      {
        hint:
          `CodeTether assumed a window of ${assumedWindow} tokens. If the model's window is smaller, set context_window ` +
          "(and max_output_tokens) in the model's [providers.<id>] table of the config. Otherwise attach less, or start a new session.",
        cause,
      },
    );
  }
}
