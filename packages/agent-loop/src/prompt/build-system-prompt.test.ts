import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { builtinAgents } from "../agents/builtin-agents.js";
import { buildSystemPrompt } from "./build-system-prompt.js";
import { AGENTS_MD_MAX_BYTES, loadAgentsMd } from "./load-agents-md.js";

let base: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), "ct-prompt-"));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe("system prompt", () => {
  it("collects every AGENTS.md from the git root down to the directory, outermost first", () => {
    const repo = join(base, "repo");
    const deep = join(repo, "packages", "app");
    mkdirSync(deep, { recursive: true });
    execFileSync("git", ["init", "-q", repo]);
    writeFileSync(join(base, "AGENTS.md"), "outside the repo");
    writeFileSync(join(repo, "AGENTS.md"), "root rules");
    writeFileSync(join(deep, "AGENTS.md"), "app rules");
    const files = loadAgentsMd(deep);
    expect(files.map((f) => f.content)).toEqual(["root rules", "app rules"]);
  });

  it("cuts a runaway AGENTS.md so the instructions cannot fill the context window", () => {
    const repo = join(base, "repo");
    mkdirSync(repo);
    execFileSync("git", ["init", "-q", repo]);
    writeFileSync(join(repo, "AGENTS.md"), `FIRST RULE\n${"filler line of rules\n".repeat(50_000)}`);
    const [file] = loadAgentsMd(repo);
    expect(file?.content.startsWith("FIRST RULE")).toBe(true);
    expect(file!.content.length).toBeLessThan(AGENTS_MD_MAX_BYTES + 200);
    expect(file?.content).toMatch(/AGENTS\.md cut here: \d+ more bytes were left out/);
  });

  it("states the role, the environment with git branch and status, and the AGENTS.md instructions", async () => {
    const repo = join(base, "repo");
    mkdirSync(repo);
    execFileSync("git", ["init", "-q", "-b", "feature-x", repo]);
    writeFileSync(join(repo, "AGENTS.md"), "Always run npm test.");
    writeFileSync(join(repo, "new.txt"), "x");
    const prompt = await buildSystemPrompt({ agent: builtinAgents.plan, cwd: repo });
    expect(prompt.startsWith(builtinAgents.plan.prompt.trim())).toBe(true);
    expect(prompt).toContain(`Working directory: ${repo}`);
    expect(prompt).toContain(`Platform: ${process.platform}`);
    expect(prompt).toMatch(/Date: \d{4}-\d{2}-\d{2}/);
    expect(prompt).toContain("Git branch: feature-x");
    expect(prompt).toContain("?? new.txt");
    expect(prompt).toContain("Always run npm test.");
  });
});
