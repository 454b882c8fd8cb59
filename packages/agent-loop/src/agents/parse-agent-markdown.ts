import { parse as parseYaml } from "yaml";
import { AgentDefinitionError } from "../errors/agent-definition-error.js";
import type { AgentDefinition, AgentToolSelection } from "./agent-definition.js";

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/**
 * Parses an agent file: YAML front matter (description, model, tools, temperature, max_steps, mode)
 * then the prompt. `base` supplies defaults (a built-in agent of the same name is overridden field
 * by field).
 */
export function parseAgentMarkdown(name: string, text: string, file: string, base?: AgentDefinition): AgentDefinition {
  const match = FRONT_MATTER.exec(text.replace(/^\uFEFF/, ""));
  let meta: Record<string, unknown> = {};
  let body = text;
  if (match) {
    let parsed: unknown;
    try {
      parsed = parseYaml(match[1] ?? "");
    } catch (error) {
      throw new AgentDefinitionError(file, `invalid YAML front matter: ${(error as Error).message.split("\n")[0]}`);
    }
    if (parsed !== null && parsed !== undefined && (typeof parsed !== "object" || Array.isArray(parsed))) {
      throw new AgentDefinitionError(file, "the front matter must be a mapping of keys to values");
    }
    meta = (parsed ?? {}) as Record<string, unknown>;
    body = match[2] ?? "";
  }
  return agentFromFields(name, { ...meta, prompt: body.trim() || meta.prompt }, file, base);
}

/** Builds an agent from loose fields (a config table or front matter), checking each one. */
export function agentFromFields(
  name: string,
  fields: Record<string, unknown>,
  source: string,
  base?: AgentDefinition,
): AgentDefinition {
  const str = (key: string): string | undefined => {
    const v = fields[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") throw new AgentDefinitionError(source, `"${key}" must be a string`);
    return v;
  };
  const num = (...keys: string[]): number | undefined => {
    for (const key of keys) {
      const v = fields[key];
      if (v === undefined || v === null) continue;
      if (typeof v !== "number" || !Number.isFinite(v)) throw new AgentDefinitionError(source, `"${key}" must be a number`);
      return v;
    }
    return undefined;
  };
  const temperature = num("temperature");
  if (temperature !== undefined && (temperature < 0 || temperature > 2)) {
    throw new AgentDefinitionError(source, `"temperature" must be between 0 and 2 (got ${temperature})`);
  }
  const maxSteps = num("max_steps", "maxSteps", "steps");
  if (maxSteps !== undefined && (!Number.isInteger(maxSteps) || maxSteps < 1)) {
    throw new AgentDefinitionError(source, `"max_steps" must be a positive integer (got ${maxSteps})`);
  }
  const mode = str("mode");
  if (mode !== undefined && mode !== "primary" && mode !== "subagent" && mode !== "all") {
    throw new AgentDefinitionError(source, `"mode" must be primary, subagent or all (got ${mode})`);
  }
  const prompt = str("prompt") ?? base?.prompt;
  if (!prompt) throw new AgentDefinitionError(source, "it has no prompt (write it after the front matter)");
  const model = str("model") ?? base?.model;
  const agent: AgentDefinition = {
    name,
    description: str("description") ?? base?.description ?? `Custom agent ${name}`,
    prompt,
    tools: toolSelection(fields.tools, source) ?? base?.tools ?? "all",
    maxSteps: maxSteps ?? base?.maxSteps ?? 50,
    mode: (mode as AgentDefinition["mode"] | undefined) ?? base?.mode ?? "all",
    source,
  };
  if (model) agent.model = model;
  const t = temperature ?? base?.temperature;
  if (t !== undefined) agent.temperature = t;
  return agent;
}

function toolSelection(value: unknown, source: string): AgentToolSelection | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === "all" || value === "read-only" || value === "readonly") return value === "readonly" ? "read-only" : value;
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  // opencode-style maps ({ bash: false, read: true }) name the tools that are on.
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([, v]) => typeof v === "boolean")) return entries.filter(([, v]) => v).map(([k]) => k);
  }
  throw new AgentDefinitionError(source, `"tools" must be "all", "read-only" or a list of tool names`);
}
