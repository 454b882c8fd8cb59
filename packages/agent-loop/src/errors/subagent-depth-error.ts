import { CodetetherError } from "@codetether/core";

export class SubagentDepthError extends CodetetherError {
  constructor(maxDepth: number) {
    super("subagent_depth", `Sub-agents may nest at most ${maxDepth} deep.`, {
      hint: "Do the work in this agent instead of delegating it further.",
    });
  }
}
