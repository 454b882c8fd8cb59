import { AgentDefinitionError } from "../errors/agent-definition-error.js";
import type { AgentDefinition } from "./agent-definition.js";

/**
 * Refuses a custom agent whose tool list names tools the registry does not have (a typo such as
 * `read` for `read_file` would otherwise leave the agent silently without that tool). Built-in
 * agents name optional tools and are not checked.
 */
export function checkAgentTools(agent: AgentDefinition, available: readonly string[]): void {
  if (agent.source === "builtin" || !Array.isArray(agent.tools)) return;
  const have = new Set(available);
  const unknown = agent.tools.filter((name) => !have.has(name));
  if (unknown.length === 0) return;
  throw new AgentDefinitionError(
    agent.source,
    `"tools" names ${unknown.length === 1 ? "a tool that does not exist" : "tools that do not exist"}: ${unknown.join(", ")} (available: ${[...available].sort().join(", ")})`,
  );
}
