import { afterEach, describe, expect, it } from "vitest";
import type { FakeServer } from "@codetether/fixtures";
import { runCli } from "./helpers.js";
import { chatRequests, fakeProviderSandbox, spawnCliUntil } from "./run-helpers.js";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const LONG = "The first part of a long answer, streamed slowly so that there is time to interrupt it. ".repeat(4);

describe("codetether run interrupted (built binary)", () => {
  it("Ctrl-C mid-stream stops the run, keeps the partial answer, and --continue picks it up", async () => {
    const made = await fakeProviderSandbox([{ text: LONG, chunkSize: 8, chunkDelayMs: 30 }, { text: "Picking up where I left off." }], "[session]\nauto_title = false");
    servers.push(made.server);
    const { sandbox, server } = made;
    const run = await spawnCliUntil(["run", "--no-tools", "--format", "jsonl", "tell me a story"], sandbox, /"text_delta"[\s\S]*"text_delta"/);
    run.child.kill("SIGINT");
    const code = await run.exited;
    expect(code).toBe(130);
    const events = run.stdout().trim().split("\n").map((l) => JSON.parse(l));
    expect(events.at(-1)).toMatchObject({ type: "done", reason: "aborted" });
    const partial = events.filter((e) => e.type === "text_delta").map((e) => e.text).join("");

    const resumed = await runCli(["run", "--no-tools", "-c", "go on"], sandbox);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout.trim()).toBe("Picking up where I left off.");
    const sent = chatRequests(server)[1].messages.slice(1);
    expect(sent.map((m: { role: string }) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(sent[1].content.startsWith(partial)).toBe(true);
    expect(sent[1].content.length).toBeLessThan(LONG.length);
  });

  it("kill -9 during a run loses nothing already done, and the session resumes cleanly", async () => {
    const made = await fakeProviderSandbox(
      [
        { toolCalls: [{ id: "call_a", name: "list_dir", arguments: { path: "." } }] },
        { text: LONG, chunkSize: 8, chunkDelayMs: 50 },
        { text: "Resumed fine." },
      ],
      "[session]\nauto_title = false",
    );
    servers.push(made.server);
    const { sandbox, server } = made;
    const run = await spawnCliUntil(["run", "--format", "jsonl", "look around"], sandbox, /"step":2[\s\S]*"text_delta"/);
    run.child.kill("SIGKILL");
    await run.exited;
    const sessionId = JSON.parse(run.stdout().split("\n")[0] as string).sessionId;

    const shown = await runCli(["sessions", "show", sessionId, "--json"], sandbox);
    expect(shown.code).toBe(0);
    const saved = JSON.parse(shown.stdout);
    expect(saved.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant", "tool"]);

    const resumed = await runCli(["run", "-c", "continue please"], sandbox);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout.trim()).toBe("Resumed fine.");
    const sent = chatRequests(server)[2].messages.slice(1);
    expect(sent.map((m: { role: string }) => m.role)).toEqual(["user", "assistant", "tool", "user"]);
    expect(sent[1].tool_calls[0].id).toBe("call_a");
    expect(sent[2].tool_call_id).toBe("call_a");
  });

  it("prints the answer before the title call, so a slow title never holds it back", async () => {
    const made = await fakeProviderSandbox([{ text: "The answer is 4." }, { text: "Arithmetic", delayMs: 30_000 }]);
    servers.push(made.server);
    const run = await spawnCliUntil(["run", "--no-tools", "2+2?"], made.sandbox, /The answer is 4\./);
    // The answer is out while the run still waits on the (slow) title; before, it came only after it.
    expect(run.child.exitCode).toBeNull();
    run.child.kill("SIGKILL");
    await run.exited;
  });
});
