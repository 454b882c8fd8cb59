import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { findGitRoot, type CodetetherConfig } from "@codetether/core";
import { AgentNotFoundError } from "../errors/agent-not-found-error.js";
import { AgentDefinitionError } from "../errors/agent-definition-error.js";
import type { AgentDefinition } from "./agent-definition.js";
import { builtinAgents } from "./builtin-agents.js";
import { agentFromFields, parseAgentMarkdown } from "./parse-agent-markdown.js";

export interface LoadAgentsOptions {
  cwd: string;
  config?: CodetetherConfig;
  /** Extra directories of agent markdown files (e.g. the user's config dir `agents/`), lowest priority first. */
  extraDirs?: string[];
}

/**
 * Every agent available in `cwd`: the built-ins, then `[agents.<name>]` from the config, then
 * `.codetether/agents/*.md` from the git root down to `cwd` (later definitions override earlier ones).
 */
export function loadAgents({ cwd, config, extraDirs = [] }: LoadAgentsOptions): Record<string, AgentDefinition> {
  const agents: Record<string, AgentDefinition> = { ...builtinAgents };
  for (const [name, fields] of Object.entries(config?.agents ?? {})) {
    agents[name] = agentFromFields(name, fields as Record<string, unknown>, `config [agents.${name}]`, agents[name]);
  }
  for (const dir of [...extraDirs, ...agentDirs(cwd)]) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir).sort()) {
      if (!entry.endsWith(".md")) continue;
      const file = join(dir, entry);
      const name = basename(entry, ".md");
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (error) {
        throw new AgentDefinitionError(file, `cannot be read: ${(error as Error).message}`);
      }
      agents[name] = parseAgentMarkdown(name, text, file, agents[name]);
    }
  }
  return agents;
}

/** `.codetether/agents` directories from the git root (or cwd) down to cwd. */
function agentDirs(cwd: string): string[] {
  const start = resolve(cwd);
  const stop = findGitRoot(start) ?? start;
  const dirs: string[] = [];
  let dir = start;
  while (true) {
    dirs.unshift(join(dir, ".codetether", "agents"));
    if (dir === stop) break;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dirs;
}

/** Looks an agent up by name, with an error listing the known ones. */
export function getAgent(agents: Record<string, AgentDefinition>, name: string): AgentDefinition {
  const agent = agents[name];
  if (!agent) throw new AgentNotFoundError(name, Object.keys(agents));
  return agent;
}
