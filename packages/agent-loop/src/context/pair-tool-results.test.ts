import { describe, expect, it } from "vitest";
import { assistantMessage, userMessage, type Message } from "@codetether/core";
import { INTERRUPTED_RESULT, pairToolResults } from "./pair-tool-results.js";

const call = (id: string): Message => ({ role: "assistant", content: [{ type: "tool_call", id, name: "bash", arguments: "{}" }] });
const result = (id: string): Message => ({ role: "tool", content: [{ type: "tool_result", toolCallId: id, toolName: "bash", content: `out ${id}` }] });

describe("pairToolResults", () => {
  it("leaves a well-formed conversation as it is", () => {
    const messages = [userMessage("a"), call("1"), result("1"), assistantMessage("done")];
    expect(pairToolResults(messages)).toBe(messages);
  });

  it("adds a note for a call whose result was lost in a crash", () => {
    const repaired = pairToolResults([userMessage("a"), call("1")]);
    expect(repaired).toHaveLength(3);
    expect(repaired[2]).toEqual({
      role: "tool",
      content: [{ type: "tool_result", toolCallId: "1", toolName: "bash", content: INTERRUPTED_RESULT, isError: true }],
    });
  });

  it("merges split result messages in call order and drops results without a call", () => {
    const twoCalls: Message = {
      role: "assistant",
      content: [
        { type: "tool_call", id: "a", name: "x", arguments: "{}" },
        { type: "tool_call", id: "b", name: "y", arguments: "{}" },
      ],
    };
    const repaired = pairToolResults([userMessage("q"), result("zz"), twoCalls, result("b"), result("a"), userMessage("next")]);
    expect(repaired.map((m) => m.role)).toEqual(["user", "assistant", "tool", "user"]);
    expect(repaired[2]?.content.map((p) => (p as { toolCallId: string }).toolCallId)).toEqual(["a", "b"]);
  });
});
