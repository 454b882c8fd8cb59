import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowAll } from "@codetether/core";
import { createBuiltinTools, disposeTools, ToolRegistry, type AnyTool } from "./index.js";

/** The names the issue fixes as public API: models and saved sessions depend on them. */
const PUBLIC_TOOLS: Record<string, string[]> = {
  read_file: ["path", "offset", "limit"],
  write_file: ["path", "content"],
  list_dir: ["path", "depth"],
  glob: ["pattern", "path", "limit"],
  edit: ["path", "old_string", "new_string", "replace_all"],
  multiedit: ["edits"],
  apply_patch: ["patch"],
  grep: ["pattern", "path", "include", "literal", "case_sensitive", "context_lines", "limit"],
  codesearch: ["query", "path", "limit"],
  lsp: ["action", "path", "line", "column", "query"],
  bash: ["command", "cwd", "timeout_ms", "description"],
  task: ["action", "command", "id", "cwd"],
  batch: ["calls"],
  webfetch: ["url", "format", "max_chars"],
  websearch: ["query", "max_results"],
  todo_read: [],
  todo_write: ["todos"],
  question: ["question", "options"],
  skill: ["action", "name"],
  plan_enter: ["reason"],
  plan_exit: ["reason"],
};

/** The action/format values the issue names, also public API. */
const PUBLIC_ENUMS: [tool: string, field: string, values: string[]][] = [
  ["lsp", "action", ["definition", "references", "hover", "completion", "diagnostics", "document_symbols", "workspace_symbols"]],
  ["task", "action", ["start", "status", "output", "kill", "list"]],
  ["webfetch", "format", ["markdown", "text", "html"]],
  ["skill", "action", ["list", "load"]],
];

describe("createBuiltinTools", () => {
  let dir: string;
  let tools: AnyTool[];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ct-builtins-"));
    tools = createBuiltinTools({ root: dir, spillDir: join(dir, "spill"), dataDir: join(dir, "data"), userConfigDir: join(dir, "cfg") });
  });
  afterAll(async () => {
    await disposeTools(tools);
    await rm(dir, { recursive: true, force: true });
  });

  it("has every built-in tool with its public parameter names and values, in a registry without clashes", () => {
    const registry = new ToolRegistry(tools);
    expect(registry.names().sort()).toEqual(Object.keys(PUBLIC_TOOLS).sort());
    for (const [name, field, values] of PUBLIC_ENUMS) {
      const properties = (registry.get(name)?.parameters as { properties: Record<string, { enum?: string[] }> }).properties;
      expect(properties[field]?.enum, `${name}.${field}`).toEqual(values);
    }
    for (const [name, params] of Object.entries(PUBLIC_TOOLS)) {
      const tool = registry.get(name);
      expect(tool, name).toBeDefined();
      expect(Object.keys((tool?.parameters as { properties: object }).properties)).toEqual(params);
    }
  });

  it("gives every tool a snake_case name, a description and an object schema that rejects unknown fields", () => {
    for (const tool of tools) {
      expect(tool.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(tool.description.length).toBeGreaterThan(20);
      expect(tool.parameters).toMatchObject({ type: "object" });
    }
    const strict = tools.filter((t) => Object.keys(PUBLIC_TOOLS).includes(t.name));
    for (const tool of strict) expect(tool.parameters).toMatchObject({ additionalProperties: false });
  });

  it("marks only non-mutating file tools read-only, so plan mode cannot write", () => {
    const readOnly = new ToolRegistry(tools).readOnlyView().names();
    expect(readOnly).toEqual(expect.arrayContaining(["read_file", "list_dir", "glob"]));
    for (const name of ["write_file", "edit", "multiedit", "apply_patch", "bash", "task", "batch"]) expect(readOnly).not.toContain(name);
  });

  it("shares one read tracker between read_file and edit", async () => {
    const { writeFile } = await import("node:fs/promises");
    const registry = new ToolRegistry(tools, { outputBudget: false });
    const ctx = { root: dir, signal: new AbortController().signal, permissions: allowAll, emit: () => {} };
    await writeFile(join(dir, "t.txt"), "a\n");
    await registry.execute("read_file", { path: "t.txt" }, ctx);
    await writeFile(join(dir, "t.txt"), "a\nb\n");
    const result = await registry.execute("edit", { path: "t.txt", old_string: "a", new_string: "c" }, ctx);
    expect(result.output).toMatch(/changed on disk since you last read it/);
  });
});
