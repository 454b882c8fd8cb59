import type { AgentDefinition } from "../agents/agent-definition.js";
import { environmentInfo, type EnvironmentInfo } from "./environment-info.js";
import { formatAgentsMd, loadAgentsMd } from "./load-agents-md.js";

export interface SystemPromptOptions {
  agent: AgentDefinition;
  cwd: string;
  /** Precomputed environment (tests pin the date); gathered from `cwd` when absent. */
  environment?: EnvironmentInfo;
  /** Appended last (e.g. a `--system` flag or a caller's extra instructions). */
  extra?: string;
}

/** The system prompt: the agent's role, the environment, then every AGENTS.md from the git root to cwd. */
export async function buildSystemPrompt({ agent, cwd, environment, extra }: SystemPromptOptions): Promise<string> {
  const env = environment ?? (await environmentInfo(cwd));
  const lines = [
    `Working directory: ${env.cwd}`,
    `Platform: ${env.platform}`,
    `Date: ${env.date}`,
  ];
  if (env.gitRoot) lines.push(`Git repository root: ${env.gitRoot}`);
  if (env.branch) lines.push(`Git branch: ${env.branch}`);
  if (env.status) lines.push(`Git status:\n${env.status}`);
  const sections = [agent.prompt.trim(), `<environment>\n${lines.join("\n")}\n</environment>`];
  const agentsMd = formatAgentsMd(loadAgentsMd(cwd), cwd);
  if (agentsMd) sections.push(`<project-instructions>\n${agentsMd}\n</project-instructions>`);
  if (extra?.trim()) sections.push(extra.trim());
  return sections.join("\n\n");
}
