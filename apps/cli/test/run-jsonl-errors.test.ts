import { afterEach, describe, expect, it } from "vitest";
import type { FakeServer } from "@codetether/fixtures";
import { runCli } from "./helpers.js";
import { fakeProviderSandbox } from "./run-helpers.js";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("codetether run --format jsonl when the run cannot start", () => {
  it.each([
    ["an unknown provider", ["--model", "nosuchprovider/x", "hello"]],
    ["a missing -f file", ["-f", "does-not-exist.txt", "hello"]],
  ])("still ends with an error line and then done, for %s", async (_case, args) => {
    const { sandbox, server } = await fakeProviderSandbox([]);
    servers.push(server);
    const result = await runCli(["run", "--format", "jsonl", ...args], sandbox);
    expect(result.code).not.toBe(0);
    const lines = result.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(["error", "done"]);
    expect(lines[0].error.message).toMatch(/\S/);
    expect(lines[1]).toMatchObject({ type: "done", reason: "error", steps: 0 });
    expect(server.requests).toHaveLength(0);
  });
});
