import { CodetetherError } from "@codetether/core";

/** Nothing happened (no model output, no tool output) for the whole timeout. */
export class AgentTimeoutError extends CodetetherError {
  constructor(timeoutMs: number) {
    super("agent_timeout", `The run made no progress for ${Math.round(timeoutMs / 1000)} seconds and was stopped.`, {
      hint: "Raise [session] timeout_seconds in the config, or check that the model server and the tools are responsive.",
    });
  }
}
