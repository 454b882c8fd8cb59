import Anthropic from "@anthropic-ai/sdk";
import { userMessage, type StreamEvent } from "@codetether/core";
import { startAnthropicServer, startOpenAIServer, type FakeServer } from "@codetether/fixtures";
import { createProvider } from "@codetether/providers";
import OpenAI from "openai";
import { performance } from "node:perf_hooks";
import { defineBench, median, row, type BenchRow } from "./harness.js";

interface Timing {
  firstMs: number;
  totalMs: number;
  events: number;
}

/** Times one stream: from the call to its first text, and to its end. */
async function timeStream(open: () => AsyncIterable<unknown> | Promise<AsyncIterable<unknown>>, isText: (e: any) => boolean): Promise<Timing> {
  const start = performance.now();
  let firstMs = Number.NaN;
  let events = 0;
  for await (const event of await open()) {
    events += 1;
    if (Number.isNaN(firstMs) && isText(event)) firstMs = performance.now() - start;
  }
  return { firstMs, totalMs: performance.now() - start, events };
}

/** Alternates baseline and subject on the same scripted stream so machine drift hits both alike. */
async function compareStreams(
  server: FakeServer,
  turnText: string,
  baseline: () => Promise<Timing>,
  subject: () => Promise<Timing>,
  runs: number,
): Promise<{ base: Timing[]; ours: Timing[] }> {
  const base: Timing[] = [];
  const ours: Timing[] = [];
  for (let i = 0; i < runs + 2; i++) {
    server.enqueue({ text: turnText, chunkSize: 4 }, { text: turnText, chunkSize: 4 });
    const b = await baseline();
    const o = await subject();
    if (i >= 2) {
      base.push(b);
      ours.push(o);
    }
  }
  return { base, ours };
}

function rows(name: string, chunks: number, base: Timing[], ours: Timing[], sdk: string): BenchRow[] {
  const perEvent = (t: Timing[]) => median(t.map((x) => (x.totalMs * 1000) / x.events));
  return [
    row({
      bench: "providers",
      case: `${name}: time to first text event`,
      baseline: { label: `bare ${sdk}`, value: median(base.map((t) => t.firstMs)) },
      subject: { label: `createProvider("${name}")`, value: median(ours.map((t) => t.firstMs)) },
      unit: "ms",
      target: 1.1,
    }),
    row({
      bench: "providers",
      case: `${name}: per-event cost, ${chunks}-chunk stream`,
      baseline: { label: `bare ${sdk}`, value: perEvent(base) },
      subject: { label: `createProvider("${name}")`, value: perEvent(ours) },
      unit: "µs",
      target: 1.1,
    }),
  ];
}

export default defineBench({
  name: "providers",
  description: "Our provider layer against the bare SDK on the same fake stream: first event and per-event cost",
  async run({ quick, log }) {
    const chunks = quick ? 50 : 500;
    const runs = quick ? 3 : 11;
    const text = "abcd".repeat(chunks);
    const messages = [userMessage("stream please")];
    const out: BenchRow[] = [];

    const openaiServer = await startOpenAIServer();
    try {
      const baseURL = `${openaiServer.url}/v1`;
      const sdk = new OpenAI({ apiKey: "sk-bench", baseURL, maxRetries: 0 });
      const provider = createProvider({ id: "openai", apiKey: "sk-bench", baseUrl: baseURL });
      const { base, ours } = await compareStreams(
        openaiServer,
        text,
        () =>
          timeStream(
            () => sdk.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "stream please" }], stream: true, stream_options: { include_usage: true } }),
            (c: OpenAI.Chat.ChatCompletionChunk) => Boolean(c.choices[0]?.delta.content),
          ),
        () => timeStream(() => provider.stream({ model: "gpt-4o", messages }), (e: StreamEvent) => e.type === "text_delta"),
        runs,
      );
      out.push(...rows("openai", chunks, base, ours, "openai SDK"));
      log(`openai: ${runs} runs of ${chunks} chunks`);
    } finally {
      await openaiServer.close();
    }

    const anthropicServer = await startAnthropicServer();
    try {
      const sdk = new Anthropic({ apiKey: "sk-ant-bench", baseURL: anthropicServer.url, maxRetries: 0 });
      const provider = createProvider({ id: "anthropic", apiKey: "sk-ant-bench", baseUrl: anthropicServer.url });
      const { base, ours } = await compareStreams(
        anthropicServer,
        text,
        () =>
          timeStream(
            () => sdk.messages.create({ model: "claude-haiku-4-5", max_tokens: 16_384, messages: [{ role: "user", content: "stream please" }], stream: true }),
            (e: Anthropic.RawMessageStreamEvent) => e.type === "content_block_delta" && e.delta.type === "text_delta",
          ),
        () => timeStream(() => provider.stream({ model: "claude-haiku-4-5", messages }), (e: StreamEvent) => e.type === "text_delta"),
        runs,
      );
      out.push(...rows("anthropic", chunks, base, ours, "@anthropic-ai/sdk"));
      log(`anthropic: ${runs} runs of ${chunks} chunks`);
    } finally {
      await anthropicServer.close();
    }
    return out;
  },
});
