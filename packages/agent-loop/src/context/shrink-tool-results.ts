import type { Message } from "@codetether/core";
import { estimateMessagesTokens } from "./message-tokens.js";

const KEEP_CHARS = 300;

/**
 * The cheap first step when the context runs full: tool results older than the latest turns are cut
 * to their first lines with a note, since the model has already acted on them. Call/result pairing
 * is untouched. Returns the same array when nothing changed.
 */
export function shrinkOldToolResults(messages: Message[], protectTokens: number): { messages: Message[]; shrunk: number } {
  // Protect the latest messages up to `protectTokens`.
  let protectedFrom = messages.length;
  let tail = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    tail += estimateMessagesTokens([messages[i] as Message]);
    if (tail > protectTokens) break;
    protectedFrom = i;
  }
  let shrunk = 0;
  const out = messages.map((message, index) => {
    if (index >= protectedFrom || message.role !== "tool") return message;
    let changed = false;
    const content = message.content.map((part) => {
      if (part.type !== "tool_result" || part.content.length <= KEEP_CHARS * 2) return part;
      changed = true;
      shrunk++;
      return {
        ...part,
        content: `${part.content.slice(0, KEEP_CHARS)}\n… [older tool output shortened from ${part.content.length} characters to save context; run the tool again if you need it]`,
      };
    });
    return changed ? { ...message, content } : message;
  });
  return { messages: shrunk > 0 ? out : messages, shrunk };
}
