import { estimateTokens, type ContentPart, type Message } from "@codetether/core";

/** Per-message framing the wire formats add (role markers, separators). */
const MESSAGE_OVERHEAD = 4;
/** What an image costs in most vision models, roughly. */
const IMAGE_TOKENS = 1000;

export function estimatePartTokens(part: ContentPart): number {
  switch (part.type) {
    case "text":
    case "reasoning":
      return estimateTokens(part.text);
    case "tool_call":
      return estimateTokens(part.name) + estimateTokens(part.arguments) + 4;
    case "tool_result":
      return estimateTokens(part.content) + 4;
    case "image":
      return IMAGE_TOKENS;
    case "file":
      // base64 inflates 4/3; the decoded text is what the model sees.
      return Math.ceil((part.data.length * 3) / 4 / 4);
  }
}

export function estimateMessageTokens(message: Message): number {
  let n = MESSAGE_OVERHEAD;
  for (const part of message.content) n += estimatePartTokens(part);
  return n;
}

export function estimateMessagesTokens(messages: readonly Message[]): number {
  let n = 0;
  for (const m of messages) n += estimateMessageTokens(m);
  return n;
}
