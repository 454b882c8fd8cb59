import type { ContentPart, Message } from "@codetether/core";
import type Anthropic from "@anthropic-ai/sdk";

type Block = Anthropic.ContentBlockParam;
type TextBlock = Anthropic.TextBlockParam;

export interface AnthropicPrompt {
  system?: TextBlock[];
  messages: Anthropic.MessageParam[];
}

const EPHEMERAL = { type: "ephemeral" } as const;

/**
 * Maps core messages to the Messages API: system text moves to `system`, tool results become
 * `user` turns, consecutive turns of one role merge (the API wants them alternating), and two cache
 * breakpoints are set: the system prompt and the last block of the last turn.
 */
export function toAnthropicPrompt(messages: Message[]): AnthropicPrompt {
  const systemText = messages
    .filter((m) => m.role === "system")
    .flatMap((m) => m.content.flatMap((p) => (p.type === "text" ? [p.text] : [])))
    .join("\n\n");
  const turns: Anthropic.MessageParam[] = [];
  for (const message of messages) {
    if (message.role === "system") continue;
    const role = message.role === "assistant" ? "assistant" : "user";
    const blocks = message.content.flatMap((p) => toBlocks(p, role));
    if (blocks.length === 0) continue;
    const last = turns.at(-1);
    if (last && last.role === role) (last.content as Block[]).push(...blocks);
    else turns.push({ role, content: blocks });
  }
  markLastTurnCacheable(turns);
  return {
    ...(systemText !== "" ? { system: [{ type: "text", text: systemText, cache_control: EPHEMERAL }] } : {}),
    messages: turns,
  };
}

function toBlocks(part: ContentPart, role: "user" | "assistant"): Block[] {
  switch (part.type) {
    case "text":
      return part.text === "" ? [] : [{ type: "text", text: part.text }];
    case "reasoning":
      if (role !== "assistant") return [];
      if (part.redacted) return [{ type: "redacted_thinking", data: part.text }];
      // Anthropic verifies thinking by its signature; unsigned reasoning (from another provider) cannot go back.
      return part.signature ? [{ type: "thinking", thinking: part.text, signature: part.signature }] : [];
    case "tool_call":
      return [{ type: "tool_use", id: part.id, name: part.name, input: parseArguments(part.arguments) }];
    case "tool_result":
      return [{ type: "tool_result", tool_use_id: part.toolCallId, content: part.content, ...(part.isError ? { is_error: true } : {}) }];
    case "image":
      return [
        {
          type: "image",
          source: /^https?:\/\//.test(part.data)
            ? { type: "url", url: part.data }
            : { type: "base64", media_type: part.mediaType as Anthropic.Base64ImageSource["media_type"], data: part.data },
        },
      ];
    case "file":
      return part.mediaType === "application/pdf"
        ? [{ type: "document", source: { type: "base64", media_type: "application/pdf", data: part.data } }]
        : [{ type: "text", text: Buffer.from(part.data, "base64").toString("utf8") }];
  }
}

/** The model may have produced malformed JSON; the API needs an object, so the raw text is kept under `_raw`. */
function parseArguments(args: string): Record<string, unknown> {
  if (args.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(args);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { _raw: args };
  }
}

function markLastTurnCacheable(turns: Anthropic.MessageParam[]): void {
  const blocks = turns.at(-1)?.content as Block[] | undefined;
  if (!blocks) return;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i] as Block;
    if (block.type === "thinking" || block.type === "redacted_thinking") continue;
    (block as { cache_control?: unknown }).cache_control = EPHEMERAL;
    return;
  }
}
