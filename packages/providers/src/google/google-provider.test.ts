import { AbortedError, systemMessage, userMessage, type Message } from "@codetether/core";
import { startGeminiServer, type FakeServer } from "@codetether/fixtures";
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
const gemini = (s: FakeServer, apiKey = "AIza-test-key-123") => createProvider({ id: "google", apiKey, baseUrl: s.url, retry: FAST_RETRY });

describe("Google provider through @google/genai", () => {
  it("streams text deltas over streamGenerateContent with the system instruction and key", async () => {
    server = await startGeminiServer({ turns: [{ text: "Hallo aus Gemini", chunkSize: 4 }] });
    const events = await collectEvents(gemini(server).stream({ model: "gemini-2.5-flash", messages: [systemMessage("Be terse."), userMessage("hi")] }));
    expect(events.filter((e) => e.type === "text_delta").length).toBeGreaterThan(2);
    expect(textOf(events)).toBe("Hallo aus Gemini");
    expect(events.at(-1)).toEqual({ type: "finish", reason: "stop" });
    const request = server.requests[0]!;
    expect(request.path).toMatch(/^\/v1beta\/models\/gemini-2\.5-flash:streamGenerateContent/);
    expect(request.headers["x-goog-api-key"]).toBe("AIza-test-key-123");
    expect(request.body.systemInstruction.parts[0].text).toBe("Be terse.");
    expect(request.body.contents).toEqual([{ role: "user", parts: [{ text: "hi" }] }]);
    expect(request.body.generationConfig.thinkingConfig).toEqual({ includeThoughts: true });
  });

  it("round-trips function calls: the call comes out whole, the response goes back named", async () => {
    server = await startGeminiServer({
      turns: [
        { toolCalls: [{ name: "get_weather", arguments: { city: "Rome" } }, { name: "get_weather", arguments: { city: "Kyiv" } }] },
        {
          respond: (request) => {
            const answers = request.body.contents[2].parts.map((p: { functionResponse: { response: { output: string } } }) => p.functionResponse.response.output);
            return { text: answers.join(" and ") };
          },
        },
      ],
    });
    const provider = gemini(server);
    const messages: Message[] = [userMessage("Weather in Rome and Kyiv?")];
    const first = await provider.complete({ model: "gemini-2.5-flash", messages, tools: [weather], toolChoice: "required" });
    expect(first.finishReason).toBe("tool_calls");
    const calls = first.message.content.filter((p) => p.type === "tool_call");
    expect(calls.map((c) => c.type === "tool_call" && [c.name, c.arguments])).toEqual([
      ["get_weather", '{"city":"Rome"}'],
      ["get_weather", '{"city":"Kyiv"}'],
    ]);
    expect(server.requests[0]?.body.tools[0].functionDeclarations[0]).toMatchObject({ name: "get_weather", parametersJsonSchema: weather.parameters });
    expect(server.requests[0]?.body.toolConfig).toEqual({ functionCallingConfig: { mode: "ANY" } });

    const [a, b] = calls as Array<{ id: string }>;
    messages.push(first.message, {
      role: "tool",
      content: [
        { type: "tool_result", toolCallId: a!.id, content: "warm" },
        { type: "tool_result", toolCallId: b!.id, content: "cold" },
      ],
    });
    const second = await provider.complete({ model: "gemini-2.5-flash", messages, tools: [weather] });
    expect(second.message.content).toEqual([{ type: "text", text: "warm and cold" }]);
    expect(server.requests[1]?.body.contents[2].parts[0]).toMatchObject({ functionResponse: { name: "get_weather", response: { output: "warm" } } });
    expect(server.requests[1]?.body.contents[1].role).toBe("model");
  });

  it("reads thought parts as reasoning and keeps a function call's thought signature for the next turn", async () => {
    server = await startGeminiServer({
      turns: [{ reasoning: "Need the weather tool.", reasoningSignature: "c2lnLTE=", toolCalls: [{ name: "get_weather", arguments: { city: "Oslo" } }] }, { text: "done" }],
    });
    const provider = gemini(server);
    const first = await provider.complete({ model: "gemini-2.5-pro", messages: [userMessage("weather")], tools: [weather], reasoning: { effort: "low" } });
    expect(first.message.content[0]).toEqual({ type: "reasoning", text: "Need the weather tool." });
    expect(first.message.content[1]).toMatchObject({ type: "tool_call", name: "get_weather", providerMetadata: { google: { thoughtSignature: "c2lnLTE=" } } });
    expect(server.requests[0]?.body.generationConfig.thinkingConfig).toEqual({ includeThoughts: true, thinkingBudget: 2048 });
    const call = first.message.content[1] as { id: string };
    await provider.complete({
      model: "gemini-2.5-pro",
      messages: [userMessage("weather"), first.message, { role: "tool", content: [{ type: "tool_result", toolCallId: call.id, content: "mild" }] }],
      tools: [weather],
    });
    expect(server.requests[1]?.body.contents[1].parts[0]).toMatchObject({ functionCall: { name: "get_weather", args: { city: "Oslo" } }, thoughtSignature: "c2lnLTE=" });
  });

  it("reports usage with thoughts inside output tokens and cached tokens priced apart", async () => {
    server = await startGeminiServer({ turns: [{ text: "x", reasoning: "y", usage: { inputTokens: 1_000_000, outputTokens: 300_000, cachedInputTokens: 200_000, reasoningTokens: 100_000 } }] });
    const response = await gemini(server).complete({ model: "gemini-2.5-flash", messages: [userMessage("hi")] });
    expect(response.usage).toEqual({ inputTokens: 1_000_000, outputTokens: 300_000, cachedInputTokens: 200_000, reasoningTokens: 100_000 });
    // gemini-2.5-flash: 0.30 in, 0.03 cached, 2.50 out per million.
    expect(calculateCost("google/gemini-2.5-flash", response.usage)).toBeCloseTo(0.8 * 0.3 + 0.2 * 0.03 + 0.3 * 2.5, 10);
  });

  it("retries a 429 (Retry-After 0) and a cut stream, then answers", async () => {
    server = await startGeminiServer({
      turns: [{ fault: { kind: "http", status: 429, retryAfter: 0 } }, { text: "lost", fault: { kind: "cut", afterChunks: 0 } }, { text: "third" }],
    });
    const response = await gemini(server).complete({ model: "gemini-2.5-flash", messages: [userMessage("hi")] });
    expect(response.message.content).toEqual([{ type: "text", text: "third" }]);
    expect(server.requests).toHaveLength(3);
  });

  it("gives up on a 503 storm with a typed error and Google's message", async () => {
    const storm = { fault: { kind: "http" as const, status: 503, message: "The model is overloaded. Please try again later." } };
    server = await startGeminiServer({ turns: [storm, storm, storm] });
    const error = await gemini(server).complete({ model: "gemini-2.5-flash", messages: [userMessage("hi")] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "unavailable", status: 503, providerMessage: "The model is overloaded. Please try again later.", attempts: 3 });
  });

  it("turns a malformed chunk into a typed error and an invalid key into an auth error without the key", async () => {
    const key = "AIzaSyEchoedKey-0123456789";
    registerSecret(key);
    server = await startGeminiServer({ turns: [{ fault: { kind: "malformed" } }], requireApiKey: "the-right-key" });
    const auth = (await gemini(server, key).complete({ model: "gemini-2.5-flash", messages: [userMessage("hi")] }).catch((e: unknown) => e)) as ProviderError;
    expect(auth).toMatchObject({ kind: "auth", status: 400 });
    const malformed = await gemini(server, "the-right-key").complete({ model: "gemini-2.5-flash", messages: [userMessage("hi")] }).catch((e: unknown) => e);
    expect(malformed).toMatchObject({ kind: "unavailable", retryable: false });
    expect(server.requests).toHaveLength(2);
  });

  it("stops mid-stream on abort with AbortedError", async () => {
    server = await startGeminiServer({ turns: [{ text: "a long answer that keeps going for a while", chunkSize: 2, chunkDelayMs: 20 }] });
    const controller = new AbortController();
    let deltas = 0;
    const error = await (async () => {
      for await (const e of gemini(server!).stream({ model: "gemini-2.5-flash", messages: [userMessage("go")], signal: controller.signal })) {
        if (e.type === "text_delta" && ++deltas === 2) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(deltas).toBe(2);
  });
});
