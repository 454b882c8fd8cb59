import { CodetetherError } from "@codetether/core";

/** Two tools were registered under one name; the second would silently shadow the first. */
export class DuplicateToolError extends CodetetherError {
  readonly toolName: string;

  constructor(toolName: string) {
    super("tool_duplicate", `A tool named "${toolName}" is already registered.`, {
      hint: "Give the tool another name, or build a registry without the built-in you want to replace.",
    });
    this.toolName = toolName;
  }
}
