import { CodetetherError } from "@codetether/core";

/** A tool was called with arguments it cannot use; `field` names the offending argument when known. */
export class ToolInputError extends CodetetherError {
  readonly field?: string;

  constructor(message: string, options: { field?: string; hint?: string } = {}) {
    super("tool_input_invalid", message, { hint: options.hint });
    if (options.field !== undefined) this.field = options.field;
  }
}
