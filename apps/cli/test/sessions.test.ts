import { appendFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SessionStore } from "@codetether/agent-loop";
import { assistantMessage, userMessage } from "@codetether/core";
import type { FakeServer } from "@codetether/fixtures";
import { TodoStore } from "@codetether/tools";
import { runCli } from "./helpers.js";
import { chatRequests, fakeProviderSandbox } from "./run-helpers.js";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Two finished sessions on disk, written by the library the CLI uses (no model calls needed to list them). */
async function twoSessions() {
  const made = await fakeProviderSandbox();
  servers.push(made.server);
  const store = new SessionStore({ cwd: made.sandbox.cwd, dataDir: made.sandbox.dataDir });
  const make = async (title: string, question: string, answer: string) => {
    const info = await store.create({ model: "fake/gpt-4o", agent: "build" });
    await store.appendMessage(info.id, userMessage(question));
    await store.appendEvent(info.id, { type: "usage", step: 1, usage: { inputTokens: 10, outputTokens: 3 }, totalUsage: { inputTokens: 10, outputTokens: 3 } });
    await store.appendMessage(info.id, assistantMessage(answer));
    await store.setTitle(info.id, title);
    await new Promise((r) => setTimeout(r, 5));
    return info.id;
  };
  const a = await make("First title", "first question", "One.");
  const b = await make("Second title", "second question", "Two.");
  return { ...made, a, b };
}

describe("codetether sessions (built binary)", () => {
  it("lists this repository's sessions newest first, as a table or JSON", async () => {
    const { sandbox, a, b } = await twoSessions();
    const json = JSON.parse((await runCli(["sessions", "list", "--json"], sandbox)).stdout);
    expect(json.map((s: { id: string }) => s.id)).toEqual([b, a]);
    expect(json[0]).toMatchObject({ title: "Second title", model: "fake/gpt-4o", messages: 2, directory: sandbox.cwd, tokens: { input: 10, output: 3 } });
    const table = await runCli(["sessions", "list"], sandbox);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+UPDATED\s+MSGS\s+TOKENS\s+COST\s+TITLE/);
    expect(table.stdout).toMatch(new RegExp(`${b}.*Second title`));
  });

  it("shows a session's conversation, deletes it, and names a missing id", async () => {
    const { sandbox, a, b } = await twoSessions();
    const shown = await runCli(["sessions", "show", a], sandbox);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`Session  ${a}`);
    expect(shown.stdout).toContain("[0] user:\nfirst question");
    expect(shown.stdout).toContain("[1] assistant:\nOne.");
    const deleted = await runCli(["sessions", "delete", a, "--json"], sandbox);
    expect(JSON.parse(deleted.stdout)).toEqual({ deleted: a, title: "First title" });
    const list = JSON.parse((await runCli(["sessions", "list", "--json"], sandbox)).stdout);
    expect(list.map((s: { id: string }) => s.id)).toEqual([b]);
    const missing = await runCli(["sessions", "show", a], sandbox);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`No session "${a}"`);
  });

  it("shows the session's todo list and deletes it with the session", async () => {
    const { sandbox, a } = await twoSessions();
    const todos = new TodoStore(sandbox.dataDir);
    await todos.write(a, [
      { id: "1", content: "write the tests", status: "completed" },
      { id: "2", content: "fix the parser", status: "in_progress" },
    ]);
    const shown = await runCli(["sessions", "show", a], sandbox);
    expect(shown.stdout).toMatch(/Todos\n {2}\[x\] write the tests\n {2}\[~\] fix the parser/);
    const json = JSON.parse((await runCli(["sessions", "show", a, "--json"], sandbox)).stdout);
    expect(json.todos.map((t: { content: string }) => t.content)).toEqual(["write the tests", "fix the parser"]);
    expect((await runCli(["sessions", "delete", a], sandbox)).code).toBe(0);
    expect(existsSync(todos.pathFor(a))).toBe(false);
  });

  it("forks a session at a message into a new one that continues from there", async () => {
    const { sandbox, server, a } = await twoSessions();
    server.enqueue({ text: "Forked answer." });
    const fork = JSON.parse((await runCli(["sessions", "fork", a, "--at", "1", "--json"], sandbox)).stdout);
    expect(fork).toMatchObject({ parentId: a, forkedAt: 1, messages: 1 });
    const run = await runCli(["run", "--no-tools", "-s", fork.id, "instead, this"], sandbox);
    expect(run.code).toBe(0);
    expect(chatRequests(server).at(-1).messages.slice(1).map((m: { content: string }) => m.content)).toEqual(["first question", "instead, this"]);
  });

  it("ignores a torn last line left by a crash, in show and when continuing", async () => {
    const { sandbox, server, dataDir, b } = await (async () => {
      const made = await twoSessions();
      return { ...made, dataDir: made.sandbox.dataDir };
    })();
    const projectDir = readdirSync(join(dataDir, "sessions")).map((d) => join(dataDir, "sessions", d))[0] as string;
    appendFileSync(join(projectDir, `${b}.jsonl`), '{"kind":"message","n":2,"time":1,"message":{"role":"user","cont');
    const shown = JSON.parse((await runCli(["sessions", "show", b, "--json"], sandbox)).stdout);
    expect(shown.messages).toHaveLength(2);
    server.enqueue({ text: "Still consistent." });
    const resumed = await runCli(["run", "--no-tools", "-s", b, "after the crash"], sandbox);
    expect(resumed.code).toBe(0);
    expect(chatRequests(server).at(-1).messages.slice(1).map((m: { content: string }) => m.content)).toEqual([
      "second question",
      "Two.",
      "after the crash",
    ]);
    const after = JSON.parse((await runCli(["sessions", "show", b, "--json"], sandbox)).stdout);
    expect(after.messages).toHaveLength(4);
  });
});
