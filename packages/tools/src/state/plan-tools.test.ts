import { describe, expect, it } from "vitest";
import { allowAll, type ToolContext } from "@codetether/core";
import { ToolRegistry } from "../registry/tool-registry.js";
import { createBashTool } from "../exec/bash-tool.js";
import { PlanModeState } from "./plan-mode-state.js";
import { createPlanEnterTool, createPlanExitTool } from "./plan-tools.js";
import { questionTool } from "./question-tool.js";

const ctx: ToolContext = { root: "/", signal: new AbortController().signal, permissions: allowAll, emit: () => {} };

describe("plan_enter / plan_exit", () => {
  it("flip the shared plan-mode state that selects the read-only tool set", async () => {
    const state = new PlanModeState();
    const changes: boolean[] = [];
    state.onChange((active) => changes.push(active));
    const registry = new ToolRegistry([createPlanEnterTool(state), createPlanExitTool(state), createBashTool(), questionTool], { outputBudget: false });
    const toolsNow = () => (state.active ? registry.readOnlyView() : registry).names().sort();

    expect(toolsNow()).toContain("bash");
    expect((await registry.execute("plan_enter", {}, ctx)).output).toMatch(/Plan mode on/);
    expect(state.active).toBe(true);
    expect(toolsNow()).toEqual(["plan_enter", "plan_exit", "question"]);
    expect((await registry.execute("plan_enter", {}, ctx)).output).toBe("Already in plan mode.");

    expect((await registry.execute("plan_exit", {}, ctx)).output).toMatch(/Plan mode off/);
    expect(toolsNow()).toContain("bash");
    expect(changes).toEqual([true, false]);
  });
});
