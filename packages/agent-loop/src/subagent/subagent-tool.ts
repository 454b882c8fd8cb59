import {
  describeError,
  userMessage,
  type ModelInfo,
  type PermissionGate,
  type Provider,
  type Tool,
  type Usage,
} from "@codetether/core";
import type { AgentDefinition } from "../agents/agent-definition.js";
import { builtinAgents } from "../agents/builtin-agents.js";
import { checkAgentTools } from "../agents/check-agent-tools.js";
import type { AgentEvent } from "../events/agent-event.js";
import type { AgentToolbox } from "../loop/agent-toolbox.js";
import { runAgent } from "../loop/run-agent.js";
import type { RlmCondenser } from "../context/rlm-condenser.js";
import { SubagentDepthError } from "../errors/subagent-depth-error.js";
import { buildSystemPrompt } from "../prompt/build-system-prompt.js";

export interface SubagentToolOptions {
  provider: Provider;
  model: string | ModelInfo;
  /** The tools children may use (each child gets its agent's selection of them). */
  tools: AgentToolbox;
  /** Agents children may be; default the built-ins. Default child agent: `explore`. */
  agents?: Record<string, AgentDefinition>;
  defaultAgent?: string;
  cwd: string;
  /** This tool's nesting depth: 0 for the top-level agent's tool. */
  depth?: number;
  /** Default 2: a sub-agent may start one more level of sub-agents. */
  maxDepth?: number;
  permissions?: PermissionGate;
  condenser?: RlmCondenser;
  calculateCost?: (usage: Usage) => number | undefined;
  /** Child events, tagged with the parent call id (views show nested progress). */
  onEvent?: (event: AgentEvent & { parentCallId?: string }) => void;
}

interface SubagentArgs {
  description: string;
  prompt: string;
  agent?: string;
}

/**
 * The `subagent` tool: runs a child loop with its own fresh context on a focused task and returns
 * its final answer. The child gets the `subagent` tool one level deeper until `maxDepth`.
 */
export function subagentTool(options: SubagentToolOptions): Tool<SubagentArgs> {
  const agents: Record<string, AgentDefinition> = options.agents ?? builtinAgents;
  const depth = options.depth ?? 0;
  const maxDepth = options.maxDepth ?? 2;
  const defaultAgent = options.defaultAgent ?? "explore";
  const names = Object.values(agents)
    .filter((a) => a.mode !== "primary" || a.name === "build")
    .map((a) => `${a.name} (${a.description})`);
  return {
    name: "subagent",
    description:
      "Delegate a focused task to a sub-agent with its own fresh context; it returns its final answer. " +
      `Use it for searches or investigations whose details you do not need in your own context. Agents: ${names.join("; ")}. ` +
      `Default agent: ${defaultAgent}.`,
    parameters: {
      type: "object",
      properties: {
        description: { type: "string", description: "A short (3-6 word) label for the task." },
        prompt: { type: "string", description: "The full task for the sub-agent, with all the context it needs." },
        agent: { type: "string", description: `Which agent to use (default ${defaultAgent}).` },
      },
      required: ["description", "prompt"],
      additionalProperties: false,
    },
    // Not read-only: the child may be an agent that edits, so it never runs alongside other calls.
    readOnly: false,
    async execute(args, ctx) {
      if (depth >= maxDepth) return { output: new SubagentDepthError(maxDepth).describe(), isError: true };
      const agentName = args.agent ?? defaultAgent;
      const agent = agents[agentName];
      if (!agent) {
        return { output: `Unknown agent "${agentName}". Available: ${Object.keys(agents).join(", ")}.`, isError: true };
      }
      try {
        checkAgentTools(agent, options.tools.definitions().map((d) => d.name));
      } catch (error) {
        return { output: describeError(error), isError: true };
      }
      const childTools: AgentToolbox =
        depth + 1 < maxDepth ? withTool(options.tools, subagentTool({ ...options, depth: depth + 1 })) : withoutTool(options.tools, "subagent");
      try {
        const result = await runAgent({
          provider: options.provider,
          model: options.model,
          agent,
          system: await buildSystemPrompt({ agent, cwd: options.cwd }),
          messages: [userMessage(args.prompt)],
          tools: childTools,
          root: ctx.root,
          cwd: options.cwd,
          signal: ctx.signal,
          permissions: options.permissions ?? ctx.permissions,
          ...(ctx.ask ? { ask: ctx.ask } : {}),
          ...(options.condenser ? { condenser: options.condenser } : {}),
          ...(options.calculateCost ? { calculateCost: options.calculateCost } : {}),
          ...(ctx.sessionId ? { sessionId: ctx.sessionId } : {}),
          onEvent: (event) => {
            if (event.type === "tool_call_start" || event.type === "tool_call_end") ctx.emit({ type: "tool_output", tool: "subagent", chunk: `${event.type === "tool_call_start" ? "→" : "✓"} ${event.tool}\n`, ...(ctx.callId ? { callId: ctx.callId } : {}) });
            options.onEvent?.({ ...event, ...(ctx.callId ? { parentCallId: ctx.callId } : {}) });
          },
        });
        // `usage` and `cost` are counted into the parent run's totals (and so the session's), failed or not.
        const metadata = { agent: agentName, steps: result.steps, usage: result.usage, ...(result.cost !== undefined ? { cost: result.cost } : {}), reason: result.reason };
        if (result.error && !result.text) return { output: `The ${agentName} sub-agent failed: ${result.error.describe()}`, isError: true, metadata };
        const note = result.reason === "done" ? "" : `\n\n[The sub-agent stopped early: ${result.reason}.]`;
        return { output: (result.text || "(the sub-agent gave no answer)") + note, title: args.description, metadata };
      } catch (error) {
        return { output: `The ${agentName} sub-agent failed: ${describeError(error)}`, isError: true };
      }
    },
  };
}

function withoutTool(toolbox: AgentToolbox, name: string): AgentToolbox {
  return {
    definitions: () => toolbox.definitions().filter((d) => d.name !== name),
    get: (n) => (n === name ? undefined : toolbox.get?.(n)),
    execute: (n, raw, ctx) =>
      n === name ? Promise.resolve({ output: "Sub-agents cannot start further sub-agents at this depth.", isError: true }) : toolbox.execute(n, raw, ctx),
  };
}

/** The toolbox with `tool` in place of any tool of the same name (the next level's subagent tool). */
function withTool(toolbox: AgentToolbox, tool: Tool<SubagentArgs>): AgentToolbox {
  return {
    definitions: () => [
      ...toolbox.definitions().filter((d) => d.name !== tool.name),
      { name: tool.name, description: tool.description, parameters: tool.parameters },
    ],
    get: (n) => (n === tool.name ? tool : toolbox.get?.(n)),
    execute: async (n, raw, ctx) => {
      if (n !== tool.name) return toolbox.execute(n, raw, ctx);
      let args: SubagentArgs;
      try {
        args = JSON.parse(raw || "{}") as SubagentArgs;
      } catch (error) {
        return { output: `Invalid JSON arguments for subagent: ${(error as Error).message}`, isError: true };
      }
      if (typeof args.prompt !== "string" || !args.prompt) return { output: "subagent needs a non-empty `prompt`.", isError: true };
      return tool.execute(args, ctx);
    },
  };
}
