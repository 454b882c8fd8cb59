import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { allowAll, userMessage, type Message, type Tool } from "@codetether/core";
import type { FakeServer, ScriptedTurn } from "@codetether/fixtures";
import { ToolRegistry } from "@codetether/tools";
import { builtinAgents } from "../agents/builtin-agents.js";
import type { AgentEvent } from "../events/agent-event.js";
import { fakeModel, modelInfo, sentMessages, tempRepo } from "../test-support/fake-model.js";
import { CUT_ARGUMENTS_INSTRUCTION } from "./run-tool-calls.js";
import { runAgent } from "./run-agent.js";

const servers: FakeServer[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  cleanups.splice(0).forEach((c) => c());
});

async function setup(...turns: ScriptedTurn[]) {
  const model = await fakeModel(turns);
  servers.push(model.server);
  return model;
}

/** A real tool over an in-memory log: records when each call started and ended. */
function timedTool(name: string, readOnly: boolean, log: { name: string; id: string; start: number; end: number }[], ms = 60): Tool<{ id: string }> {
  return {
    name,
    description: `${name} something`,
    readOnly,
    parameters: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
    async execute(args) {
      const start = performance.now();
      await new Promise((r) => setTimeout(r, ms));
      log.push({ name, id: args.id, start, end: performance.now() });
      return { output: `${name} ${args.id} done` };
    },
  };
}

const counterTool = (calls: string[]): Tool<{ path: string }> => ({
  name: "look",
  description: "Looks at a path",
  readOnly: true,
  parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
  async execute(args) {
    calls.push(args.path);
    return { output: `nothing new at ${args.path}` };
  },
});

