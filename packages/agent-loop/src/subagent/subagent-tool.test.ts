import { afterEach, describe, expect, it } from "vitest";
import { userMessage, type Tool } from "@codetether/core";
import type { FakeServer, ScriptedTurn } from "@codetether/fixtures";
import { ToolRegistry } from "@codetether/tools";
import { builtinAgents } from "../agents/builtin-agents.js";
import type { AgentEvent } from "../events/agent-event.js";
import { runAgent } from "../loop/run-agent.js";
import { fakeModel, modelInfo, sentMessages, tempRepo } from "../test-support/fake-model.js";
import { subagentTool } from "./subagent-tool.js";

const servers: FakeServer[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  cleanups.splice(0).forEach((c) => c());
});

async function setup(...turns: ScriptedTurn[]) {
  const model = await fakeModel(turns);
  servers.push(model.server);
  const repo = tempRepo("ct-sub-");
  cleanups.push(repo.cleanup);
  return { ...model, dir: repo.dir };
}

const searchTool: Tool<{ pattern: string }> = {
  name: "grep",
  description: "Searches",
  readOnly: true,
  parameters: { type: "object", properties: { pattern: { type: "string" } }, required: ["pattern"] },
  async execute(args) {
    return { output: `src/auth.ts:12: ${args.pattern}` };
  },
};
const writeTool: Tool = { name: "write_file", description: "Writes", parameters: { type: "object", properties: {} }, async execute() { return { output: "written" }; } };

describe("subagent tool", () => {
  it("runs a child loop with its own context and agent, and returns its final answer", async () => {
    const { provider, server, dir } = await setup(
      { toolCalls: [{ id: "p1", name: "subagent", arguments: { description: "find login", prompt: "Where is login handled?" } }] },
      { toolCalls: [{ id: "k1", name: "grep", arguments: { pattern: "login" } }] },
      { text: "Login is handled in src/auth.ts line 12." },
      { text: "It is in src/auth.ts." },
    );
    const registry = new ToolRegistry([searchTool, writeTool]);
    registry.register(subagentTool({ provider, model: modelInfo(), tools: registry, cwd: dir }));
    const result = await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: [userMessage("find login")], tools: registry, root: dir });
    expect(result.text).toBe("It is in src/auth.ts.");
    // The child saw only its own task, with the explore agent's prompt and search tools.
    const child = sentMessages(server, 1);
    expect(child[0].content).toContain(builtinAgents.explore.prompt.split("\n")[0]);
    expect(child.slice(1)).toEqual([{ role: "user", content: "Where is login handled?" }]);
    expect(server.requests[1]?.body.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(["grep"]);
    // The parent got the child's answer as the tool result.
    const parentResult = sentMessages(server, 3).find((m) => m.role === "tool");
    expect(parentResult).toMatchObject({ tool_call_id: "p1", content: "Login is handled in src/auth.ts line 12." });
  });

  it("bounds nesting: at the maximum depth the tool refuses", async () => {
    const { provider, server, dir } = await setup(
      { toolCalls: [{ name: "subagent", arguments: { description: "x", prompt: "go deeper", agent: "build" } }] },
      { toolCalls: [{ name: "subagent", arguments: { description: "y", prompt: "deeper still", agent: "build" } }] },
      { text: "child done" },
      { text: "parent done" },
    );
    const registry = new ToolRegistry([searchTool]);
    registry.register(subagentTool({ provider, model: modelInfo(), tools: registry, cwd: dir, maxDepth: 1 }));
    const result = await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: [userMessage("go")], tools: registry, root: dir });
    expect(result.text).toBe("parent done");
    // The child (depth 1 = max) was not offered the subagent tool, and its call was refused.
    expect(server.requests[1]?.body.tools.map((t: { function: { name: string } }) => t.function.name)).not.toContain("subagent");
    expect(sentMessages(server, 2).find((m) => m.role === "tool").content).toMatch(/cannot start further sub-agents|not available/);
  });

  it("counts the child's model usage and cost into the parent run's totals", async () => {
    const { provider, dir } = await setup(
      { toolCalls: [{ name: "subagent", arguments: { description: "find", prompt: "Where?" } }], usage: { inputTokens: 100, outputTokens: 10 } },
      { toolCalls: [{ name: "grep", arguments: { pattern: "x" } }], usage: { inputTokens: 1000, outputTokens: 200 } },
      { text: "There.", usage: { inputTokens: 2000, outputTokens: 300 } },
      { text: "Done.", usage: { inputTokens: 400, outputTokens: 40 } },
    );
    const price = (u: { inputTokens: number; outputTokens: number }) => u.inputTokens / 1000 + u.outputTokens / 100;
    const registry = new ToolRegistry([searchTool]);
    registry.register(subagentTool({ provider, model: modelInfo(), tools: registry, cwd: dir, calculateCost: price }));
    const events: AgentEvent[] = [];
    const result = await runAgent({
      provider,
      model: modelInfo(),
      agent: builtinAgents.build,
      messages: [userMessage("go")],
      tools: registry,
      root: dir,
      calculateCost: price,
      onEvent: (e) => events.push(e),
    });
    expect(result.usage).toMatchObject({ inputTokens: 3500, outputTokens: 550 });
    expect(result.cost).toBeCloseTo(3.5 + 5.5);
    expect(events.find((e) => e.type === "usage" && e.source === "tool")).toMatchObject({
      tool: "subagent",
      usage: { inputTokens: 3000, outputTokens: 500 },
      cost: 3 + 5,
    });
    expect(events.at(-1)).toMatchObject({ type: "done", usage: { inputTokens: 3500, outputTokens: 550 } });
  });

  it("refuses a custom sub-agent that lists tools the registry does not have, without starting it", async () => {
    const { provider, server, dir } = await setup(
      { toolCalls: [{ name: "subagent", arguments: { description: "x", prompt: "go", agent: "typo" } }] },
      { text: "parent done" },
    );
    const typo = { ...builtinAgents.explore, name: "typo", tools: ["grepp"], source: "config [agents.typo]" };
    const registry = new ToolRegistry([searchTool]);
    registry.register(subagentTool({ provider, model: modelInfo(), tools: registry, cwd: dir, agents: { ...builtinAgents, typo } }));
    const result = await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: [userMessage("go")], tools: registry, root: dir });
    expect(result.text).toBe("parent done");
    expect(server.requests).toHaveLength(2);
    expect(sentMessages(server, 1).find((m) => m.role === "tool").content).toMatch(/does not exist: grepp/);
  });
});
