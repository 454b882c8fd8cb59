import type { Tool, ToolResult } from "@codetether/core";
import type { PlanModeState } from "./plan-mode-state.js";

export interface PlanToggleArgs {
  reason?: string;
}

const parameters = {
  type: "object",
  properties: { reason: { type: "string", description: "Why, in a few words (shown to the user)." } },
  additionalProperties: false,
} as const;

/** `plan_enter`: switches the session to read-only tools until `plan_exit`. */
export function createPlanEnterTool(state: PlanModeState): Tool<PlanToggleArgs> {
  return {
    name: "plan_enter",
    description: "Enter plan mode: only read-only tools stay available while you investigate and write a plan.",
    readOnly: true,
    parameters,
    async execute(): Promise<ToolResult> {
      const was = state.active;
      state.set(true);
      return { output: was ? "Already in plan mode." : "Plan mode on: only read-only tools are available until plan_exit.", metadata: { planMode: true } };
    },
  };
}

/** `plan_exit`: leaves plan mode; all tools are offered again. Read-only so it is offered in plan mode. */
export function createPlanExitTool(state: PlanModeState): Tool<PlanToggleArgs> {
  return {
    name: "plan_exit",
    description: "Leave plan mode and get all tools back, to carry out the plan.",
    readOnly: true,
    parameters,
    async execute(): Promise<ToolResult> {
      const was = state.active;
      state.set(false);
      return { output: was ? "Plan mode off: all tools are available again." : "Not in plan mode.", metadata: { planMode: false } };
    },
  };
}
