import { userMessage, type Message } from "@codetether/core";
import { describe, expect, it } from "vitest";
import { toAnthropicPrompt } from "../index.js";

describe("toAnthropicPrompt", () => {
  it("merges consecutive turns of one role and marks only the last block cacheable", () => {
    const messages: Message[] = [
      { role: "system", content: [{ type: "text", text: "rules" }] },
      userMessage("a"),
      userMessage("b"),
      { role: "assistant", content: [{ type: "tool_call", id: "t1", name: "ls", arguments: "{}" }] },
      { role: "tool", content: [{ type: "tool_result", toolCallId: "t1", content: "boom", isError: true }] },
    ];
    const { system, messages: turns } = toAnthropicPrompt(messages);
    expect(system).toEqual([{ type: "text", text: "rules", cache_control: { type: "ephemeral" } }]);
    expect(turns).toEqual([
      { role: "user", content: [{ type: "text", text: "a" }, { type: "text", text: "b" }] },
      { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "ls", input: {} }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "boom", is_error: true, cache_control: { type: "ephemeral" } }] },
    ]);
  });

  it("drops unsigned reasoning from other providers, keeps redacted thinking, and keeps malformed arguments", () => {
    const { messages } = toAnthropicPrompt([
      userMessage("q"),
      {
        role: "assistant",
        content: [
          { type: "reasoning", text: "from kimi" },
          { type: "reasoning", text: "opaque==", redacted: true },
          { type: "tool_call", id: "t", name: "x", arguments: '{"a": ' },
        ],
      },
    ]);
    expect(messages[1]?.content).toEqual([
      { type: "redacted_thinking", data: "opaque==" },
      { type: "tool_use", id: "t", name: "x", input: { _raw: '{"a": ' }, cache_control: { type: "ephemeral" } },
    ]);
  });

  it("sends images as base64 or URL sources", () => {
    const { messages } = toAnthropicPrompt([
      { role: "user", content: [{ type: "image", data: "iVBORw0KGgo=", mediaType: "image/png" }, { type: "image", data: "https://x.test/a.png", mediaType: "image/png" }] },
    ]);
    expect(messages[0]?.content).toEqual([
      { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
      { type: "image", source: { type: "url", url: "https://x.test/a.png" }, cache_control: { type: "ephemeral" } },
    ]);
  });
});
