import type { ToolContext, ToolDefinition, ToolResult } from "@codetether/core";

/**
 * What the loop needs from a tool registry. `@codetether/tools`' ToolRegistry satisfies it; the loop
 * states it structurally so it can run over any registry (a filtered view, a test's own set).
 * `execute` takes the model's raw argument text: validation against the schema belongs to the registry.
 */
export interface AgentToolbox {
  definitions(): ToolDefinition[];
  execute(name: string, rawArgs: string, ctx: ToolContext): Promise<ToolResult>;
  /** Whether a tool only reads; read-only calls of one step run concurrently. */
  get?(name: string): { readonly readOnly?: boolean } | undefined;
}

/** Plan mode, as `@codetether/tools`' PlanModeState exposes it: while active only read-only tools are offered. */
export interface PlanModeLike {
  readonly active: boolean;
}

export function isReadOnlyTool(toolbox: AgentToolbox, name: string): boolean {
  return toolbox.get?.(name)?.readOnly === true;
}

/**
 * A view of a toolbox restricted to `allow` (names). Calls to anything else come back as a tool
 * error the model can read, never a crash.
 */
export function restrictToolbox(toolbox: AgentToolbox, allow: (name: string) => boolean): AgentToolbox {
  return {
    definitions: () => toolbox.definitions().filter((d) => allow(d.name)),
    get: (name) => (allow(name) ? toolbox.get?.(name) : undefined),
    execute: async (name, rawArgs, ctx) => {
      if (!allow(name)) {
        const offered = toolbox.definitions().filter((d) => allow(d.name)).map((d) => d.name);
        return {
          output: `Tool "${name}" is not available to this agent. Available tools: ${offered.join(", ") || "none"}.`,
          isError: true,
        };
      }
      return toolbox.execute(name, rawArgs, ctx);
    },
  };
}

/** The read-only part of a toolbox (plan mode, the `plan` agent). */
export function readOnlyToolbox(toolbox: AgentToolbox): AgentToolbox {
  return restrictToolbox(toolbox, (name) => isReadOnlyTool(toolbox, name));
}