describe("runAgent", () => {
  it("streams text deltas and ends with done when the model answers without tools", async () => {
    const { provider, server } = await setup({ text: "Hello there, human.", usage: { inputTokens: 12, outputTokens: 5 } });
    const events: AgentEvent[] = [];
    const result = await runAgent({
      provider,
      model: modelInfo(),
      agent: builtinAgents.build,
      system: "You are a test.",
      messages: [userMessage("hi")],
      onEvent: (e) => events.push(e),
      calculateCost: (u) => (u.inputTokens + u.outputTokens) / 1000,
    });
    expect(result).toMatchObject({ reason: "done", text: "Hello there, human.", steps: 1, usage: { inputTokens: 12, outputTokens: 5 } });
    expect(result.cost).toBeCloseTo(0.017);
    const deltas = events.filter((e) => e.type === "text_delta").map((e) => (e as { text: string }).text);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe("Hello there, human.");
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["start", "step", "usage", "message", "done"]));
    expect(events.at(-1)).toMatchObject({ type: "done", reason: "done", text: "Hello there, human." });
    expect(sentMessages(server, 0)[0]).toMatchObject({ role: "system", content: "You are a test." });
  });

  it("runs read-only calls of one step concurrently and mutating ones in order, pairing results with call ids", async () => {
    const log: { name: string; id: string; start: number; end: number }[] = [];
    const tools = new ToolRegistry([timedTool("probe", true, log), timedTool("mutate", false, log)]);
    const { provider, server } = await setup(
      {
        toolCalls: [
          { id: "c1", name: "probe", arguments: { id: "1" } },
          { id: "c2", name: "probe", arguments: { id: "2" } },
          { id: "c3", name: "probe", arguments: { id: "3" } },
          { id: "c4", name: "mutate", arguments: { id: "4" } },
          { id: "c5", name: "probe", arguments: { id: "5" } },
        ],
      },
      { text: "all done" },
    );
    const result = await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: [userMessage("go")], tools });
    expect(result.reason).toBe("done");
    const at = (id: string) => log.find((l) => l.id === id)!;
    const firstEnd = Math.min(at("1").end, at("2").end, at("3").end);
    // The three probes overlapped; the write waited for them; the last probe waited for the write.
    expect(Math.max(at("1").start, at("2").start, at("3").start)).toBeLessThan(firstEnd);
    expect(at("4").start).toBeGreaterThanOrEqual(Math.max(at("1").end, at("2").end, at("3").end));
    expect(at("5").start).toBeGreaterThanOrEqual(at("4").end);
    const toolMessages = sentMessages(server, 1).filter((m) => m.role === "tool");
    expect(toolMessages.map((m) => [m.tool_call_id, m.content])).toEqual([
      ["c1", "probe 1 done"],
      ["c2", "probe 2 done"],
      ["c3", "probe 3 done"],
      ["c4", "mutate 4 done"],
      ["c5", "probe 5 done"],
    ]);
  });

  it("stops when the same tool call comes three times in a row, with a clear message", async () => {
    const calls: string[] = [];
    const tools = new ToolRegistry([counterTool(calls)]);
    const same = { toolCalls: [{ name: "look", arguments: { path: "src" } }] };
    const { provider } = await setup(same, { toolCalls: [{ name: "look", arguments: '{ "path" : "src" }' }] }, same, { text: "never" });
    const events: AgentEvent[] = [];
    const result = await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: [userMessage("go")], tools, onEvent: (e) => events.push(e) });
    expect(result.reason).toBe("repeated_tool_call");
    expect(calls).toEqual(["src", "src"]);
    expect(result.error?.message).toMatch(/called look with the same arguments 3 times in a row/);
    expect(events.find((e) => e.type === "error")).toMatchObject({ error: { code: "repeated_tool_call" } });
    // The conversation stays valid: the unrun call has its result.
    const last = result.messages.at(-1) as Message;
    expect(last.role).toBe("tool");
    expect(last.content[0]).toMatchObject({ type: "tool_result", isError: true });
  });

  it("answers a reply cut inside tool arguments by the output limit with a recovery instruction", async () => {
    const calls: string[] = [];
    const tools = new ToolRegistry([counterTool(calls)]);
    const { provider, server } = await setup(
      { toolCalls: [{ id: "cut1", name: "look", arguments: '{"path":"a very long pa' }], finishReason: "length" },
      { toolCalls: [{ id: "ok1", name: "look", arguments: { path: "short" } }] },
      { text: "recovered" },
    );
    const result = await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: [userMessage("go")], tools });
    expect(result).toMatchObject({ reason: "done", text: "recovered" });
    expect(calls).toEqual(["short"]);
    const recovery = sentMessages(server, 1).find((m) => m.role === "tool");
    expect(recovery.tool_call_id).toBe("cut1");
    expect(recovery.content).toContain(CUT_ARGUMENTS_INSTRUCTION);
  });

  it("stops at max steps", async () => {
    const calls: string[] = [];
    const tools = new ToolRegistry([counterTool(calls)]);
    const { provider } = await setup(
      { toolCalls: [{ name: "look", arguments: { path: "a" } }] },
      { toolCalls: [{ name: "look", arguments: { path: "b" } }] },
      { text: "unreached" },
    );
    const result = await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: [userMessage("go")], tools, maxSteps: 2 });
    expect(result).toMatchObject({ reason: "max_steps", steps: 2 });
    expect(calls).toEqual(["a", "b"]);
  });

  it("times out after a silence but keeps going while progress renews the timeout", async () => {
    const slow = await setup({ text: "late", delayMs: 600 });
    const stalled = await runAgent({ provider: slow.provider, model: modelInfo(), agent: builtinAgents.build, messages: [userMessage("go")], timeoutMs: 150 });
    expect(stalled.reason).toBe("timeout");
    expect(stalled.error?.code).toBe("agent_timeout");
    expect(stalled.error?.message).toContain("no progress for 150 ms");

    // 12 chunks 50 ms apart take ~600 ms in all, longer than the 450 ms timeout, but no gap comes near it.
    const steady = await setup({ text: "abcdefghijkl", chunkSize: 1, chunkDelayMs: 50 });
    const done = await runAgent({ provider: steady.provider, model: modelInfo(), agent: builtinAgents.build, messages: [userMessage("go")], timeoutMs: 450 });
    expect(done).toMatchObject({ reason: "done", text: "abcdefghijkl" });
  });

  it("aborts mid-stream keeping the partial text, and the conversation continues from there", async () => {
    const { provider, server } = await setup(
      { text: "Part one of a long answer that keeps going and going", chunkSize: 4, chunkDelayMs: 40 },
      { text: "Continued." },
    );
    const controller = new AbortController();
    let seen = "";
    const result = await runAgent({
      provider,
      model: modelInfo(),
      agent: builtinAgents.build,
      messages: [userMessage("tell me")],
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "text_delta") {
          seen += e.text;
          if (seen.length >= 8) controller.abort();
        }
      },
    });
    expect(result.reason).toBe("aborted");
    expect(result.error?.code).toBe("aborted");
    const partial = result.newMessages[0] as Message;
    expect(partial.role).toBe("assistant");
    const kept = (partial.content[0] as { text: string }).text;
    expect(kept.length).toBeGreaterThanOrEqual(8);
    expect("Part one of a long answer that keeps going and going".startsWith(kept)).toBe(true);
    expect(kept.length).toBeLessThan(52);

    const next = await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: [...result.messages, userMessage("continue")] });
    expect(next.text).toBe("Continued.");
    expect(sentMessages(server, 1).map((m) => m.role)).toEqual(["user", "assistant", "user"]);
  });

  it("ends a 429 storm with a typed error and leaves the conversation intact to continue", async () => {
    const storm = { fault: { kind: "http" as const, status: 429, message: "Rate limit reached" } };
    const { provider, server } = await setup(storm, storm, storm, { text: "back again" });
    const events: AgentEvent[] = [];
    const history = [userMessage("hello")];
    const failed = await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: history, onEvent: (e) => events.push(e) });
    expect(failed.reason).toBe("error");
    expect(failed.error?.code).toBeTruthy();
    expect(failed.error?.message).toMatch(/rate limit|429/i);
    expect(server.requests.length).toBe(3);
    expect(events.find((e) => e.type === "error")).toMatchObject({ error: { code: failed.error?.code } });
    expect(failed.messages).toEqual(history);
    const again = await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: failed.messages });
    expect(again.text).toBe("back again");
  });

  it("offers only read-only tools while plan mode is active", async () => {
    const log: { name: string; id: string; start: number; end: number }[] = [];
    const tools = new ToolRegistry([timedTool("probe", true, log, 1), timedTool("mutate", false, log, 1)]);
    // PlanModeState's shape: the loop reads `active` before each step.
    const plan = { active: true };
    const { provider, server } = await setup({ toolCalls: [{ id: "m1", name: "mutate", arguments: { id: "x" } }] }, { text: "ok" });
    await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: [userMessage("go")], tools, planMode: plan });
    const offered = server.requests[0]?.body.tools.map((t: { function: { name: string } }) => t.function.name);
    expect(offered).toEqual(["probe"]);
    expect(log).toEqual([]);
    expect(sentMessages(server, 1).find((m) => m.role === "tool").content).toMatch(/not available/);
  });

  it("gives a plan agent only read-only tools and an explicit list agent only its tools", async () => {
    const log: { name: string; id: string; start: number; end: number }[] = [];
    const tools = new ToolRegistry([timedTool("probe", true, log, 1), timedTool("mutate", false, log, 1)]);
    const { provider, server } = await setup({ text: "a" }, { text: "b" });
    await runAgent({ provider, model: modelInfo(), agent: builtinAgents.plan, messages: [userMessage("go")], tools });
    await runAgent({ provider, model: modelInfo(), agent: { ...builtinAgents.build, tools: ["mutate"] }, messages: [userMessage("go")], tools });
    const names = (n: number) => server.requests[n]?.body.tools.map((t: { function: { name: string } }) => t.function.name);
    expect(names(0)).toEqual(["probe"]);
    expect(names(1)).toEqual(["mutate"]);
  });

  it("passes permission requests of tools to the gate and reports them", async () => {
    const gated: Tool<{ what: string }> = {
      name: "risky",
      description: "Does something that needs approval",
      parameters: { type: "object", properties: { what: { type: "string" } }, required: ["what"] },
      async execute(args, ctx) {
        const ok = await ctx.permissions.request({ permission: "risky", pattern: args.what });
        ctx.emit({ type: "permission_asked", tool: "risky", permission: "risky", pattern: args.what, granted: ok });
        return ok ? { output: "did it" } : { output: "refused", isError: true };
      },
    };
    const { provider, server } = await setup({ toolCalls: [{ name: "risky", arguments: { what: "rm x" } }] }, { text: "fine" });
    const events: AgentEvent[] = [];
    await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: [userMessage("go")], tools: new ToolRegistry([gated]), onEvent: (e) => events.push(e) });
    // No gate given: a library run denies what would need asking.
    expect(sentMessages(server, 1).find((m) => m.role === "tool").content).toMatch(/refused$/);
    expect(events.find((e) => e.type === "permission")).toMatchObject({ tool: "risky", pattern: "rm x", granted: false });
    expect(events.find((e) => e.type === "tool_call_end")).toMatchObject({ tool: "risky", success: false });

    const again = await setup({ toolCalls: [{ name: "risky", arguments: { what: "rm x" } }] }, { text: "fine" });
    await runAgent({ provider: again.provider, model: modelInfo(), agent: builtinAgents.build, messages: [userMessage("go")], tools: new ToolRegistry([gated]), permissions: allowAll });
    expect(sentMessages(again.server, 1).find((m) => m.role === "tool").content).toBe("did it");
  });

  it("reports a tool that throws to the model instead of crashing", async () => {
    const { dir, cleanup } = tempRepo();
    cleanups.push(cleanup);
    writeFileSync(join(dir, "x.txt"), "x");
    const broken: Tool = {
      name: "broken",
      description: "always throws",
      parameters: { type: "object", properties: {} },
      async execute() {
        throw new Error("disk on fire");
      },
    };
    const { provider, server } = await setup({ toolCalls: [{ name: "broken", arguments: {} }] }, { text: "sorry" });
    const result = await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: [userMessage("go")], tools: new ToolRegistry([broken]), root: dir });
    expect(result.reason).toBe("done");
    const tool = sentMessages(server, 1).find((m) => m.role === "tool");
    expect(tool.content).toMatch(/disk on fire/);
  });

  it("continues a conversation cut between a tool call and its result (a crash) without a provider error", async () => {
    const { provider, server } = await setup({ text: "Let me redo that." });
    const cut: Message[] = [userMessage("run it"), { role: "assistant", content: [{ type: "tool_call", id: "lost1", name: "look", arguments: '{"path":"x"}' }] }, userMessage("continue")];
    const result = await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: cut });
    expect(result.reason).toBe("done");
    const sent = sentMessages(server, 0);
    expect(sent.map((m) => m.role)).toEqual(["user", "assistant", "tool", "user"]);
    expect(sent[2]).toMatchObject({ tool_call_id: "lost1" });
    expect(sent[2].content).toMatch(/interrupted before this tool call finished/);
  });

  it("gives calls a server numbered the same in every reply (call_0) distinct ids, so results stay paired on continue", async () => {
    const calls: string[] = [];
    const { provider, server } = await setup(
      { toolCalls: [{ id: "call_0", name: "look", arguments: { path: "a" } }] },
      { toolCalls: [{ id: "call_0", name: "look", arguments: { path: "b" } }] },
      { text: "looked" },
      { text: "again" },
    );
    const tools = new ToolRegistry([counterTool(calls)]);
    const first = await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: [userMessage("look")], tools });
    expect(calls).toEqual(["a", "b"]);
    await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: [...first.messages, userMessage("more")], tools });
    const sent = sentMessages(server, 3);
    const ids = sent.flatMap((m) => (m.tool_calls ?? []).map((c: { id: string }) => c.id));
    expect(new Set(ids).size).toBe(2);
    const results = sent.filter((m) => m.role === "tool").map((m) => [m.tool_call_id, m.content]);
    expect(results).toEqual([
      [ids[0], "nothing new at a"],
      [ids[1], "nothing new at b"],
    ]);
  });

  it("runs many steps without piling abort listeners on one signal (no MaxListenersExceededWarning)", async () => {
    const calls: string[] = [];
    const turns: ScriptedTurn[] = Array.from({ length: 14 }, (_, i) => ({ toolCalls: [{ name: "look", arguments: { path: `p${i}` } }] }));
    const { provider } = await setup(...turns, { text: "done" });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on("warning", onWarning);
    try {
      const signal = new AbortController().signal;
      const result = await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: [userMessage("go")], tools: new ToolRegistry([counterTool(calls)]), signal });
      expect(result).toMatchObject({ reason: "done", steps: 15 });
      // Warnings are emitted on the next tick.
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((w) => w.includes("MaxListenersExceeded"))).toEqual([]);
  });

  it("answers malformed tool arguments from the model with tool errors and goes on", async () => {
    const calls: string[] = [];
    const { provider, server } = await setup(
      {
        toolCalls: [
          { id: "m1", name: "look", arguments: '{"path": "a"' },
          { id: "m2", name: "look", arguments: "null" },
          { id: "m3", name: "look", arguments: "[1, 2]" },
          { id: "m4", name: "look", arguments: { path: 42 } },
          { id: "m5", name: "no_such_tool", arguments: "{}" },
          { id: "m6", name: "look", arguments: "" },
        ],
      },
      { text: "recovered" },
    );
    const result = await runAgent({ provider, model: modelInfo(), agent: builtinAgents.build, messages: [userMessage("go")], tools: new ToolRegistry([counterTool(calls)]) });
    expect(result).toMatchObject({ reason: "done", text: "recovered" });
    expect(calls).toEqual([]);
    const results = sentMessages(server, 1).filter((m) => m.role === "tool");
    expect(results.map((m) => m.tool_call_id)).toEqual(["m1", "m2", "m3", "m4", "m5", "m6"]);
    for (const r of results) expect(r.content).toMatch(/JSON|must be|required|Unknown tool|Invalid/i);
  });
});
