import { AbortedError, userMessage, type Message } from "@codetether/core";
import { startOpenAIServer, type FakeServer } from "@codetether/fixtures";
import { registerSecret } from "@codetether/secrets";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { calculateCost, createProvider, ProviderError } from "../index.js";
import { collectEvents, FAST_RETRY, textOf } from "../test-support/collect-events.js";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const weather = { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } } } };

function openai(s: FakeServer, id = "openai") {
  return createProvider({ id, apiKey: "sk-test-key", baseUrl: `${s.url}/v1`, retry: FAST_RETRY });
}

describe("OpenAI chat provider through the openai SDK", () => {
  it("streams text as several deltas and completes with usage and a stop reason", async () => {
    server = await startOpenAIServer({ turns: [{ text: "Hello from the fake model", chunkSize: 5, usage: { inputTokens: 10, outputTokens: 6 } }] });
    const events = await collectEvents(openai(server).stream({ model: "gpt-4o", messages: [userMessage("hi")] }));
    expect(events[0]).toMatchObject({ type: "start", model: "gpt-4o" });
    expect(events.filter((e) => e.type === "text_delta").length).toBeGreaterThan(3);
    expect(textOf(events)).toBe("Hello from the fake model");
    expect(events.at(-2)).toEqual({ type: "usage", usage: { inputTokens: 10, outputTokens: 6, cachedInputTokens: 0, reasoningTokens: 0 } });
    expect(events.at(-1)).toEqual({ type: "finish", reason: "stop" });
    const body = server.requests[0]?.body;
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true });
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-test-key");
  });

  it("complete() returns the assembled assistant message", async () => {
    server = await startOpenAIServer({ turns: [{ text: "Plain answer" }] });
    const response = await openai(server).complete({ model: "gpt-4o", messages: [userMessage("hi")], maxTokens: 100, temperature: 0.2 });
    expect(response.message).toEqual({ role: "assistant", content: [{ type: "text", text: "Plain answer" }] });
    expect(response.finishReason).toBe("stop");
    expect(server.requests[0]?.body).toMatchObject({ max_completion_tokens: 100, temperature: 0.2 });
  });

  it("runs a tool-call round trip: the call streams out, the result goes back as a tool message", async () => {
    server = await startOpenAIServer({
      turns: [
        { toolCalls: [{ id: "call_w1", name: "get_weather", arguments: { city: "Paris" } }], chunkSize: 4 },
        {
          respond: (request) => {
            const toolMessage = request.body.messages.find((m: { role: string }) => m.role === "tool");
            return { text: `It is ${toolMessage.content} in Paris` };
          },
        },
      ],
    });
    const provider = openai(server);
    const messages: Message[] = [userMessage("Weather in Paris?")];
    const first = await collectEvents(provider.stream({ model: "gpt-4o", messages, tools: [weather] }));
    expect(first.filter((e) => e.type === "tool_call_delta").length).toBeGreaterThan(1);
    expect(first).toContainEqual({ type: "tool_call_start", id: "call_w1", name: "get_weather" });
    expect(first).toContainEqual({ type: "tool_call_end", id: "call_w1", name: "get_weather", arguments: '{"city":"Paris"}' });
    expect(first.at(-1)).toEqual({ type: "finish", reason: "tool_calls" });
    expect(server.requests[0]?.body.tools).toEqual([{ type: "function", function: weather }]);
    expect(server.requests[0]?.body.parallel_tool_calls).toBe(true);

    messages.push({ role: "assistant", content: [{ type: "tool_call", id: "call_w1", name: "get_weather", arguments: '{"city":"Paris"}' }] });
    messages.push({ role: "tool", content: [{ type: "tool_result", toolCallId: "call_w1", content: "sunny" }] });
    const second = await provider.complete({ model: "gpt-4o", messages, tools: [weather] });
    expect(second.message.content).toEqual([{ type: "text", text: "It is sunny in Paris" }]);
    expect(server.requests[1]?.body.messages).toEqual([
      { role: "user", content: "Weather in Paris?" },
      { role: "assistant", content: null, tool_calls: [{ id: "call_w1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
      { role: "tool", tool_call_id: "call_w1", content: "sunny" },
    ]);
  });

  it("keeps several tool calls of one turn apart, in order, with raw JSON arguments", async () => {
    server = await startOpenAIServer({
      turns: [
        {
          toolCalls: [
            { id: "call_a", name: "get_weather", arguments: { city: "Oslo" } },
            { id: "call_b", name: "get_weather", arguments: { city: "Lima" } },
            { id: "call_c", name: "broken", arguments: '{"city": "Ro' },
          ],
        },
      ],
    });
    const response = await openai(server).complete({ model: "gpt-4o", messages: [userMessage("three")], tools: [weather] });
    expect(response.message.content).toEqual([
      { type: "tool_call", id: "call_a", name: "get_weather", arguments: '{"city":"Oslo"}' },
      { type: "tool_call", id: "call_b", name: "get_weather", arguments: '{"city":"Lima"}' },
      { type: "tool_call", id: "call_c", name: "broken", arguments: '{"city": "Ro' },
    ]);
    expect(response.finishReason).toBe("tool_calls");
  });

  it("reads reasoning_content as reasoning parts and sends it back to Moonshot on the next turn", async () => {
    server = await startOpenAIServer({ turns: [{ reasoning: "Think about greetings.", text: "Hi!" }, { text: "ok" }] });
    const kimi = openai(server, "moonshotai");
    const response = await kimi.complete({ model: "kimi-k2.5", messages: [userMessage("hi")] });
    expect(response.message.content).toEqual([
      { type: "reasoning", text: "Think about greetings." },
      { type: "text", text: "Hi!" },
    ]);
    await kimi.complete({ model: "kimi-k2.5", messages: [userMessage("hi"), response.message, userMessage("again")] });
    expect(server.requests[1]?.body.messages[1]).toEqual({ role: "assistant", content: "Hi!", reasoning_content: "Think about greetings." });
    expect(server.requests[1]?.body.max_completion_tokens).toBeUndefined();
  });

  it("reports cached input tokens and prices them separately", async () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 100_000, cachedInputTokens: 400_000, reasoningTokens: 20_000 };
    server = await startOpenAIServer({ turns: [{ text: "cached", usage }] });
    const response = await openai(server, "moonshotai").complete({ model: "kimi-k2.5", messages: [userMessage("hi")] });
    expect(response.usage).toEqual(usage);
    // kimi-k2.5: 0.60 in, 0.10 cached, 3.00 out per million.
    expect(calculateCost("moonshotai/kimi-k2.5", response.usage)).toBeCloseTo(0.6 * 0.6 + 0.4 * 0.1 + 0.1 * 3.0, 10);
  });

  it("waits for Retry-After after a 429, then succeeds", async () => {
    server = await startOpenAIServer({ turns: [{ fault: { kind: "http", status: 429, retryAfter: 1 } }, { text: "after the wait" }] });
    const started = Date.now();
    const response = await openai(server).complete({ model: "gpt-4o", messages: [userMessage("hi")] });
    expect(response.message.content).toEqual([{ type: "text", text: "after the wait" }]);
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("does not sit out a Retry-After longer than the policy allows: the rate_limit error surfaces at once", async () => {
    server = await startOpenAIServer({ turns: [{ fault: { kind: "http", status: 429, retryAfter: 120, message: "slow down" } }, { text: "never" }] });
    const error = await openai(server).complete({ model: "gpt-4o", messages: [userMessage("hi")] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "rate_limit", status: 429, retryAfterMs: 120_000, attempts: 1, providerMessage: "slow down" });
    expect((error as ProviderError).hint).toMatch(/rate-limiting/);
    expect(server.requests).toHaveLength(1);
  });

  it("gives up on a 500 storm after the configured attempts with an unavailable ProviderError", async () => {
    const storm = { fault: { kind: "http" as const, status: 500, message: "upstream exploded" } };
    server = await startOpenAIServer({ turns: [storm, storm, storm, storm] });
    const error = await openai(server).complete({ model: "gpt-4o", messages: [userMessage("hi")] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "unavailable", status: 500, providerId: "openai", providerMessage: "upstream exploded", attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it("retries a refused connection, then reports the host unavailable", async () => {
    const closed = await startOpenAIServer();
    const url = `${closed.url}/v1`;
    await closed.close();
    const provider = createProvider({ id: "local", type: "openai-compatible", baseUrl: url, retry: FAST_RETRY });
    const error = await provider.complete({ model: "m", messages: [userMessage("hi")] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "unavailable", providerId: "local", retryable: true, attempts: 3 });
    expect((error as ProviderError).status).toBeUndefined();
    // The message says what failed where, not only "Connection error.".
    expect((error as ProviderError).message).toMatch(/ECONNREFUSED 127\.0\.0\.1:\d+/);
  });

  it("retries a stream cut before the first token and delivers the retry's answer once", async () => {
    server = await startOpenAIServer({ turns: [{ text: "lost", fault: { kind: "cut", afterChunks: 1 } }, { text: "second try" }] });
    const events = await collectEvents(openai(server).stream({ model: "gpt-4o", messages: [userMessage("hi")] }));
    expect(textOf(events)).toBe("second try");
    expect(events.filter((e) => e.type === "start")).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it("surfaces a stream cut after tokens went out instead of repeating them", async () => {
    server = await startOpenAIServer({ turns: [{ text: "partial answer text", chunkSize: 4, fault: { kind: "cut", afterChunks: 3 } }, { text: "never" }] });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const e of openai(server!).stream({ model: "gpt-4o", messages: [userMessage("hi")] })) if (e.type === "text_delta") seen.push(e.text);
    })().catch((e: unknown) => e);
    expect(seen.join("")).toBe("partial ");
    expect(error).toMatchObject({ kind: "unavailable", retryable: true });
    expect(server.requests).toHaveLength(1);
  });

  it("turns a malformed JSON stream into a typed error without retrying", async () => {
    server = await startOpenAIServer({ turns: [{ fault: { kind: "malformed" } }, { text: "never" }] });
    const error = await openai(server).complete({ model: "gpt-4o", messages: [userMessage("hi")] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "unavailable", retryable: false });
    expect((error as ProviderError).message).toMatch(/invalid response/);
    expect(server.requests).toHaveLength(1);
  });

  it("classifies a context-length 400 as context_overflow and a 401 as auth, without retrying", async () => {
    server = await startOpenAIServer({
      turns: [
        { fault: { kind: "http", status: 400, message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 200000 tokens." } },
        { fault: { kind: "http", status: 401, message: "Incorrect API key provided" } },
      ],
    });
    const provider = openai(server);
    await expect(provider.complete({ model: "gpt-4o", messages: [userMessage("x")] })).rejects.toMatchObject({ kind: "context_overflow", status: 400 });
    await expect(provider.complete({ model: "gpt-4o", messages: [userMessage("x")] })).rejects.toMatchObject({ kind: "auth", status: 401 });
    expect(server.requests).toHaveLength(2);
  });

  it("never lets a key echoed in an error body reach the error message", async () => {
    const key = "sk-live-echoed-0123456789abcdef";
    registerSecret(key);
    server = await startOpenAIServer({ turns: [{ fault: { kind: "http", status: 401, message: `Incorrect API key provided: ${key}.` } }] });
    const error = (await createProvider({ id: "openai", apiKey: key, baseUrl: `${server.url}/v1`, retry: FAST_RETRY })
      .complete({ model: "gpt-4o", messages: [userMessage("hi")] })
      .catch((e: unknown) => e)) as ProviderError;
    expect(error.kind).toBe("auth");
    expect(error.message).not.toContain(key);
    expect(error.providerMessage).not.toContain(key);
    expect(error.describe()).toContain("[REDACTED]");
    expect(JSON.stringify(error)).not.toContain(key);
    expect(String((error as Error).cause ?? "")).not.toContain(key);
  });

  it("lists catalog models plus the /models of a self-hosted server", async () => {
    server = await startOpenAIServer({ models: ["qwen3:8b", "llama3.2"] });
    const local = createProvider({ id: "ollama", type: "openai-compatible", baseUrl: `${server.url}/v1` });
    const ids = (await local.listModels()).map((m) => m.id);
    expect(ids).toEqual(["qwen3:8b", "llama3.2"]);
    const models = await openai(server).listModels();
    expect(models.map((m) => m.id)).toContain("gpt-5");
    expect(server.requests.filter((r) => r.path === "/v1/models")).toHaveLength(1);
  });
});

describe("aborting a stream", () => {
  it("stops the HTTP request mid-stream and throws AbortedError", async () => {
    let closedEarly: Promise<boolean> | undefined;
    const http = createServer((req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      let n = 0;
      const timer = setInterval(() => {
        const chunk = { id: "c1", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta: { content: `t${n++} ` }, finish_reason: null }] };
        res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      }, 10);
      closedEarly = new Promise((resolve) => res.on("close", () => (clearInterval(timer), resolve(n < 200))));
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/v1`;
    try {
      const controller = new AbortController();
      const provider = createProvider({ id: "local", type: "openai-compatible", baseUrl: url });
      const texts: string[] = [];
      const error = await (async () => {
        for await (const e of provider.stream({ model: "m", messages: [userMessage("go")], signal: controller.signal })) {
          if (e.type === "text_delta") texts.push(e.text);
          if (texts.length === 3) controller.abort();
        }
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortedError);
      expect(texts).toEqual(["t0 ", "t1 ", "t2 "]);
      expect(await closedEarly).toBe(true);
    } finally {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
