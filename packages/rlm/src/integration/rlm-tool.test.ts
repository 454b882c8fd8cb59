import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PermissionRequest, type ToolContext, type ToolEvent, allowAll, denyAll } from "@codetether/core";
import { type FakeServer, startOpenAIServer } from "@codetether/fixtures";
import { createProvider } from "@codetether/providers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rlmTool } from "./rlm-tool.js";

let server: FakeServer;
let root: string;
let outside: string;
beforeEach(async () => {
  server = await startOpenAIServer();
  root = await mkdtemp(join(tmpdir(), "rlm-tool-"));
  outside = await mkdtemp(join(tmpdir(), "rlm-outside-"));
  await mkdir(join(root, "logs"));
  await writeFile(join(root, "logs", "app.log"), "2026-11-02 10:00:00 INFO start\n2026-11-02 10:00:05 ERROR cache miss storm\n");
  await writeFile(join(root, "logs", "worker.log"), "2026-11-02 10:00:01 INFO worker up\n");
  await writeFile(join(root, "logs", "blob.bin"), Buffer.from([0, 1, 2, 3]));
  await writeFile(join(outside, "secret.txt"), "TOP SECRET\n");
});
afterEach(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

function context(overrides: Partial<ToolContext> = {}): ToolContext & { events: ToolEvent[]; asked: PermissionRequest[] } {
  const events: ToolEvent[] = [];
  const asked: PermissionRequest[] = [];
  return {
    root,
    signal: new AbortController().signal,
    permissions: { request: async (r) => (asked.push(r), allowAll.request(r)) },
    emit: (e) => events.push(e),
    events,
    asked,
    ...overrides,
  };
}

function tool() {
  return rlmTool({ provider: createProvider({ id: "fake", type: "openai-compatible", baseUrl: `${server.url}/v1` }), model: "gpt-4o-mini" });
}

describe("rlm tool", () => {
  it("reads a directory inside the workspace, joins its text files under FILE markers and answers", async () => {
    server.enqueue({ text: '```repl\ngrep("ERROR|=== FILE")\n```' }, { text: 'FINAL("logs/app.log has a cache miss storm")' });
    const ctx = context();
    const result = await tool().execute({ query: "Which file has errors?", paths: ["logs"] }, ctx);
    expect(result.isError).toBeUndefined();
    expect(result.output).toMatch(/^logs\/app\.log has a cache miss storm\n\n\[rlm: 2 iterations, 0 sub-queries, \d+ chars explored/);
    const transcript = JSON.stringify(server.requests[1]?.body.messages);
    expect(transcript).toContain("1: === FILE: logs/app.log ===");
    expect(transcript).toContain("3: 2026-11-02 10:00:05 ERROR cache miss storm");
    expect(transcript).toContain("4: === FILE: logs/worker.log ===");
    expect(transcript).not.toContain("blob.bin"); // binary files are skipped
    expect(ctx.asked).toEqual([{ permission: "read", pattern: "logs", title: "rlm reads logs" }]);
    expect(ctx.events.some((e) => e.type === "tool_output" && e.chunk.includes("grep("))).toBe(true);
    expect(result.metadata).toMatchObject({ partial: false, contentType: expect.any(String) });
  });

  it("expands a glob in paths to the matching files, refusing one that reaches outside the workspace", async () => {
    server.enqueue({ text: '```repl\ngrep("=== FILE")\n```' }, { text: 'FINAL("app.log and worker.log")' });
    // A single path passed as a plain string, as models sometimes do, is that path.
    const result = await tool().execute({ query: "Which logs are there?", paths: "logs/*.log" as unknown as string[] }, context());
    expect(result.isError).toBeUndefined();
    const transcript = JSON.stringify(server.requests[1]?.body.messages);
    expect(transcript).toContain("1: === FILE: logs/app.log ===");
    expect(transcript).toContain("=== FILE: logs/worker.log ===");
    expect(transcript).not.toContain("blob.bin");
    const none = await tool().execute({ query: "q", paths: ["logs/*.json"] }, context());
    expect(none).toMatchObject({ isError: true, output: expect.stringMatching(/logs\/\*\.json: no text file matches/) });
    const escape = await tool().execute({ query: "q", paths: [`../${outside.split("/").pop()}/*.txt`] }, context());
    expect(escape).toMatchObject({ isError: true, output: expect.stringMatching(/outside the workspace/) });
    expect(server.requests).toHaveLength(2);
  });

  it("answers about content passed inline", async () => {
    server.enqueue({ text: '```repl\ncount("b")\n```' }, { text: "FINAL(\"two\")" });
    const result = await tool().execute({ query: "How many b lines?", content: "a\nb\nb\n" }, context());
    expect(result.output.startsWith("two\n")).toBe(true);
    expect(JSON.stringify(server.requests[1]?.body.messages)).toContain('>>> count(\\"b\\")\\n2');
  });

  it("refuses paths outside the workspace, symlinks included, without calling the model", async () => {
    await symlink(join(outside, "secret.txt"), join(root, "link.txt"));
    for (const p of ["../" + outside.split("/").pop() + "/secret.txt", join(outside, "secret.txt"), "link.txt"]) {
      const result = await tool().execute({ query: "read it", paths: [p] }, context());
      expect(result.isError).toBe(true);
      expect(result.output).toMatch(/outside the workspace/);
    }
    expect(server.requests).toHaveLength(0);
  });

  it("reports a missing path, no input at all, and a denied read as tool errors", async () => {
    const missing = await tool().execute({ query: "q", paths: ["nope.log"] }, context());
    expect(missing).toMatchObject({ isError: true, output: expect.stringMatching(/Cannot read nope\.log: no such file or directory/) });
    const none = await tool().execute({ query: "q" }, context());
    expect(none).toMatchObject({ isError: true, output: expect.stringMatching(/needs `paths`/) });
    const noQuery = await tool().execute({ query: " ", content: "a\nb" }, context());
    expect(noQuery).toMatchObject({ isError: true, output: expect.stringMatching(/needs a `query`/) });
    const denied = await tool().execute({ query: "q", paths: ["logs"] }, context({ permissions: denyAll }));
    expect(denied).toMatchObject({ isError: true, output: "Permission to read logs was denied." });
    expect(server.requests).toHaveLength(0);
  });
});
