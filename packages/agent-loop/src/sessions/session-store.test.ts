import { execFileSync } from "node:child_process";
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assistantMessage, userMessage, type Message } from "@codetether/core";
import { SessionStore } from "./session-store.js";

let base: string;
let repo: string;
let dataDir: string;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), "ct-sessions-"));
  repo = join(base, "repo");
  dataDir = join(base, "data");
  mkdirSync(join(repo, "src"), { recursive: true });
  execFileSync("git", ["init", "-q", "-b", "main", repo]);
});

afterEach(() => rmSync(base, { recursive: true, force: true }));

const toolTurn = (id: string): Message[] => [
  { role: "assistant", content: [{ type: "tool_call", id, name: "read", arguments: '{"path":"a.ts"}' }] },
  { role: "tool", content: [{ type: "tool_result", toolCallId: id, toolName: "read", content: "file body" }] },
];

describe("SessionStore", () => {
  it("appends messages and events to a JSONL file under the repository's git root and loads them back", async () => {
    const store = new SessionStore({ dataDir, cwd: join(repo, "src") });
    expect(store.root).toBe(repo);
    const info = await store.create({ model: "fake/m1", agent: "build" });
    expect(info.branch).toBe("main");
    await store.appendMessage(info.id, userMessage("fix the bug"));
    await store.appendEvent(info.id, { type: "usage", step: 1, usage: { inputTokens: 100, outputTokens: 20 }, cost: 0.5, totalUsage: { inputTokens: 100, outputTokens: 20 } });
    await store.appendMessage(info.id, assistantMessage("done"));

    const files = readdirSync(store.projectDir).filter((f) => f.endsWith(".jsonl"));
    expect(files).toEqual([`${info.id}.jsonl`]);
    const lines = readFileSync(join(store.projectDir, files[0] as string), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.kind)).toEqual(["session", "message", "event", "message"]);

    const loaded = await new SessionStore({ dataDir, cwd: repo }).load(info.id);
    expect(loaded.messages).toEqual([userMessage("fix the bug"), assistantMessage("done")]);
    expect(loaded.context).toEqual(loaded.messages);
    expect(loaded.info.tokens).toEqual({ input: 100, output: 20 });
    expect(loaded.info.cost).toBeCloseTo(0.5);
    const [listed] = await store.list();
    expect(listed).toMatchObject({ id: info.id, directory: join(repo, "src"), model: "fake/m1", messages: 2, tokens: { input: 100, output: 20 } });
  });

  it("ignores a torn last line on load and keeps later appends on their own line", async () => {
    const store = new SessionStore({ dataDir, cwd: repo });
    const info = await store.create();
    await store.appendMessage(info.id, userMessage("first"));
    const file = join(store.projectDir, `${info.id}.jsonl`);
    appendFileSync(file, '{"kind":"message","n":1,"time":1,"message":{"role":"assis');

    const fresh = new SessionStore({ dataDir, cwd: repo });
    const loaded = await fresh.load(info.id);
    expect(loaded.messages).toEqual([userMessage("first")]);
    expect(loaded.skippedLines).toBe(1);

    await fresh.appendMessage(info.id, userMessage("second"));
    const again = await new SessionStore({ dataDir, cwd: repo }).load(info.id);
    expect(again.messages).toEqual([userMessage("first"), userMessage("second")]);
  });

  it("continues from the compaction snapshot plus the messages after it", async () => {
    const store = new SessionStore({ dataDir, cwd: repo });
    const info = await store.create();
    const rec = store.recorder(info.id);
    rec.onEvent({ type: "message", message: userMessage("one") });
    rec.onEvent({ type: "message", message: assistantMessage("two") });
    rec.onEvent({ type: "text_delta", step: 1, text: "not recorded" });
    rec.onContext([userMessage("one + summary")]);
    rec.onEvent({ type: "message", message: assistantMessage("three") });
    await rec.flush();
    const loaded = await store.load(info.id);
    expect(loaded.messages.map((m) => m.content[0])).toHaveLength(3);
    expect(loaded.context).toEqual([userMessage("one + summary"), assistantMessage("three")]);
    expect(loaded.events.some((e) => e.event.type === "text_delta")).toBe(false);
  });

  it("lists this repository's sessions newest first, and every repository's with all", async () => {
    const other = join(base, "other");
    execFileSync("git", ["init", "-q", other]);
    const here = new SessionStore({ dataDir, cwd: repo });
    const there = new SessionStore({ dataDir, cwd: other });
    const a = await here.create({ title: "a" });
    const b = await there.create({ title: "b" });
    await new Promise((r) => setTimeout(r, 5));
    const c = await here.create({ title: "c" });
    expect((await here.list()).map((s) => s.id)).toEqual([c.id, a.id]);
    expect((await here.latest())?.id).toBe(c.id);
    expect((await here.list({ all: true })).map((s) => s.id).sort()).toEqual([a.id, b.id, c.id].sort());
    // Resolving an id looks beyond this repository, and unique prefixes work.
    expect((await here.load(b.id)).info.title).toBe("b");
    expect(await here.resolveId(c.id.slice(0, c.id.length - 3))).toBe(c.id);
    await expect(here.resolveId("ses_")).rejects.toMatchObject({ code: "session_id_ambiguous" });
    await expect(here.resolveId(" ")).rejects.toMatchObject({ code: "session_not_found" });
  });

  it("rebuilds a session missing from the index from its file", async () => {
    const store = new SessionStore({ dataDir, cwd: repo });
    const info = await store.create({ title: "kept" });
    await store.appendMessage(info.id, userMessage("hello"));
    writeFileSync(join(store.projectDir, "index.json"), "{ not json");
    const listed = await new SessionStore({ dataDir, cwd: repo }).list();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: info.id, title: "kept", messages: 1 });
  });

  it("forks at a message without separating a tool call from its result", async () => {
    const store = new SessionStore({ dataDir, cwd: repo });
    const info = await store.create({ title: "src" });
    for (const m of [userMessage("q"), ...toolTurn("c1"), assistantMessage("answer"), userMessage("q2")]) await store.appendMessage(info.id, m);
    const fork = await store.fork(info.id, 2);
    expect(fork.parentId).toBe(info.id);
    const loaded = await store.load(fork.id);
    // Cutting after the tool call (2) would orphan it, so the result comes along.
    expect(loaded.messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    const whole = await store.fork(info.id);
    expect((await store.load(whole.id)).messages).toHaveLength(5);
    await expect(store.fork(info.id, 9)).rejects.toMatchObject({ code: "fork_point_invalid" });
    // The source is untouched.
    expect((await store.load(info.id)).messages).toHaveLength(5);
  });

  it("deletes a session's file and index entry, and names a missing id clearly", async () => {
    const store = new SessionStore({ dataDir, cwd: repo });
    const keep = await store.create({ title: "keep" });
    const drop = await store.create({ title: "drop" });
    await store.delete(drop.id);
    expect((await store.list()).map((s) => s.id)).toEqual([keep.id]);
    const index = JSON.parse(readFileSync(join(store.projectDir, "index.json"), "utf8"));
    expect(index.sessions.map((s: { id: string }) => s.id)).toEqual([keep.id]);
    await expect(store.load(drop.id)).rejects.toMatchObject({ code: "session_not_found" });
  });

  it("lists an untitled session under the first line of its first prompt, as show does", async () => {
    const store = new SessionStore({ dataDir, cwd: repo });
    const direct = await store.create();
    await store.appendMessage(direct.id, userMessage("Fix the parser\nIt fails on empty input."));
    const recorded = await store.create();
    const recorder = store.recorder(recorded.id);
    recorder.onEvent({ type: "message", message: userMessage("Add a test for login") });
    recorder.onEvent({ type: "message", message: assistantMessage("Done.") });
    await recorder.flush();
    const titles = Object.fromEntries((await store.list()).map((s) => [s.id, s.title]));
    expect(titles).toEqual({ [direct.id]: "Fix the parser", [recorded.id]: "Add a test for login" });
    expect((await store.load(direct.id)).info.title).toBe("Fix the parser");
    await store.setTitle(direct.id, "Parser fix");
    expect((await store.list()).find((s) => s.id === direct.id)?.title).toBe("Parser fix");
  });

  it("records permissions allowed for the whole session and loads them back", async () => {
    const store = new SessionStore({ dataDir, cwd: repo });
    const info = await store.create();
    store.appendGrant(info.id, "bash", "npm test");
    store.appendGrant(info.id, "edit", "src/a.ts");
    expect((await new SessionStore({ dataDir, cwd: repo }).load(info.id)).grants).toEqual([
      { permission: "bash", pattern: "npm test" },
      { permission: "edit", pattern: "src/a.ts" },
    ]);
  });

  it("names the data dir and the fix when sessions cannot be written there", async () => {
    const notADir = join(base, "a-file");
    writeFileSync(notADir, "");
    const store = new SessionStore({ dataDir: notADir, cwd: repo });
    await expect(store.create()).rejects.toMatchObject({
      code: "session_storage",
      message: expect.stringContaining(join(notADir, "sessions")),
      hint: expect.stringContaining("CODETETHER_DATA_DIR"),
    });
  });

  it("records a title set after the first exchange", async () => {
    const store = new SessionStore({ dataDir, cwd: repo });
    const info = await store.create();
    await store.setTitle(info.id, "Fix login bug");
    expect((await store.list())[0]?.title).toBe("Fix login bug");
    expect((await store.load(info.id)).info.title).toBe("Fix login bug");
  });
});
