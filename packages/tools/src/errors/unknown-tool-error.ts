import { CodetetherError } from "@codetether/core";

/** A call named a tool that is not in the registry (or not in the current view of it). */
export class UnknownToolError extends CodetetherError {
  readonly toolName: string;
  readonly available: string[];

  constructor(toolName: string, available: string[]) {
    super("tool_unknown", `Unknown tool "${toolName}".`, {
      hint: available.length > 0 ? `Available tools: ${available.join(", ")}.` : "No tools are available here.",
    });
    this.toolName = toolName;
    this.available = available;
  }
}
