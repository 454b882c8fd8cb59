import { describe, expect, it } from "vitest";
import { allowAll, type ToolContext, type ToolEvent } from "@codetether/core";
import { ToolRegistry } from "../registry/tool-registry.js";
import { createBatchTool } from "./batch-tool.js";

function registryWithProbe(concurrency: number) {
  let running = 0;
  let peak = 0;
  const registry = new ToolRegistry([], { outputBudget: false });
  registry.register({
    name: "probe",
    description: "waits and echoes",
    readOnly: true,
    parameters: { type: "object", properties: { ms: { type: "integer" }, text: { type: "string" } }, required: ["text"] },
    async execute(args: { ms?: number; text: string }) {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, args.ms ?? 30));
      running--;
      if (args.text === "fail") throw new Error("probe failed on purpose");
      return { output: `echo:${args.text}` };
    },
  });
  registry.register(createBatchTool({ registry, concurrency }));
  return { registry, peak: () => peak };
}

const events: ToolEvent[] = [];
const ctx: ToolContext = { root: "/", signal: new AbortController().signal, permissions: allowAll, emit: (e) => events.push(e), callId: "b1" };

describe("batch", () => {
  it("runs independent calls in parallel within the bound and labels each result in order", async () => {
    const { registry, peak } = registryWithProbe(2);
    const calls = ["a", "b", "c", "d", "e"].map((text, i) => ({ tool: "probe", arguments: { text, ms: 60 - i * 10 } }));
    const result = await registry.execute("batch", { calls }, ctx);
    expect(peak()).toBe(2);
    expect(result.output).toBe(
      [
        "## [1] probe — ok\necho:a",
        "## [2] probe — ok\necho:b",
        "## [3] probe — ok\necho:c",
        "## [4] probe — ok\necho:d",
        "## [5] probe — ok\necho:e",
        "5 of 5 calls succeeded.",
      ].join("\n\n"),
    );
    const ids = events.filter((e) => e.type === "tool_start" && e.tool === "probe").map((e) => e.callId);
    expect(new Set(ids)).toEqual(new Set(["b1#1", "b1#2", "b1#3", "b1#4", "b1#5"]));
  });

  it("reports each failing call (unknown tool, bad arguments, thrown error) without failing the others", async () => {
    const { registry } = registryWithProbe(4);
    const result = await registry.execute(
      "batch",
      { calls: [{ tool: "probe", arguments: { text: "ok" } }, { tool: "nope" }, { tool: "probe", arguments: {} }, { tool: "probe", arguments: { text: "fail" } }] },
      ctx,
    );
    expect(result.isError).toBe(false);
    expect(result.output).toContain("## [1] probe — ok\necho:ok");
    expect(result.output).toMatch(/## \[2\] nope — error\n.*nope/);
    expect(result.output).toMatch(/## \[3\] probe — error\n[\s\S]*`text` is required/);
    expect(result.output).toContain("## [4] probe — error\nprobe failed on purpose");
    expect(result.output).toContain("1 of 4 calls succeeded.");
  });

  it("refuses a batch nested inside a batch", async () => {
    const { registry } = registryWithProbe(2);
    const result = await registry.execute("batch", { calls: [{ tool: "batch", arguments: { calls: [{ tool: "probe", arguments: { text: "x" } }] } }] }, ctx);
    expect(result.isError).toBe(true);
    expect(result.output).toContain("batch cannot be nested inside batch");
    expect(result.output).not.toContain("echo:x");
  });

  it("reaches only the tools of the registry view it was called through (an agent's allow list)", async () => {
    const { registry } = registryWithProbe(2);
    let wrote = false;
    registry.register({
      name: "write",
      description: "a tool the view leaves out",
      parameters: { type: "object", properties: {} },
      async execute() {
        wrote = true;
        return { output: "written" };
      },
    });
    const view = registry.view(["probe", "batch"]);
    const result = await view.execute("batch", { calls: [{ tool: "probe", arguments: { text: "ok" } }, { tool: "write" }] }, ctx);
    expect(result.output).toContain("echo:ok");
    expect(result.output).toMatch(/\[2\] write — error\nUnknown tool "write"/);
    expect(wrote).toBe(false);
    // The full registry's batch still reaches every tool.
    expect((await registry.execute("batch", { calls: [{ tool: "write" }] }, ctx)).output).toContain("written");
  });
});
