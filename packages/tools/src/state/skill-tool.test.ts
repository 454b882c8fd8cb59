import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allowAll, denyAll, type ToolContext } from "@codetether/core";
import { ToolRegistry } from "../registry/tool-registry.js";
import { createSkillTool } from "./skill-tool.js";

let root: string;
let userDir: string;
const ctx = (): ToolContext => ({ root, signal: new AbortController().signal, permissions: allowAll, emit: () => {} });
const skill = (dir: string, folder: string, text: string) => {
  mkdirSync(join(dir, folder), { recursive: true });
  writeFileSync(join(dir, folder, "SKILL.md"), text);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "ct-skill-root-"));
  userDir = mkdtempSync(join(tmpdir(), "ct-skill-user-"));
  skill(join(root, ".codetether/skills"), "release", "---\nname: release\ndescription: Cut a release\n---\n1. Bump the version.\n2. Tag it.\n");
  skill(join(userDir, "skills"), "review", '---\nname: review\ndescription: "Review a diff"\n---\nLook for bugs.\n');
  skill(join(userDir, "skills"), "release-old", "---\nname: release\ndescription: user copy\n---\nshadowed\n");
  skill(join(userDir, "skills"), "bare", "No front matter here.\n");
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(userDir, { recursive: true, force: true });
});

describe("skill", () => {
  it("lists project and user skills with their descriptions, the project's shadowing the user's", async () => {
    const result = await createSkillTool({ userConfigDir: userDir }).execute({ action: "list" }, ctx());
    expect(result.output).toBe(
      ["- release: Cut a release [project]", "- bare: (no description) [user]", "- review: Review a diff [user]"].join("\n"),
    );
  });

  it("loads a skill's instructions without its front matter", async () => {
    const result = await createSkillTool({ userConfigDir: userDir }).execute({ action: "load", name: "release" }, ctx());
    expect(result.output).toContain("# Skill: release\nCut a release");
    expect(result.output).toContain("1. Bump the version.\n2. Tag it.");
    expect(result.output).not.toContain("description:");
    expect(result.output).not.toContain("shadowed");
  });

  it("answers an unknown skill with the list of available ones", async () => {
    const registry = new ToolRegistry([createSkillTool({ userConfigDir: userDir })], { outputBudget: false });
    const result = await registry.execute("skill", { action: "load", name: "deploy" }, ctx());
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/No skill named "deploy"[\s\S]*Available skills: release, bare, review/);
  });

  it("refuses to load a project skill whose folder is a symlink out of the workspace", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "ct-skill-outside-"));
    try {
      skill(elsewhere, "leak", "---\nname: leak\n---\nprivate text\n");
      symlinkSync(join(elsewhere, "leak"), join(root, ".codetether/skills/leak"));
      const tool = createSkillTool({ userConfigDir: userDir });
      await expect(tool.execute({ action: "load", name: "leak" }, { ...ctx(), permissions: denyAll })).rejects.toMatchObject({
        code: "outside_workspace",
      });
      // With the external_directory permission it loads.
      expect((await tool.execute({ action: "load", name: "leak" }, ctx())).output).toContain("private text");
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
