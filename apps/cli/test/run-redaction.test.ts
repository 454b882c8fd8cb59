import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeServer } from "@codetether/fixtures";
import { runCli } from "./helpers.js";
import { chatRequests, fakeProviderSandbox } from "./run-helpers.js";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const KEY = "sk-fake-provider-key-7f3a9c1e";

describe("codetether run keeps handed-out keys out of the model, the output and the session", () => {
  it("masks a key that a tool printed and that the model echoed", async () => {
    const { sandbox, server } = await fakeProviderSandbox(
      [
        { toolCalls: [{ name: "bash", arguments: { command: "cat notes.txt" } }] },
        { text: `I found the key ${KEY} in notes.txt.` },
      ],
      'api_key_env = "FAKE_PROVIDER_KEY"\n[session]\nauto_title = false',
    );
    servers.push(server);
    sandbox.env.FAKE_PROVIDER_KEY = KEY;
    writeFileSync(join(sandbox.cwd, "notes.txt"), `deploy with ${KEY}\n`);

    const result = await runCli(["run", "--yes", "--format", "jsonl", "what is in notes.txt?"], sandbox);
    expect(result.code).toBe(0);
    // The provider really was given the key (it authenticates with it)...
    const auth = server.requests.find((r) => r.path.endsWith("/chat/completions"))?.headers.authorization;
    expect(auth).toBe(`Bearer ${KEY}`);
    // ...but the tool result sent back to the model carries the mask, not the key.
    const secondRequest = JSON.stringify(chatRequests(server)[1].messages);
    expect(secondRequest).toContain("deploy with [REDACTED]");
    expect(secondRequest).not.toContain(KEY);
    // Nothing printed and nothing on disk holds the key.
    expect(result.stdout).toContain("[REDACTED]");
    expect(result.stdout + result.stderr).not.toContain(KEY);
    const sessionFiles = filesUnder(sandbox.dataDir);
    expect(sessionFiles.some((f) => f.endsWith(".jsonl"))).toBe(true);
    for (const file of sessionFiles) expect(readFileSync(file, "utf8")).not.toContain(KEY);
  });
});
