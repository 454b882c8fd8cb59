import type { AgentToolSelection } from "../agents/agent-definition.js";
import { readOnlyToolbox, restrictToolbox, type AgentToolbox } from "./agent-toolbox.js";

/** Applies an agent's tool selection to a toolbox. */
export function selectAgentTools(toolbox: AgentToolbox, selection: AgentToolSelection): AgentToolbox {
  if (selection === "all") return toolbox;
  if (selection === "read-only") return readOnlyToolbox(toolbox);
  const allowed = new Set(selection);
  return restrictToolbox(toolbox, (name) => allowed.has(name));
}
