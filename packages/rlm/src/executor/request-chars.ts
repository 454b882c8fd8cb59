import type { CompletionRequest, Message } from "@codetether/core";

export function messageChars(message: Message): number {
  let n = 0;
  for (const part of message.content) {
    if (part.type === "text" || part.type === "reasoning") n += part.text.length;
    else if (part.type === "tool_call") n += part.name.length + part.arguments.length;
    else if (part.type === "tool_result") n += part.content.length;
  }
  return n;
}

/** Characters of a request as the model sees them: every message, plus the tool definitions. */
export function requestChars(request: Pick<CompletionRequest, "messages" | "tools">): number {
  let n = 0;
  for (const m of request.messages) n += messageChars(m);
  if (request.tools?.length) n += JSON.stringify(request.tools).length;
  return n;
}
