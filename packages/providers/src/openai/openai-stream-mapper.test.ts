import { collectStream, type StreamEvent } from "@codetether/core";
import type OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { OpenAIStreamMapper } from "./openai-stream-mapper.js";

type Chunk = OpenAI.Chat.ChatCompletionChunk;

const chunk = (choice: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}): Chunk =>
  ({ id: "c1", object: "chat.completion.chunk", created: 1, model: "m", choices: choice ? [{ index: 0, finish_reason: null, ...choice }] : [], ...extra }) as unknown as Chunk;

async function fold(chunks: Chunk[]) {
  const mapper = new OpenAIStreamMapper();
  const events: StreamEvent[] = [...chunks.flatMap((c) => mapper.map(c)), ...mapper.end()];
  async function* replay() {
    yield* events;
  }
  return { events, response: await collectStream(replay(), "m") };
}

describe("OpenAI-compatible stream quirks", () => {
  it("treats a new id on a reused index as a new parallel call (hosts that send index 0 for all)", async () => {
    const { response } = await fold([
      chunk({ delta: { tool_calls: [{ index: 0, id: "a", function: { name: "read", arguments: '{"p":1}' } }] } }),
      chunk({ delta: { tool_calls: [{ index: 0, id: "b", function: { name: "read", arguments: '{"p":2}' } }] } }),
      chunk({ delta: {}, finish_reason: "tool_calls" }),
    ]);
    expect(response.message.content).toEqual([
      { type: "tool_call", id: "a", name: "read", arguments: '{"p":1}' },
      { type: "tool_call", id: "b", name: "read", arguments: '{"p":2}' },
    ]);
  });

  it("gives each call of one reply its own id when a host repeats one (every call named call_0)", async () => {
    const { response } = await fold([
      chunk({ delta: { tool_calls: [{ index: 0, id: "call_0", function: { name: "read", arguments: '{"p":1}' } }] } }),
      chunk({ delta: { tool_calls: [{ index: 1, id: "call_0", function: { name: "glob", arguments: '{"q":2}' } }] } }),
      chunk({ delta: { tool_calls: [{ index: 2, function: { name: "grep", arguments: "{}" } }] } }),
      chunk({ delta: {}, finish_reason: "tool_calls" }),
    ]);
    expect(response.message.content).toEqual([
      { type: "tool_call", id: "call_0", name: "read", arguments: '{"p":1}' },
      { type: "tool_call", id: "call_0_2", name: "glob", arguments: '{"q":2}' },
      { type: "tool_call", id: "call_2", name: "grep", arguments: "{}" },
    ]);
  });

  it("reads Moonshot's usage on the final choice and DeepSeek's prompt_cache_hit_tokens", async () => {
    const moonshot = await fold([chunk({ delta: { content: "x" }, finish_reason: "stop", usage: { prompt_tokens: 9, completion_tokens: 2, cached_tokens: 4 } })]);
    expect(moonshot.response.usage).toEqual({ inputTokens: 9, outputTokens: 2, cachedInputTokens: 4 });
    const deepseek = await fold([chunk({ delta: { content: "y" }, finish_reason: "stop" }), chunk(undefined, { usage: { prompt_tokens: 20, completion_tokens: 3, prompt_cache_hit_tokens: 16 } })]);
    expect(deepseek.response.usage).toEqual({ inputTokens: 20, outputTokens: 3, cachedInputTokens: 16 });
  });

  it("takes OpenRouter's `reasoning` field like `reasoning_content`, and maps finish reasons", async () => {
    const { response } = await fold([chunk({ delta: { reasoning: "hmm" } }), chunk({ delta: { content: "ok" }, finish_reason: "length" })]);
    expect(response.message.content).toEqual([
      { type: "reasoning", text: "hmm" },
      { type: "text", text: "ok" },
    ]);
    expect(response.finishReason).toBe("length");
  });

  it("closes calls a host never finished and reports tool_calls", async () => {
    const { events } = await fold([chunk({ delta: { tool_calls: [{ index: 0, id: "z", function: { name: "ls", arguments: "{}" } }] } })]);
    expect(events.slice(-2)).toEqual([
      { type: "tool_call_end", id: "z", name: "ls", arguments: "{}" },
      { type: "finish", reason: "tool_calls" },
    ]);
  });
});
