import { performance } from "node:perf_hooks";
import { builtinAgents, runAgent } from "@codetether/agent-loop";
import { userMessage, type ModelInfo, type Tool } from "@codetether/core";
import { startOpenAIServer } from "@codetether/fixtures";
import { createProvider } from "@codetether/providers";
import { ToolRegistry } from "@codetether/tools";
import { defineBench, median, row, type BenchRow } from "./harness.js";

const MODEL: ModelInfo = {
  id: "gpt-4o",
  provider: "fake",
  contextWindow: 128_000,
  maxOutputTokens: 4096,
  supportsTools: true,
  supportsVision: false,
  supportsReasoning: false,
};

/** A tool that does nothing, so a step's cost is the loop's plus one model call. */
const noop: Tool<{ n: number }> = {
  name: "noop",
  description: "Does nothing",
  readOnly: true,
  parameters: { type: "object", properties: { n: { type: "number" } }, required: ["n"] },
  async execute(args) {
    return { output: `ok ${args.n}` };
  },
};

const mb = (bytes: number) => bytes / 1024 / 1024;

async function settle(): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 200));
  return process.memoryUsage().rss;
}

export default defineBench({
  name: "agent-loop",
  description: "Loop overhead per step against a zero-latency fake model, and resident memory of idle loops",
  async run({ quick, log }) {
    const server = await startOpenAIServer();
    const provider = createProvider({ id: "fake", type: "openai-compatible", baseUrl: `${server.url}/v1` });
    const tools = new ToolRegistry([noop]);
    const steps = quick ? 5 : 20;
    const rounds = quick ? 3 : 9;
    const rows: BenchRow[] = [];
    try {
      // Per step: one model call that asks for a tool, as the loop sees it vs as a bare stream.
      const toolTurn = (n: number) => ({ toolCalls: [{ name: "noop", arguments: { n } }], usage: { inputTokens: 50, outputTokens: 10 } });
      const bare: number[] = [];
      const loop: number[] = [];
      for (let r = 0; r < rounds + 1; r++) {
        for (let i = 0; i < steps; i++) server.enqueue(toolTurn(i));
        let t = performance.now();
        for (let i = 0; i < steps; i++) {
          for await (const _ of provider.stream({ model: "gpt-4o", messages: [userMessage("go")], tools: tools.definitions() })) void _;
        }
        const bareMs = (performance.now() - t) / steps;
        for (let i = 0; i < steps - 1; i++) server.enqueue(toolTurn(i));
        server.enqueue({ text: "done", usage: { inputTokens: 50, outputTokens: 2 } });
        t = performance.now();
        const result = await runAgent({ provider, model: MODEL, agent: builtinAgents.build, messages: [userMessage("go")], tools, maxSteps: steps + 1 });
        const loopMs = (performance.now() - t) / result.steps;
        if (result.steps !== steps) throw new Error(`expected ${steps} steps, ran ${result.steps} (${result.reason})`);
        if (r > 0) {
          bare.push(bareMs);
          loop.push(loopMs);
        }
      }
      rows.push(
        row({
          bench: "agent-loop",
          case: `ms per step (median of ${rounds} runs × ${steps} steps)`,
          baseline: { label: "bare provider.stream call", value: median(bare) },
          subject: { label: "runAgent step (call + tool + bookkeeping)", value: median(loop) },
          unit: "ms",
          target: 1.5,
        }),
      );

      // Memory: loops parked on a model that has not answered yet.
      const before = await settle();
      const idle = (count: number) => {
        for (let i = 0; i < count; i++) server.enqueue({ text: "late", delayMs: quick ? 1500 : 3000 });
        return Array.from({ length: count }, () =>
          runAgent({ provider, model: MODEL, agent: builtinAgents.build, system: "You are a bench.", messages: [userMessage("wait")], tools }),
        );
      };
      const one = idle(1);
      const withOne = await settle();
      await Promise.all(one);
      const base100 = await settle();
      const hundred = idle(100);
      const withHundred = await settle();
      await Promise.all(hundred);
      log(`rss before ${mb(before).toFixed(1)} MB, one idle loop ${mb(withOne).toFixed(1)} MB, 100 idle loops ${mb(withHundred).toFixed(1)} MB`);
      rows.push(
        row({
          bench: "agent-loop",
          case: "resident memory with one idle loop",
          baseline: { label: "process, no loop", value: mb(before) },
          subject: { label: "one loop waiting on the model", value: mb(withOne) },
          unit: "MB",
          target: 1.1,
        }),
        row({
          bench: "agent-loop",
          case: "resident memory with 100 concurrent idle loops",
          baseline: { label: "process, no loop", value: mb(base100) },
          subject: { label: "100 loops waiting on the model", value: mb(withHundred) },
          unit: "MB",
          target: 1.5,
          notes: `${((mb(withHundred) - mb(base100)) / 100 * 1024).toFixed(0)} KB per loop (fake server in the same process)`,
        }),
      );
    } finally {
      await server.close();
    }
    return rows;
  },
});
