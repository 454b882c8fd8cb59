import type { Message } from "@codetether/core";

/** Every tool call id in a conversation. */
export function toolCallIds(messages: readonly Message[]): Set<string> {
  const ids = new Set<string>();
  for (const m of messages) for (const p of m.content) if (p.type === "tool_call") ids.add(p.id);
  return ids;
}

/**
 * Gives each tool call of a new assistant message an id no other call has (recording it in
 * `taken`). Some OpenAI-compatible servers send empty or repeated ids (`call_0` every time); results
 * are paired with calls by id, so a repeated id would pair two calls with one result.
 */
export function uniqueToolCallIds(message: Message, taken: Set<string>): Message {
  let changed = false;
  const content = message.content.map((part) => {
    if (part.type !== "tool_call") return part;
    let id = part.id;
    if (!id || taken.has(id)) {
      const base = id || "call";
      let n = 2;
      while (taken.has(`${base}_${n}`)) n++;
      id = `${base}_${n}`;
      changed = true;
    }
    taken.add(id);
    return id === part.id ? part : { ...part, id };
  });
  return changed ? { ...message, content } : message;
}
