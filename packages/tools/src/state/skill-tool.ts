import { join } from "node:path";
import { configDir, type Tool, type ToolContext, type ToolResult } from "@codetether/core";
import { resolveWorkspacePath } from "../guard/workspace-guard.js";
import { SkillCatalog } from "./skill-catalog.js";
import { SkillNotFoundError } from "./skill-not-found-error.js";

export interface SkillArgs {
  action: "list" | "load";
  name?: string;
}

export interface SkillToolOptions {
  /** The user's config directory (default core's `configDir()`); its `skills/` folder is searched after the project's. */
  userConfigDir?: string;
}

/** `skill`: lists the available skills, or loads one's instructions into the conversation. */
export function createSkillTool(options: SkillToolOptions = {}): Tool<SkillArgs> {
  const catalogFor = (ctx: ToolContext) =>
    new SkillCatalog([
      { dir: join(ctx.root, ".codetether", "skills"), source: "project" },
      { dir: join(options.userConfigDir ?? configDir(), "skills"), source: "user" },
    ]);
  return {
    name: "skill",
    description: "List the available skills (reusable instructions), or load one by name to follow it.",
    readOnly: true,
    parameters: {
      type: "object",
      properties: {
        action: { type: "string", enum: ["list", "load"] },
        name: { type: "string", description: "The skill to load (action load)." },
      },
      required: ["action"],
      additionalProperties: false,
    },
    async execute(args: SkillArgs, ctx: ToolContext): Promise<ToolResult> {
      const skills = await catalogFor(ctx).list();
      if (args.action === "list") {
        const output = skills.length
          ? skills.map((s) => `- ${s.name}: ${s.description || "(no description)"} [${s.source}]`).join("\n")
          : "No skills found in .codetether/skills/ or the user config dir's skills/.";
        return { output, metadata: { skills: skills.map(({ body: _body, ...s }) => s) } };
      }
      const skill = args.name ? skills.find((s) => s.name === args.name) : undefined;
      if (!skill) throw new SkillNotFoundError(args.name, skills.map((s) => s.name));
      // A project's skill folder may be a symlink (a cloned repo can ship one) to any file; reading
      // it is then a read outside the workspace, which needs the external_directory permission.
      if (skill.source === "project") await resolveWorkspacePath(ctx, skill.path, { toolName: "skill" });
      return {
        output: `# Skill: ${skill.name}\n${skill.description ? `${skill.description}\n` : ""}(from ${skill.path})\n\n${skill.body.trim()}`,
        title: skill.name,
        metadata: { skill: { name: skill.name, path: skill.path, source: skill.source } },
      };
    },
  };
}
