import { CodetetherError } from "@codetether/core";

/** The model asked for the same tool call (name and arguments) three times in a row. */
export class RepeatedToolCallError extends CodetetherError {
  readonly tool: string;

  constructor(tool: string, args: string, times: number) {
    super(
      "repeated_tool_call",
      `Stopped: the model called ${tool} with the same arguments ${times} times in a row (${args.length > 120 ? `${args.slice(0, 120)}…` : args}).`,
      { hint: "The model is stuck in a loop. Rephrase the request or give it the missing information, then continue the session." },
    );
    this.tool = tool;
  }
}
