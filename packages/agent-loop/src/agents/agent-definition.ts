/**
 * Which tools an agent gets: every tool, only read-only ones, or the named ones (intersected with
 * what the registry has).
 */
export type AgentToolSelection = "all" | "read-only" | string[];

export interface AgentDefinition {
  name: string;
  description: string;
  /** The role part of the system prompt. */
  prompt: string;
  tools: AgentToolSelection;
  maxSteps: number;
  /** `provider/model`; absent = the caller's model. */
  model?: string;
  temperature?: number;
  /** `primary`: run directly; `subagent`: only through the subagent tool; `all`: both. */
  mode: "primary" | "subagent" | "all";
  /** Where it was defined: `builtin`, `config`, or the markdown file's path. */
  source: string;
}
