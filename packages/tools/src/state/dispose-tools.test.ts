import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { allowAll, type ToolContext } from "@codetether/core";
import { createTaskTool } from "../exec/task-tool.js";
import { createLspTool } from "../lsp/lsp-tool.js";
import { questionTool } from "./question-tool.js";
import { disposeTools } from "./dispose-tools.js";

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

describe("disposeTools", () => {
  it("kills the background tasks of a tool set and skips tools that hold nothing", async () => {
    const task = createTaskTool();
    const ctx: ToolContext = { root: tmpdir(), signal: new AbortController().signal, permissions: allowAll, emit: () => {} };
    const started = await task.execute({ action: "start", command: "sleep 30" }, ctx);
    const pid = (started.metadata?.task as { pid: number }).pid;
    expect(isAlive(pid)).toBe(true);
    await disposeTools([questionTool, task, createLspTool()]);
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 20));
    expect(isAlive(pid)).toBe(false);
    expect(task.manager.list()[0]?.state).toBe("killed");
  });
});
