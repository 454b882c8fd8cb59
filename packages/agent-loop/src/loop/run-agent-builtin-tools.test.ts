import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { allowAll, userMessage } from "@codetether/core";
import type { FakeServer, ScriptedTurn } from "@codetether/fixtures";
import { createBuiltinTools, ToolRegistry } from "@codetether/tools";
import { builtinAgents } from "../agents/builtin-agents.js";
import type { AgentEvent } from "../events/agent-event.js";
import { fakeModel, modelInfo, sentMessages, tempRepo } from "../test-support/fake-model.js";
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
  const repo = tempRepo();
  cleanups.push(repo.cleanup);
  const tools = new ToolRegistry(createBuiltinTools({ root: repo.dir, dataDir: join(repo.dir, ".data") }));
  return { ...model, dir: repo.dir, tools };
}

/** Running, that is: a killed process whose parent died stays a zombie until init reaps it. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

describe("runAgent with the built-in tools", () => {
  it("does a multi-step task in a git repository: reads, edits, runs the tests, answers", async () => {
    const { provider, server, dir, tools } = await setup(
      { toolCalls: [{ name: "read_file", arguments: { path: "greet.js" } }] },
      { toolCalls: [{ name: "edit", arguments: { path: "greet.js", old_string: '"Helo"', new_string: '"Hello"' } }] },
      { toolCalls: [{ name: "bash", arguments: { command: "node check.js" } }] },
      { respond: (req) => ({ text: `Done. ${String(req.body.messages.at(-1).content).split("\n")[0]}` }) },
    );
    writeFileSync(join(dir, "greet.js"), 'module.exports = () => "Helo";\n');
    writeFileSync(join(dir, "check.js"), 'const g = require("./greet.js");\nif (g() !== "Hello") { console.log("FAIL"); process.exit(1); }\nconsole.log("PASS");\n');
    const events: AgentEvent[] = [];
    const result = await runAgent({
      provider,
      model: modelInfo(),
      agent: builtinAgents.build,
      messages: [userMessage("fix the greeting")],
      tools,
      root: dir,
      permissions: allowAll,
      onEvent: (e) => events.push(e),
    });
    expect(result).toMatchObject({ reason: "done", steps: 4, text: "Done. PASS" });
    expect(readFileSync(join(dir, "greet.js"), "utf8")).toBe('module.exports = () => "Hello";\n');
    expect(events.filter((e) => e.type === "tool_call_end").map((e) => [(e as { tool: string }).tool, (e as { success: boolean }).success])).toEqual([
      ["read_file", true],
      ["edit", true],
      ["bash", true],
    ]);
    expect(sentMessages(server, 1).find((m) => m.role === "tool").content).toContain("Helo");
  });

  it("aborting during a tool call stops its child process and keeps the call paired with a result", async () => {
    const { provider, dir, tools } = await setup({
      toolCalls: [{ id: "long1", name: "bash", arguments: { command: "sleep 30 & echo $! > sleeper.pid; wait" } }],
    });
    const controller = new AbortController();
    const started = Date.now();
    const result = await runAgent({
      provider,
      model: modelInfo(),
      agent: builtinAgents.build,
      messages: [userMessage("wait a while")],
      tools,
      root: dir,
      permissions: allowAll,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "tool_call_start") {
          const poll = setInterval(() => {
            if (existsSync(join(dir, "sleeper.pid"))) {
              clearInterval(poll);
              controller.abort();
            }
          }, 20);
        }
      },
    });
    expect(result.reason).toBe("aborted");
    expect(Date.now() - started).toBeLessThan(10_000);
    const pid = Number(readFileSync(join(dir, "sleeper.pid"), "utf8"));
    await new Promise((r) => setTimeout(r, 100));
    expect(alive(pid)).toBe(false);
    const last = result.messages.at(-1);
    expect(last?.role).toBe("tool");
    expect(last?.content[0]).toMatchObject({ type: "tool_result", toolCallId: "long1", isError: true });
  });
});
