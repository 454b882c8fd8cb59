import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeServer } from "@codetether/fixtures";
import { runCli } from "./helpers.js";
import { chatRequests, fakeProviderSandbox } from "./run-helpers.js";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const SUMMARISER = /compress a coding agent's conversation/;
const filler = (word: string) => `${word} ${"lorem ipsum dolor sit amet ".repeat(60)}`;

describe("codetether run and the context window", () => {
  it("compacts against context_window from the provider's config table (a model the catalog does not know)", async () => {
    const { sandbox, server } = await fakeProviderSandbox(
      [{ text: "first answer" }, { text: "second answer" }, { text: "SUMMARY OF THE EARLIER TURNS" }, { text: "third answer" }],
      "context_window = 2000\nmax_output_tokens = 500\n[session]\nauto_title = false",
    );
    servers.push(server);
    await runCli(["run", "--no-tools", filler("one")], sandbox);
    await runCli(["run", "--no-tools", "-c", filler("two")], sandbox);
    const third = await runCli(["run", "--no-tools", "-c", filler("three")], sandbox);
    expect(third.code).toBe(0);
    expect(third.stdout.trim()).toBe("third answer");
    expect(third.stderr).toMatch(/context compacted: \d+ older messages summarised/);
    const requests = chatRequests(server);
    expect(requests[2].messages[0].content).toMatch(SUMMARISER);
    const sent = JSON.stringify(requests[3].messages);
    expect(sent).toContain("SUMMARY OF THE EARLIER TURNS");
    expect(sent).not.toContain("first answer");
  });

  it("without that setting, recovers from the server's context-length refusal by compacting and trying again", async () => {
    const refusal = {
      fault: {
        kind: "http" as const,
        status: 400,
        code: "context_length_exceeded",
        message: "This model's maximum context length is 2000 tokens. However, you requested 2600 tokens.",
      },
    };
    const { sandbox, server } = await fakeProviderSandbox(
      [{ text: "first answer" }, { text: "second answer" }, refusal, { text: "SUMMARY OF THE EARLIER TURNS" }, { text: "third answer" }],
      "[session]\nauto_title = false",
    );
    servers.push(server);
    await runCli(["run", "--no-tools", filler("one")], sandbox);
    await runCli(["run", "--no-tools", "-c", filler("two")], sandbox);
    const third = await runCli(["run", "--no-tools", "-c", filler("three")], sandbox);
    expect(third.stderr).toMatch(/context compacted/);
    expect(third.code).toBe(0);
    expect(third.stdout.trim()).toBe("third answer");
    expect(chatRequests(server)[3].messages[0].content).toMatch(SUMMARISER);
  });

  it("refuses an attached file larger than half the window before recording anything", async () => {
    const { sandbox, server } = await fakeProviderSandbox([{ text: "never" }], "context_window = 2000\n[session]\nauto_title = false");
    servers.push(server);
    writeFileSync(join(sandbox.cwd, "big.log"), "a line of the log that goes on\n".repeat(400));
    const result = await runCli(["run", "--no-tools", "-f", "big.log", "what failed?"], sandbox);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot attach big\.log: it is about \d+ tokens, more than half of gpt-4o's 2000-token context window/);
    expect(server.requests).toHaveLength(0);
    expect(JSON.parse((await runCli(["sessions", "list", "--json"], sandbox)).stdout)).toEqual([]);
  });
});
