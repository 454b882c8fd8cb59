import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfigText } from "@codetether/core";
import { builtinAgents } from "./builtin-agents.js";
import { checkAgentTools } from "./check-agent-tools.js";
import { getAgent, loadAgents } from "./load-agents.js";

let repo: string;
beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), "ct-agents-"));
  execFileSync("git", ["init", "-q", repo]);
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe("agents", () => {
  it("has build (all tools, 100 steps), plan (read-only, 50) and explore (search tools, 20)", () => {
    expect(builtinAgents.build).toMatchObject({ tools: "all", maxSteps: 100 });
    expect(builtinAgents.plan).toMatchObject({ tools: "read-only", maxSteps: 50 });
    expect(builtinAgents.explore.maxSteps).toBe(20);
    expect(builtinAgents.explore.tools).toEqual(expect.arrayContaining(["read_file", "grep", "glob"]));
    expect(builtinAgents.explore.tools).not.toContain("bash");
  });

  it("loads custom agents from [agents.<name>] and from .codetether/agents/*.md front matter", () => {
    const config = parseConfigText(`
[agents.reviewer]
description = "Reviews diffs"
prompt = "Review the diff."
tools = ["read", "grep"]
max_steps = 7
`);
    mkdirSync(join(repo, ".codetether", "agents"), { recursive: true });
    writeFileSync(
      join(repo, ".codetether", "agents", "docs.md"),
      `---\ndescription: Writes docs\nmodel: fake/docs-model\ntools: [read, write]\ntemperature: 0.2\nmax_steps: 12\n---\nYou write documentation.\n`,
    );
    const sub = join(repo, "pkg");
    mkdirSync(sub);
    const agents = loadAgents({ cwd: sub, config });
    expect(agents.reviewer).toMatchObject({ prompt: "Review the diff.", tools: ["read", "grep"], maxSteps: 7, source: "config [agents.reviewer]" });
    expect(agents.docs).toMatchObject({
      description: "Writes docs",
      model: "fake/docs-model",
      tools: ["read", "write"],
      temperature: 0.2,
      maxSteps: 12,
      prompt: "You write documentation.",
    });
    expect(agents.build?.maxSteps).toBe(100);
  });

  it("overrides a built-in field by field from a markdown file of the same name", () => {
    mkdirSync(join(repo, ".codetether", "agents"), { recursive: true });
    writeFileSync(join(repo, ".codetether", "agents", "build.md"), "---\nmax_steps: 5\n---\n");
    const agents = loadAgents({ cwd: repo });
    expect(agents.build).toMatchObject({ maxSteps: 5, tools: "all", prompt: builtinAgents.build.prompt });
  });

  it("rejects a malformed agent file naming the file and the field", () => {
    mkdirSync(join(repo, ".codetether", "agents"), { recursive: true });
    const file = join(repo, ".codetether", "agents", "bad.md");
    writeFileSync(file, "---\ntemperature: 7\n---\nprompt\n");
    expect(() => loadAgents({ cwd: repo })).toThrowError(expect.objectContaining({ code: "agent_invalid", file }));
    writeFileSync(file, "---\ntools: [read\n---\nprompt\n");
    expect(() => loadAgents({ cwd: repo })).toThrowError(/invalid YAML front matter/);
  });

  it("refuses a custom agent that lists a tool the registry does not have, naming it and the available ones", () => {
    const config = parseConfigText(`[agents.reviewer]\nprompt = "Review."\ntools = ["read_file", "read"]\n`);
    const agents = loadAgents({ cwd: repo, config });
    expect(() => checkAgentTools(agents.reviewer!, ["read_file", "grep"])).toThrowError(
      expect.objectContaining({ code: "agent_invalid", message: expect.stringMatching(/does not exist: read \(available: grep, read_file\)/) }),
    );
    expect(() => checkAgentTools(agents.reviewer!, ["read_file", "read", "grep"])).not.toThrow();
    // Built-ins name optional tools (explore's lsp, codesearch) and are not checked.
    expect(() => checkAgentTools(agents.explore!, ["grep"])).not.toThrow();
  });

  it("names the known agents when one is missing", () => {
    expect(() => getAgent(loadAgents({ cwd: repo }), "nope")).toThrowError(
      expect.objectContaining({ code: "agent_not_found", hint: expect.stringContaining("build, plan, explore") }),
    );
  });
});
