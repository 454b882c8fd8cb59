import { afterEach, describe, expect, it } from "vitest";
import { toolCallsOf, userMessage, type Message, type Tool } from "@codetether/core";
import type { FakeServer, ScriptedTurn } from "@codetether/fixtures";
import { ToolRegistry } from "@codetether/tools";
import { builtinAgents } from "../agents/builtin-agents.js";
import { SUMMARY_MARK } from "../context/compact-messages.js";
import type { RlmCondenser } from "../context/rlm-condenser.js";
import type { AgentEvent } from "../events/agent-event.js";
import { fakeModel, modelInfo, sentMessages } from "../test-support/fake-model.js";
import { runAgent } from "./run-agent.js";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(...turns: ScriptedTurn[]) {
  const model = await fakeModel(turns);
  servers.push(model.server);
  return model;
}

/** A finished tool turn: the assistant's call and its result. */
function turn(i: number, resultChars: number): Message[] {
  return [
    { role: "assistant", content: [{ type: "text", text: `Step ${i}: reading part ${i}. ${"I am thinking about what the log says and what to do next. ".repeat(20)}` }, { type: "tool_call", id: `old${i}`, name: "dump", arguments: `{"part":${i}}` }] },
    { role: "tool", content: [{ type: "tool_result", toolCallId: `old${i}`, toolName: "dump", content: `part ${i} `.repeat(resultChars / 7) }] },
  ];
}

const dumpTool = (chars: number): Tool<{ part: number }> => ({
  name: "dump",
  description: "Dumps a part of a log",
  readOnly: true,
  parameters: { type: "object", properties: { part: { type: "number" } }, required: ["part"] },
  async execute(args) {
    const lines = Array.from({ length: Math.ceil(chars / 40) }, (_, i) => `line ${i} of part ${args.part}: ${i === 500 ? "NEEDLE found" : "nothing"}`);
    return { output: `HEAD-MARK\n${lines.join("\n")}\nTAIL-MARK` };
  },
});

/** Every tool call in a request has its result, and every result its call. */
function expectPaired(messages: any[]) {
  const calls = messages.flatMap((m) => (m.tool_calls ?? []).map((c: { id: string }) => c.id));
  const results = messages.filter((m) => m.role === "tool").map((m) => m.tool_call_id);
  expect(results.sort()).toEqual(calls.sort());
}

