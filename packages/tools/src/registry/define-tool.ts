import type { Tool } from "@codetether/core";

/** Identity helper that types a tool's `execute` arguments from one place. */
export function defineTool<Args>(tool: Tool<Args>): Tool<Args> {
  return tool;
}
