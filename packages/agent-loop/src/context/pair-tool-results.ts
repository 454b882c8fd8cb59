import type { Message, ToolResultPart } from "@codetether/core";

export const INTERRUPTED_RESULT = "[No result: the run was interrupted before this tool call finished. Run it again if it is still needed.]";

/**
 * Makes a conversation valid for every wire format: each assistant tool call is followed by its
 * result, and no result stands without its call. A session cut by a crash between a call and its
 * result gets a note in place of the missing result instead of being rejected by the provider.
 * Returns the same array when nothing needed repair.
 */
export function pairToolResults(messages: Message[]): Message[] {
  let changed = false;
  const out: Message[] = [];
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as Message;
    if (message.role === "tool") {
      // Results are only valid right after the calls they answer; those are handled below.
      changed = true;
      continue;
    }
    out.push(message);
    if (message.role !== "assistant") continue;
    const calls = message.content.filter((p) => p.type === "tool_call");
    if (calls.length === 0) continue;
    const found = new Map<string, ToolResultPart>();
    let j = i + 1;
    for (; j < messages.length && messages[j]?.role === "tool"; j++) {
      for (const part of (messages[j] as Message).content) if (part.type === "tool_result") found.set(part.toolCallId, part);
    }
    const results: ToolResultPart[] = calls.map(
      (call) =>
        found.get(call.id) ?? { type: "tool_result", toolCallId: call.id, toolName: call.name, content: INTERRUPTED_RESULT, isError: true },
    );
    const original = messages.slice(i + 1, j);
    const same =
      original.length === 1 &&
      (original[0] as Message).content.length === results.length &&
      (original[0] as Message).content.every((p, k) => p === results[k]);
    if (!same) changed = true;
    out.push(same ? (original[0] as Message) : { role: "tool", content: results });
    i = j - 1;
  }
  return changed ? out : messages;
}
