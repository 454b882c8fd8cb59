import { AbortedError, systemMessage, userMessage, type Message } from "@codetether/core";
import { startAnthropicServer, type FakeServer } from "@codetether/fixtures";
import { registerSecret } from "@codetether/secrets";
import { afterEach, describe, expect, it } from "vitest";
import { calculateCost, createProvider, ProviderError } from "../index.js";
import { collectEvents, FAST_RETRY, textOf } from "../test-support/collect-events.js";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const weather = { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } } } };
const claude = (s: FakeServer, apiKey = "sk-ant-test-key") => createProvider({ id: "anthropic", apiKey, baseUrl: s.url, retry: FAST_RETRY });

describe("Anthropic provider through @anthropic-ai/sdk", () => {
  it("streams text deltas and sends the system prompt and last turn as cache breakpoints", async () => {
    server = await startAnthropicServer({ turns: [{ text: "Bonjour tout le monde", chunkSize: 4 }] });
    const events = await collectEvents(
      claude(server).stream({ model: "claude-haiku-4-5", messages: [systemMessage("Be brief."), userMessage("hi")] }),
    );
    expect(events[0]).toMatchObject({ type: "start", model: "claude-haiku-4-5" });
    expect(events.filter((e) => e.type === "text_delta").length).toBeGreaterThan(3);
    expect(textOf(events)).toBe("Bonjour tout le monde");
    expect(events.at(-1)).toEqual({ type: "finish", reason: "stop" });
    const body = server.requests[0]?.body;
    expect(body.system).toEqual([{ type: "text", text: "Be brief.", cache_control: { type: "ephemeral" } }]);
    expect(body.messages).toEqual([{ role: "user", content: [{ type: "text", text: "hi", cache_control: { type: "ephemeral" } }] }]);
    expect(body.max_tokens).toBe(16_384);
    expect(server.requests[0]?.headers["x-api-key"] ?? server.requests[0]?.headers.authorization).toMatch(/sk-ant-test-key/);
  });

  it("round-trips a tool call: tool_use out, tool_result back in a user turn", async () => {
    server = await startAnthropicServer({
      turns: [
        { text: "Let me check.", toolCalls: [{ id: "toolu_1", name: "get_weather", arguments: { city: "Paris" } }] },
        {
          respond: (request) => {
            const result = request.body.messages[2].content[0];
            return { text: `Result: ${result.content}` };
          },
        },
      ],
    });
    const provider = claude(server);
    const messages: Message[] = [userMessage("Weather?")];
    const first = await provider.complete({ model: "claude-haiku-4-5", messages, tools: [weather], toolChoice: "auto" });
    expect(first.message.content).toEqual([
      { type: "text", text: "Let me check." },
      { type: "tool_call", id: "toolu_1", name: "get_weather", arguments: '{"city":"Paris"}' },
    ]);
    expect(first.finishReason).toBe("tool_calls");
    expect(server.requests[0]?.body.tools).toEqual([{ name: "get_weather", description: "Weather for a city", input_schema: weather.parameters }]);
    expect(server.requests[0]?.body.tool_choice).toEqual({ type: "auto" });

    messages.push(first.message, { role: "tool", content: [{ type: "tool_result", toolCallId: "toolu_1", content: "sunny", isError: false }] });
    const second = await provider.complete({ model: "claude-haiku-4-5", messages, tools: [weather] });
    expect(second.message.content).toEqual([{ type: "text", text: "Result: sunny" }]);
    const sent = server.requests[1]?.body.messages;
    expect(sent[1]).toEqual({
      role: "assistant",
      content: [
        { type: "text", text: "Let me check." },
        { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
      ],
    });
    expect(sent[2]).toEqual({ role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "sunny", cache_control: { type: "ephemeral" } }] });
  });

  it("keeps several tool_use blocks of one turn apart", async () => {
    server = await startAnthropicServer({
      turns: [{ toolCalls: [{ name: "get_weather", arguments: { city: "Oslo" } }, { name: "get_weather", arguments: { city: "Lima" } }], chunkSize: 3 }],
    });
    const events = await collectEvents(claude(server).stream({ model: "claude-haiku-4-5", messages: [userMessage("two")], tools: [weather] }));
    const ends = events.filter((e) => e.type === "tool_call_end");
    expect(ends.map((e) => e.type === "tool_call_end" && e.arguments)).toEqual(['{"city":"Oslo"}', '{"city":"Lima"}']);
    const ids = new Set(ends.map((e) => e.type === "tool_call_end" && e.id));
    expect(ids.size).toBe(2);
    expect(events.filter((e) => e.type === "tool_call_delta").length).toBeGreaterThan(4);
  });

  it("streams thinking with its signature and sends the signed block back unchanged", async () => {
    server = await startAnthropicServer({ turns: [{ reasoning: "Consider the user.", reasoningSignature: "sig-abc==", text: "Hi" }, { text: "ok" }] });
    const provider = claude(server);
    const first = await provider.complete({ model: "claude-haiku-4-5", messages: [userMessage("hi")], reasoning: { budgetTokens: 2048 } });
    expect(first.message.content).toEqual([
      { type: "reasoning", text: "Consider the user.", signature: "sig-abc==" },
      { type: "text", text: "Hi" },
    ]);
    expect(server.requests[0]?.body.thinking).toEqual({ type: "enabled", budget_tokens: 2048 });
    await provider.complete({ model: "claude-haiku-4-5", messages: [userMessage("hi"), first.message, userMessage("more")] });
    expect(server.requests[1]?.body.messages[1].content[0]).toEqual({ type: "thinking", thinking: "Consider the user.", signature: "sig-abc==" });
  });

  it("counts cache reads and writes inside input tokens and prices each at its own rate", async () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 200_000, cachedInputTokens: 500_000, cacheWriteTokens: 100_000 };
    server = await startAnthropicServer({ turns: [{ text: "cached", usage }] });
    const response = await claude(server).complete({ model: "claude-haiku-4-5", messages: [userMessage("hi")] });
    expect(response.usage).toEqual(usage);
    // Haiku 4.5: 1 in, 0.10 cache read, 1.25 cache write, 5 out per million.
    expect(calculateCost("anthropic/claude-haiku-4-5", response.usage)).toBeCloseTo(0.4 * 1 + 0.5 * 0.1 + 0.1 * 1.25 + 0.2 * 5, 10);
  });

  it("retries a 429 with Retry-After 0 and an overloaded 529, then answers", async () => {
    server = await startAnthropicServer({
      turns: [{ fault: { kind: "http", status: 429, retryAfter: 0 } }, { fault: { kind: "http", status: 529 } }, { text: "finally" }],
    });
    const response = await claude(server).complete({ model: "claude-haiku-4-5", messages: [userMessage("hi")] });
    expect(textOf([{ type: "text_delta", text: (response.message.content[0] as { text: string }).text }])).toBe("finally");
    expect(server.requests).toHaveLength(3);
  });

  it("gives up on a 500 storm with an unavailable ProviderError carrying Anthropic's message", async () => {
    const storm = { fault: { kind: "http" as const, status: 500, message: "Internal server error" } };
    server = await startAnthropicServer({ turns: [storm, storm, storm] });
    const error = await claude(server).complete({ model: "claude-haiku-4-5", messages: [userMessage("hi")] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "unavailable", status: 500, providerMessage: "Internal server error", attempts: 3 });
  });

  it("retries a stream cut before the first token", async () => {
    server = await startAnthropicServer({ turns: [{ text: "lost", fault: { kind: "cut", afterChunks: 1 } }, { text: "again" }] });
    const events = await collectEvents(claude(server).stream({ model: "claude-haiku-4-5", messages: [userMessage("hi")] }));
    expect(textOf(events)).toBe("again");
    expect(server.requests).toHaveLength(2);
  });

  it("turns a malformed event into a typed error", async () => {
    server = await startAnthropicServer({ turns: [{ fault: { kind: "malformed" } }] });
    const error = await claude(server).complete({ model: "claude-haiku-4-5", messages: [userMessage("hi")] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "unavailable", retryable: false });
  });

  it("classifies a too-long prompt as context_overflow and redacts a key inside the error", async () => {
    const key = "sk-ant-api03-echoedKEY0987654321";
    registerSecret(key);
    server = await startAnthropicServer({
      turns: [
        { fault: { kind: "http", status: 400, message: "prompt is too long: 250000 tokens > 200000 maximum" } },
        { fault: { kind: "http", status: 401, message: `invalid x-api-key ${key}` } },
      ],
    });
    const provider = claude(server, key);
    await expect(provider.complete({ model: "claude-haiku-4-5", messages: [userMessage("x")] })).rejects.toMatchObject({ kind: "context_overflow" });
    const auth = (await provider.complete({ model: "claude-haiku-4-5", messages: [userMessage("x")] }).catch((e: unknown) => e)) as ProviderError;
    expect(auth.kind).toBe("auth");
    expect(auth.message).not.toContain(key);
    expect(auth.message).toContain("[REDACTED]");
  });

  it("stops mid-stream on abort with AbortedError", async () => {
    server = await startAnthropicServer({ turns: [{ text: "a long answer that keeps going for a while", chunkSize: 2, chunkDelayMs: 20 }] });
    const controller = new AbortController();
    let deltas = 0;
    const error = await (async () => {
      for await (const e of claude(server!).stream({ model: "claude-haiku-4-5", messages: [userMessage("go")], signal: controller.signal })) {
        if (e.type === "text_delta" && ++deltas === 2) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(deltas).toBe(2);
  });
});
