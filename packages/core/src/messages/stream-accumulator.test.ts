import { describe, expect, it } from "vitest";
import { addUsage, collectStream, StreamAccumulator, toolCallsOf, messageText, type StreamEvent } from "../index.js";

async function* events(list: StreamEvent[]): AsyncGenerator<StreamEvent> {
  for (const e of list) yield e;
}

describe("StreamAccumulator", () => {
  it("assembles reasoning, text and two tool calls in order of arrival", async () => {
    const response = await collectStream(
      events([
        { type: "start", id: "r1", model: "m-2" },
        { type: "reasoning_delta", text: "Let me " },
        { type: "reasoning_delta", text: "think.", signature: "sig" },
        { type: "text_delta", text: "Reading " },
        { type: "text_delta", text: "files." },
        { type: "tool_call_start", id: "c1", name: "read_file" },
        { type: "tool_call_start", id: "c2", name: "glob" },
        { type: "tool_call_delta", id: "c1", argumentsDelta: '{"path":' },
        { type: "tool_call_delta", id: "c2", argumentsDelta: '{"pattern":"*.ts"}' },
        { type: "tool_call_delta", id: "c1", argumentsDelta: '"a.ts"}' },
        { type: "tool_call_end", id: "c1", name: "read_file", arguments: '{"path":"a.ts"}' },
        { type: "tool_call_end", id: "c2", name: "glob", arguments: '{"pattern":"*.ts"}' },
        { type: "usage", usage: { inputTokens: 10, outputTokens: 5, cachedInputTokens: 4 } },
        { type: "finish", reason: "tool_calls" },
      ]),
      "m",
    );
    expect(response.id).toBe("r1");
    expect(response.model).toBe("m-2");
    expect(response.finishReason).toBe("tool_calls");
    expect(response.usage).toEqual({ inputTokens: 10, outputTokens: 5, cachedInputTokens: 4 });
    expect(response.message.content[0]).toEqual({ type: "reasoning", text: "Let me think.", signature: "sig" });
    expect(messageText(response.message)).toBe("Reading files.");
    expect(toolCallsOf(response.message).map((c) => [c.name, c.arguments])).toEqual([
      ["read_file", '{"path":"a.ts"}'],
      ["glob", '{"pattern":"*.ts"}'],
    ]);
  });

  it("keeps the partial arguments of a tool call whose end never came", () => {
    const acc = new StreamAccumulator();
    acc.push({ type: "tool_call_start", id: "c1", name: "edit" });
    acc.push({ type: "tool_call_delta", id: "c1", argumentsDelta: '{"path":"a.ts","old' });
    expect(toolCallsOf(acc.message())[0]?.arguments).toBe('{"path":"a.ts","old');
  });

  it("keeps the latest usage report and defaults the finish reason to stop", () => {
    const acc = new StreamAccumulator();
    acc.push({ type: "usage", usage: { inputTokens: 1, outputTokens: 1 } });
    acc.push({ type: "usage", usage: { inputTokens: 3, outputTokens: 9 } });
    expect(acc.usage).toEqual({ inputTokens: 3, outputTokens: 9 });
    expect(acc.finishReason).toBe("stop");
  });
});

describe("addUsage", () => {
  it("adds fields and keeps optional ones absent when neither side has them", () => {
    expect(addUsage({ inputTokens: 1, outputTokens: 2 }, { inputTokens: 3, outputTokens: 4 })).toEqual({ inputTokens: 4, outputTokens: 6 });
    expect(addUsage({ inputTokens: 1, outputTokens: 2, cachedInputTokens: 1 }, { inputTokens: 3, outputTokens: 4 })).toEqual({
      inputTokens: 4,
      outputTokens: 6,
      cachedInputTokens: 1,
    });
  });
});
