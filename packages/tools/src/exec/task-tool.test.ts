import { mkdtempSync, readFileSync, realpathSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allowAll, type ToolContext } from "@codetether/core";
import { ToolRegistry } from "../registry/tool-registry.js";
import { createTaskTool, type TaskTool } from "./task-tool.js";

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

let root: string;
let tool: TaskTool;
const ctx = (): ToolContext => ({ root, signal: new AbortController().signal, permissions: allowAll, emit: () => {} });

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "ct-task-")));
  tool = createTaskTool();
});
afterEach(async () => {
  await tool.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe("task", () => {
  it("starts a background process, reports it running with its output, and kills its whole tree", async () => {
    const started = await tool.execute({ action: "start", command: "echo ready; bash -c 'sleep 30 & echo $! > gc.pid; wait'" }, ctx());
    const id = (started.metadata?.task as { id: string }).id;
    expect(started.output).toMatch(new RegExp(`Started ${id} \\[running`));
    expect(await waitUntil(() => existsSync(join(root, "gc.pid")) && readFileSync(join(root, "gc.pid"), "utf8").trim() !== "")).toBe(true);
    const output = await tool.execute({ action: "output", id }, ctx());
    expect(output.output).toContain("ready");
    expect((await tool.execute({ action: "status", id }, ctx())).output).toContain("[running");

    const killed = await tool.execute({ action: "kill", id }, ctx());
    expect(killed.output).toContain("[killed]");
    const grandchild = Number(readFileSync(join(root, "gc.pid"), "utf8"));
    expect(await waitUntil(() => !isAlive(grandchild))).toBe(true);
  });

  it("kills a process that left the task's process group with setsid", async () => {
    const started = await tool.execute({ action: "start", command: "setsid bash -c 'echo $$ > esc.pid; sleep 30' & sleep 30" }, ctx());
    const id = (started.metadata?.task as { id: string }).id;
    expect(await waitUntil(() => existsSync(join(root, "esc.pid")) && readFileSync(join(root, "esc.pid"), "utf8").trim() !== "")).toBe(true);
    await tool.execute({ action: "kill", id }, ctx());
    expect(await waitUntil(() => !isAlive(Number(readFileSync(join(root, "esc.pid"), "utf8"))))).toBe(true);
  });

  it("records the exit code of a finished task and lists every task", async () => {
    const a = (await tool.execute({ action: "start", command: "echo bye; exit 3" }, ctx())).metadata?.task as { id: string };
    const b = (await tool.execute({ action: "start", command: "sleep 30" }, ctx())).metadata?.task as { id: string };
    expect(await waitUntil(() => tool.manager.status(a.id).state === "exited")).toBe(true);
    expect((await tool.execute({ action: "status", id: a.id }, ctx())).output).toContain("exited with code 3");
    const list = await tool.execute({ action: "list" }, ctx());
    expect(list.output.split("\n")).toHaveLength(2);
    expect(list.output).toContain(`${b.id} [running`);
  });

  it("keeps only the newest output in its ring buffer and says how much was dropped", async () => {
    const small = createTaskTool({ bufferChars: 1000 });
    try {
      const { id } = (await small.execute({ action: "start", command: "seq 1 5000" }, ctx())).metadata?.task as { id: string };
      expect(await waitUntil(() => small.manager.status(id).state === "exited")).toBe(true);
      const out = await small.execute({ action: "output", id }, ctx());
      expect(out.output).toMatch(/\[first \d+ characters dropped\]/);
      expect(out.output.trimEnd().endsWith("4999\n5000")).toBe(true);
      expect(out.output).not.toContain("\n1\n2\n");
    } finally {
      await small.dispose();
    }
  });

  it("kills every running task when the tool set is disposed", async () => {
    const info = (await tool.execute({ action: "start", command: "sleep 30" }, ctx())).metadata?.task as { pid: number };
    expect(isAlive(info.pid)).toBe(true);
    await tool.dispose();
    expect(await waitUntil(() => !isAlive(info.pid))).toBe(true);
  });

  it("answers an unknown id or a missing argument with an error naming what to do", async () => {
    const registry = new ToolRegistry([tool], { outputBudget: false });
    const unknown = await registry.execute("task", { action: "output", id: "task-99" }, ctx());
    expect(unknown.isError).toBe(true);
    expect(unknown.output).toMatch(/No background task with id "task-99"/);
    const missing = await registry.execute("task", { action: "start" }, ctx());
    expect(missing.isError).toBe(true);
    expect(missing.output).toMatch(/needs the "command" argument/);
  });
});
