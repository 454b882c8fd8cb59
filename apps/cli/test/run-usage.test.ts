import { afterEach, describe, expect, it } from "vitest";
import type { FakeServer, ScriptedTurn } from "@codetether/fixtures";
import { runCli } from "./helpers.js";
import { chatRequests, fakeProviderSandbox } from "./run-helpers.js";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("codetether run: session usage", () => {
  it("counts every model call of the run — steps, the rlm tool's calls and the title call — into the session's totals", async () => {
    const turns: ScriptedTurn[] = [
      { toolCalls: [{ name: "rlm", arguments: { query: "Which service failed?", content: "10:00 INFO up\n10:09 ERROR billing 502\n" } }], usage: { inputTokens: 100, outputTokens: 10 } },
      // The rlm tool's own model calls: one REPL step, then the answer.
      { text: '```repl\ngrep("ERROR")\n```', usage: { inputTokens: 2000, outputTokens: 200 } },
      { text: 'FINAL("billing")', usage: { inputTokens: 30000, outputTokens: 3000 } },
      { text: "Billing failed.", usage: { inputTokens: 400000, outputTokens: 40000 } },
      // The title, asked after the first exchange.
      { text: "Billing failure", usage: { inputTokens: 5000000, outputTokens: 500000 } },
    ];
    const made = await fakeProviderSandbox(turns);
    servers.push(made.server);
    const result = await runCli(["run", "--format", "json", "what failed?"], made.sandbox);
    expect(result.code).toBe(0);
    const id = JSON.parse(result.stdout).sessionId as string;

    const requests = chatRequests(made.server);
    expect(requests).toHaveLength(turns.length);
    const sum = turns.reduce((acc, t) => ({ input: acc.input + (t.usage?.inputTokens ?? 0), output: acc.output + (t.usage?.outputTokens ?? 0) }), { input: 0, output: 0 });
    const shown = JSON.parse((await runCli(["sessions", "show", id, "--json"], made.sandbox)).stdout);
    expect(shown.info.title).toBe("Billing failure");
    expect(shown.info.tokens).toEqual(sum);
    // Each model call is one usage event on the session, the extra ones marked by their source.
    const usageEvents = shown.events.map((e: { event: { type: string } }) => e.event).filter((e: { type: string }) => e.type === "usage");
    expect(usageEvents.map((e: { source?: string; tool?: string }) => [e.source ?? "step", e.tool ?? ""])).toEqual([
      ["step", ""],
      ["tool", "rlm"],
      ["step", ""],
      ["title", ""],
    ]);
    const listed = JSON.parse((await runCli(["sessions", "list", "--json"], made.sandbox)).stdout);
    expect(listed[0].tokens).toEqual(sum);
  });

  it("counts the model calls that condensed an oversized tool result into the session's totals", async () => {
    const turns: ScriptedTurn[] = [
      { toolCalls: [{ name: "bash", arguments: { command: "seq 1 40000" } }], usage: { inputTokens: 100, outputTokens: 10 } },
      // The condenser's RLM call.
      { text: 'FINAL("the numbers 1 to 40000, one a line")', usage: { inputTokens: 2000, outputTokens: 200 } },
      { text: "It printed 40000 numbers.", usage: { inputTokens: 30000, outputTokens: 3000 } },
    ];
    const made = await fakeProviderSandbox(turns, "context_window = 6000\n[session]\nauto_title = false");
    servers.push(made.server);
    const result = await runCli(["run", "--yes", "--format", "jsonl", "count"], made.sandbox);
    expect(result.code).toBe(0);
    const events = result.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(events.find((e) => e.type === "tool_result_condensed")).toMatchObject({ tool: "bash", method: "rlm" });
    expect(events.filter((e) => e.type === "usage" && e.source === "condenser")).toMatchObject([{ tool: "bash", usage: { inputTokens: 2000, outputTokens: 200 } }]);

    expect(chatRequests(made.server)).toHaveLength(turns.length);
    const id = events.find((e) => e.sessionId)?.sessionId as string;
    const shown = JSON.parse((await runCli(["sessions", "show", id, "--json"], made.sandbox)).stdout);
    expect(shown.info.tokens).toEqual({ input: 32100, output: 3210 });
  });
});
