import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allowAll, type ToolContext } from "@codetether/core";
import { ToolRegistry } from "../registry/tool-registry.js";
import { createTodoReadTool, createTodoWriteTool } from "./todo-tools.js";

let dataDir: string;
let registry: ToolRegistry;
const ctx = (sessionId?: string): ToolContext => ({ root: "/", signal: new AbortController().signal, permissions: allowAll, emit: () => {}, sessionId });

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "ct-todo-"));
  registry = new ToolRegistry([createTodoReadTool({ dataDir }), createTodoWriteTool({ dataDir })], { outputBudget: false });
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe("todo_read / todo_write", () => {
  it("persists a session's list as JSON and reads it back, separately per session", async () => {
    const todos = [
      { id: "1", content: "write tests", status: "completed", priority: "high" },
      { id: "2", content: "fix bug", status: "in_progress" },
      { id: "3", content: "docs", status: "pending", priority: "low" },
    ];
    const written = await registry.execute("todo_write", { todos }, ctx("s-1"));
    expect(written.isError).toBeUndefined();
    const file = JSON.parse(readFileSync(join(dataDir, "todos", "s-1.json"), "utf8"));
    expect(file.todos).toEqual(todos);

    const read = await registry.execute("todo_read", {}, ctx("s-1"));
    expect(read.output).toBe("[x] 1: write tests (high)\n[~] 2: fix bug\n[ ] 3: docs (low)\n2 open of 3.");
    expect((await registry.execute("todo_read", {}, ctx("s-2"))).output).toBe("The todo list is empty.");
  });

  it("replaces the whole list on each write and leaves no temporary files", async () => {
    await registry.execute("todo_write", { todos: [{ id: "a", content: "one", status: "pending" }] }, ctx("s"));
    await registry.execute("todo_write", { todos: [{ id: "b", content: "two", status: "cancelled" }] }, ctx("s"));
    expect((await registry.execute("todo_read", {}, ctx("s"))).output).toBe("[-] b: two\n0 open of 1.");
    expect(readdirSync(join(dataDir, "todos"))).toEqual(["s.json"]);
  });

  it("rejects a bad status or duplicate ids without touching the saved list", async () => {
    await registry.execute("todo_write", { todos: [{ id: "a", content: "keep me", status: "pending" }] }, ctx("s"));
    const badStatus = await registry.execute("todo_write", { todos: [{ id: "a", content: "x", status: "done" }] }, ctx("s"));
    expect(badStatus.isError).toBe(true);
    expect(badStatus.output).toMatch(/todos\[0\]\.status/);
    const dup = await registry.execute(
      "todo_write",
      { todos: [{ id: "a", content: "x", status: "pending" }, { id: "a", content: "y", status: "pending" }] },
      ctx("s"),
    );
    expect(dup.isError).toBe(true);
    expect(dup.output).toMatch(/"a" is used more than once/);
    expect((await registry.execute("todo_read", {}, ctx("s"))).output).toContain("keep me");
  });

  it("keeps a hostile session id inside the data directory", async () => {
    await registry.execute("todo_write", { todos: [{ id: "1", content: "x", status: "pending" }] }, ctx("../../escape"));
    expect(readdirSync(join(dataDir, "todos"))).toEqual(["__.._escape.json"]);
  });

  it("reports a corrupt saved list instead of silently dropping it", async () => {
    mkdirSync(join(dataDir, "todos"), { recursive: true });
    writeFileSync(join(dataDir, "todos", "s.json"), "{not json");
    const result = await registry.execute("todo_read", {}, ctx("s"));
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/is not valid JSON/);
  });
});