describe("context management", () => {
  it("shrinks old tool results, then compacts old turns with a hidden summariser call, keeping pairs intact", async () => {
    const history: Message[] = [userMessage("Investigate the logs and fix the parser."), ...[1, 2, 3, 4, 5, 6].flatMap((i) => turn(i, 3000))];
    const { provider, server } = await setup(
      { text: "SUMMARY: parts 1-5 were read; the parser bug is in parse.ts.", usage: { inputTokens: 900, outputTokens: 90 } },
      { text: "Fixed.", usage: { inputTokens: 300, outputTokens: 3 } },
    );
    const events: AgentEvent[] = [];
    let snapshot: Message[] | undefined;
    const result = await runAgent({
      provider,
      model: modelInfo(4000, 500),
      agent: builtinAgents.build,
      system: "sys",
      messages: [...history, userMessage("go on")],
      tools: new ToolRegistry([dumpTool(100)]),
      onEvent: (e) => events.push(e),
      onContext: (m) => (snapshot = m),
    });
    expect(result).toMatchObject({ reason: "done", text: "Fixed." });
    const compactions = events.filter((e) => e.type === "compaction");
    expect(compactions.map((e) => (e as { kind: string }).kind)).toEqual(["shrink", "summary"]);
    // The summariser call is hidden: no step, no text delta for it.
    expect(events.filter((e) => e.type === "step")).toHaveLength(1);
    expect(events.some((e) => e.type === "text_delta" && e.text.includes("SUMMARY"))).toBe(false);
    const summariser = sentMessages(server, 0);
    expect(summariser[0].content).toMatch(/compress a coding agent's conversation/);
    expect(summariser[1].content).toContain("Step 1: reading part 1.");
    expect(server.requests[0]?.body.tools).toBeUndefined();
    // The summary fits the model's output reserve (500 here), not a fixed 2048 a small window cannot hold.
    expect(server.requests[0]?.body.max_tokens).toBe(500);

    const sent = sentMessages(server, 1);
    expect(sent[0]).toMatchObject({ role: "system", content: "sys" });
    // The first user message is kept, with the summary joined to it.
    const first = JSON.stringify(sent[1].content);
    expect(first).toContain("Investigate the logs and fix the parser.");
    expect(first).toContain("SUMMARY: parts 1-5 were read");
    // The latest turns survive verbatim; the oldest are gone.
    expect(sent.at(-1)).toMatchObject({ role: "user", content: "go on" });
    expect(JSON.stringify(sent)).not.toContain("Step 1: reading part 1.");
    expect(JSON.stringify(sent)).toContain("Step 6: reading part 6.");
    expectPaired(sent);
    expect(snapshot?.[0]?.content.some((p) => p.type === "text" && p.text.startsWith(SUMMARY_MARK))).toBe(true);
    expect(result.messages.length).toBeLessThan(history.length + 2);
    // The summariser call is billed, so it counts in the run's usage.
    expect(events.find((e) => e.type === "usage" && e.source === "compaction")).toMatchObject({ usage: { inputTokens: 900, outputTokens: 90 } });
    expect(result.usage).toMatchObject({ inputTokens: 1200, outputTokens: 93 });
  });

  it("drops old turns with a note when the summariser fails, and the run goes on", async () => {
    const history: Message[] = [userMessage("Start."), ...[1, 2, 3, 4, 5, 6].flatMap((i) => turn(i, 3000))];
    const { provider, server } = await setup(
      { fault: { kind: "http", status: 400, message: "bad summary request" } },
      { text: "Still here." },
    );
    const result = await runAgent({ provider, model: modelInfo(4000, 500), agent: builtinAgents.build, messages: [...history, userMessage("next")] });
    expect(result.text).toBe("Still here.");
    const sent = JSON.stringify(sentMessages(server, 1));
    expect(sent).toMatch(/earlier messages were removed to fit the context window/);
    expectPaired(sentMessages(server, 1));
  });

  it("truncates a tool result far larger than the window to its head and tail", async () => {
    const { provider, server } = await setup({ toolCalls: [{ name: "dump", arguments: { part: 1 } }] }, { text: "seen" });
    const events: AgentEvent[] = [];
    await runAgent({
      provider,
      model: modelInfo(8000, 1000),
      agent: builtinAgents.build,
      messages: [userMessage("find the needle")],
      tools: new ToolRegistry([dumpTool(400_000)], { outputBudget: false }),
      onEvent: (e) => events.push(e),
    });
    const result = sentMessages(server, 1).find((m) => m.role === "tool").content as string;
    expect(result).toContain("HEAD-MARK");
    expect(result).toContain("TAIL-MARK");
    expect(result).toMatch(/too large for the context window/);
    expect(result.length).toBeLessThan(8000 * 2.4);
    expect(events.find((e) => e.type === "tool_result_condensed")).toMatchObject({ method: "truncate", fromChars: expect.any(Number) });
  });

  it("condenses a huge tool result through the plugged-in RLM condenser with the user's question", async () => {
    const seen: { query: string; toolName: string; maxChars: number; size: number }[] = [];
    // Implements the interface structurally, as @codetether/rlm does: keeps the lines that mention the query's words.
    const condenser: RlmCondenser = {
      async condense({ content, toolName, query, maxChars }) {
        seen.push({ query, toolName, maxChars, size: content.length });
        const words = query.toLowerCase().split(/\W+/).filter((w) => w.length > 3);
        const hits = content.split("\n").filter((l) => words.some((w) => l.toLowerCase().includes(w)));
        return { text: hits.join("\n").slice(0, maxChars), stats: { lines: hits.length } };
      },
    };
    const { provider, server } = await setup({ toolCalls: [{ name: "dump", arguments: { part: 1 } }] }, { text: "found it" });
    await runAgent({
      provider,
      model: modelInfo(8000, 1000),
      agent: builtinAgents.build,
      messages: [userMessage("where is the needle?")],
      tools: new ToolRegistry([dumpTool(400_000)], { outputBudget: false }),
      condenser,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ toolName: "dump", query: "where is the needle?" });
    expect(seen[0]!.size).toBeGreaterThan(200_000);
    const result = sentMessages(server, 1).find((m) => m.role === "tool").content as string;
    expect(result).toContain("line 500 of part 1: NEEDLE found");
    expect(result).not.toContain("HEAD-MARK");
  });

  it("counts the usage a condenser reports into the run's totals, as a usage event naming the tool", async () => {
    const condenser: RlmCondenser = {
      async condense() {
        return { text: "line 500 of part 1: NEEDLE found", usage: { inputTokens: 7000, outputTokens: 70 }, cost: 0.5 };
      },
    };
    const { provider } = await setup(
      { toolCalls: [{ name: "dump", arguments: { part: 1 } }], usage: { inputTokens: 100, outputTokens: 10 } },
      { text: "found it", usage: { inputTokens: 200, outputTokens: 20 } },
    );
    const events: AgentEvent[] = [];
    const result = await runAgent({
      provider,
      model: modelInfo(8000, 1000),
      agent: builtinAgents.build,
      messages: [userMessage("where is the needle?")],
      tools: new ToolRegistry([dumpTool(400_000)], { outputBudget: false }),
      condenser,
      calculateCost: () => 0,
      onEvent: (e) => events.push(e),
    });
    expect(events.filter((e) => e.type === "usage" && e.source === "condenser")).toMatchObject([{ tool: "dump", usage: { inputTokens: 7000, outputTokens: 70 }, cost: 0.5 }]);
    expect(result.usage).toMatchObject({ inputTokens: 7300, outputTokens: 100 });
    expect(result.cost).toBe(0.5);
  });

  it("leaves a conversation under the threshold untouched", async () => {
    const { provider, server } = await setup({ text: "ok" });
    const history: Message[] = [userMessage("a"), ...turn(1, 100), userMessage("b")];
    const events: AgentEvent[] = [];
    await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: history, onEvent: (e) => events.push(e) });
    expect(events.some((e) => e.type === "compaction")).toBe(false);
    expect(server.requests).toHaveLength(1);
    expect(toolCallsOf(history[1] as Message)).toHaveLength(1);
  });

  it("after a context-length refusal from a model the catalog does not know, compacts to the stated window and makes the step again", async () => {
    const history: Message[] = [userMessage("Investigate the logs and fix the parser."), ...[1, 2, 3, 4, 5, 6].flatMap((i) => turn(i, 3000))];
    const { provider, server } = await setup(
      {
        fault: {
          kind: "http",
          status: 400,
          code: "context_length_exceeded",
          message: "This model's maximum context length is 4000 tokens. However, your messages resulted in 9000 tokens.",
        },
      },
      { text: "SUMMARY: parts 1-5 were read." },
      { text: "Fixed." },
    );
    const events: AgentEvent[] = [];
    // A bare model id: the loop assumes a large window until the provider says otherwise.
    const result = await runAgent({ provider, model: "local-model", agent: builtinAgents.build, messages: [...history, userMessage("go on")], onEvent: (e) => events.push(e) });
    expect(result).toMatchObject({ reason: "done", text: "Fixed.", steps: 1 });
    expect(events.filter((e) => e.type === "compaction").map((e) => (e as { kind: string }).kind)).toContain("summary");
    expect(sentMessages(server, 1)[0].content).toMatch(/compress a coding agent's conversation/);
    const retried = sentMessages(server, 2);
    expect(JSON.stringify(retried)).toContain("SUMMARY: parts 1-5 were read.");
    expect(JSON.stringify(retried)).not.toContain("Step 1: reading part 1.");
    expectPaired(retried);
  });

  it("ends with a context_overflow error naming the config fix when nothing is left to compact", async () => {
    const { provider, server } = await setup(
      { fault: { kind: "http", status: 400, code: "context_length_exceeded", message: "maximum context length is 2048 tokens" } },
      { text: "never sent" },
    );
    const result = await runAgent({ provider, model: "local-model", agent: builtinAgents.build, messages: [userMessage("x ".repeat(20_000))] });
    expect(result.reason).toBe("error");
    expect(result.error).toMatchObject({ code: "context_overflow", hint: expect.stringContaining("context_window") });
    expect(result.error?.message).toContain("maximum context length is 2048 tokens");
    // The same refused request is not sent again.
    expect(server.requests).toHaveLength(1);
  });
});
