import { describe, expect, it } from "vitest";
import { toOpenAIMessages } from "../index.js";

describe("toOpenAIMessages", () => {
  it("splits tool results into tool messages, marks errors, and sends images as data URLs", () => {
    expect(
      toOpenAIMessages([
        { role: "system", content: [{ type: "text", text: "sys" }] },
        { role: "user", content: [{ type: "text", text: "look" }, { type: "image", data: "AAAA", mediaType: "image/jpeg" }] },
        { role: "assistant", content: [{ type: "text", text: "calling" }, { type: "tool_call", id: "c", name: "f", arguments: "" }] },
        { role: "tool", content: [{ type: "tool_result", toolCallId: "c", content: "nope", isError: true }] },
      ]),
    ).toEqual([
      { role: "system", content: "sys" },
      { role: "user", content: [{ type: "text", text: "look" }, { type: "image_url", image_url: { url: "data:image/jpeg;base64,AAAA" } }] },
      { role: "assistant", content: "calling", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }] },
      { role: "tool", tool_call_id: "c", content: "Error: nope" },
    ]);
  });

  it("leaves reasoning out unless the host takes it back", () => {
    const assistant = { role: "assistant" as const, content: [{ type: "reasoning" as const, text: "why" }, { type: "text" as const, text: "ans" }] };
    expect(toOpenAIMessages([assistant])).toEqual([{ role: "assistant", content: "ans" }]);
    expect(toOpenAIMessages([assistant], { reasoningField: "reasoning_content" })).toEqual([{ role: "assistant", content: "ans", reasoning_content: "why" }]);
  });
});
