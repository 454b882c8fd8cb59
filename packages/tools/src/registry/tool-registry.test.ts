import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allowAll, type ToolContext, type ToolEvent } from "@codetether/core";
import { defineTool } from "./define-tool.js";
import { ToolRegistry } from "./tool-registry.js";
import { ToolInputError } from "../errors/tool-input-error.js";

function context(events: ToolEvent[] = [], root = tmpdir()): ToolContext {
  return { root, signal: new AbortController().signal, permissions: allowAll, emit: (e) => events.push(e), callId: "call-1" };
}

const echo = defineTool<{ text: string; times?: number; mode?: "upper" | "lower" }>({
  name: "echo",
  description: "Echoes text",
  readOnly: true,
  parameters: {
    type: "object",
    properties: {
      text: { type: "string" },
      times: { type: "integer", minimum: 1, maximum: 5 },
      mode: { type: "string", enum: ["upper", "lower"] },
    },
    required: ["text"],
    additionalProperties: false,
  },
  async execute(args) {
    const text = args.mode === "upper" ? args.text.toUpperCase() : args.text;
    return { output: Array.from({ length: args.times ?? 1 }, () => text).join("\n"), title: "echo" };
  },
});

const failing = defineTool<{ why: string }>({
  name: "failing",
  description: "Throws",
  parameters: { type: "object", properties: { why: { type: "string" } }, required: ["why"] },
  async execute(args) {
    if (args.why === "input") throw new ToolInputError("why=input is not allowed", { field: "why", hint: "Use another reason." });
    throw new TypeError(`boom: ${args.why}`);
  },
});

const batchLike = defineTool<{ edits: { path: string; n: number }[] }>({
  name: "nested",
  description: "Has nested items",
  parameters: {
    type: "object",
    properties: {
      edits: {
        type: "array",
        minItems: 1,
        items: { type: "object", properties: { path: { type: "string" }, n: { type: "number" } }, required: ["path", "n"] },
      },
    },
    required: ["edits"],
  },
  async execute(args) {
    return { output: `${args.edits.length}` };
  },
});

describe("ToolRegistry", () => {
  const registry = new ToolRegistry([echo, failing, batchLike], { outputBudget: false });

  it("runs a valid call from JSON text and from an object", async () => {
    expect((await registry.execute("echo", '{"text":"hi","times":2}', context())).output).toBe("hi\nhi");
    expect((await registry.execute("echo", { text: "x", mode: "upper" }, context())).output).toBe("X");
  });

  it("names a missing required field so the model can retry", async () => {
    const result = await registry.execute("echo", "{}", context());
    expect(result.isError).toBe(true);
    expect(result.output).toContain("`text` is required but missing");
  });

  it("names fields with the wrong type, out-of-range values, bad enums and unknown fields", async () => {
    const result = await registry.execute("echo", { text: 5, times: 9, mode: "shout", colour: "red" }, context());
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/`text` must be string, got integer 5/);
    expect(result.output).toMatch(/`times` must be <= 5/);
    expect(result.output).toMatch(/`mode` must be one of "upper", "lower"/);
    expect(result.output).toMatch(/`colour` is not a known field \(expected: text, times, mode\)/);
    expect(result.metadata?.fields).toEqual(["text", "times", "mode", "colour"]);
  });

  it("names fields inside array items by index", async () => {
    const result = await registry.execute("nested", { edits: [{ path: "a", n: 1 }, { path: 3 }] }, context());
    expect(result.output).toContain("`edits[1].path` must be string");
    expect(result.output).toContain("`edits[1].n` is required but missing");
    expect((await registry.execute("nested", { edits: [] }, context())).output).toContain("`edits` must have at least 1 items");
  });

  it("answers unparsable JSON with a tool error describing the problem", async () => {
    const result = await registry.execute("echo", '{"text": "unterminated', context());
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/not valid JSON/);
    const arr = await registry.execute("echo", "[1,2]", context());
    expect(arr.output).toMatch(/must be a JSON object, got an array/);
  });

  it("treats null for an optional field as absent", async () => {
    expect((await registry.execute("echo", { text: "a", times: null }, context())).output).toBe("a");
  });

  it("lists the available tools when the name is unknown", async () => {
    const result = await registry.execute("ech0", "{}", context());
    expect(result.isError).toBe(true);
    expect(result.output).toContain('Unknown tool "ech0"');
    expect(result.output).toContain("echo, failing, nested");
  });

  it("turns thrown errors into tool errors, with the hint of a CodetetherError", async () => {
    const plain = await registry.execute("failing", { why: "bug" }, context());
    expect(plain).toMatchObject({ isError: true, output: "boom: bug" });
    const typed = await registry.execute("failing", { why: "input" }, context());
    expect(typed.isError).toBe(true);
    expect(typed.output).toBe("why=input is not allowed\nHint: Use another reason.");
  });

  it("emits start and end events with the argument preview, duration and success", async () => {
    const events: ToolEvent[] = [];
    await registry.execute("echo", { text: "hello" }, context(events));
    await registry.execute("failing", { why: "x" }, context(events));
    expect(events.map((e) => e.type)).toEqual(["tool_start", "tool_end", "tool_start", "tool_end"]);
    expect(events[0]).toMatchObject({ tool: "echo", callId: "call-1", argsPreview: '{"text":"hello"}' });
    expect(events[1]).toMatchObject({ tool: "echo", success: true, outputPreview: "hello", title: "echo" });
    expect(events[3]).toMatchObject({ tool: "failing", success: false });
    const end = events[1] as Extract<ToolEvent, { type: "tool_end" }>;
    expect(end.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("still returns the result when an event listener throws", async () => {
    const ctx = { ...context(), emit: () => { throw new Error("view crashed"); } };
    expect(await registry.execute("echo", { text: "ok" }, ctx)).toMatchObject({ output: "ok" });
  });

  it("does not run a tool when the call was already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await registry.execute("echo", { text: "a" }, { ...context(), signal: controller.signal });
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/aborted/);
  });

  it("offers definitions for providers and filtered views", () => {
    expect(registry.definitions().map((d) => d.name)).toEqual(["echo", "failing", "nested"]);
    expect(registry.definitions()[0]?.parameters).toBe(echo.parameters);
    expect(registry.readOnlyView().names()).toEqual(["echo"]);
    expect(registry.view(["echo", "nested"]).names()).toEqual(["echo", "nested"]);
    expect(registry.view(["*", "!failing"]).names()).toEqual(["echo", "nested"]);
    expect(registry.view(["fail*"]).names()).toEqual(["failing"]);
  });

  it("refuses two tools with one name", () => {
    expect(() => new ToolRegistry([echo, echo])).toThrow(/already registered/);
  });
});

describe("ToolRegistry output budget", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "ct-budget-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("cuts a huge output to head and tail and saves the whole of it", async () => {
    const registry = new ToolRegistry([echo], { outputBudget: { spillDir: dir, maxLines: 100 } });
    const text = Array.from({ length: 500 }, (_, i) => `line ${i + 1}`).join("\n");
    const result = await registry.execute("echo", { text }, context());
    expect(result.output).toContain("line 1\n");
    expect(result.output).toContain("line 500");
    expect(result.output).not.toContain("line 250\n");
    expect(result.output).toMatch(/400 lines .* omitted/);
    const saved = result.metadata?.fullOutputPath as string;
    expect(saved.startsWith(dir)).toBe(true);
    expect(result.output).toContain(saved);
    expect(await readFile(saved, "utf8")).toBe(text);
  });
});
