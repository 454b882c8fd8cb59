import { CodetetherError } from "@codetether/core";

/** Nothing happened (no model output, no tool output) for the whole timeout. */
export class AgentTimeoutError extends CodetetherError {
  constructor(timeoutMs: number) {
    super("agent_timeout", `The run made no progress for ${duration(timeoutMs)} and was stopped.`, {
      hint: "Raise [session] timeout_seconds in the config, or check that the model server and the tools are responsive.",
    });
  }
}

function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}
