import type { ContentPart, Message, ToolResultPart } from "@codetether/core";
import type OpenAI from "openai";

type ChatMessage = OpenAI.Chat.ChatCompletionMessageParam;
type UserContent = OpenAI.Chat.ChatCompletionContentPart;

export interface OpenAIMessageOptions {
  /**
   * Field carrying an assistant turn's reasoning back to hosts that want it on the next request
   * (Moonshot, DeepSeek: `reasoning_content`); reasoning is dropped when absent.
   */
  reasoningField?: string;
}

/** Maps core messages to chat-completions messages; one `tool` message per tool result. */
export function toOpenAIMessages(messages: Message[], options: OpenAIMessageOptions = {}): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const message of messages) {
    const results = message.content.filter((p): p is ToolResultPart => p.type === "tool_result");
    const rest = message.content.filter((p) => p.type !== "tool_result");
    for (const result of results) out.push(toolMessage(result));
    if (rest.length === 0) continue;
    switch (message.role) {
      case "system":
        out.push({ role: "system", content: textOf(rest) });
        break;
      case "assistant":
        out.push(assistantMessage(rest, options));
        break;
      default:
        out.push(userMessage(rest));
    }
  }
  return out;
}

function toolMessage(result: ToolResultPart): ChatMessage {
  return { role: "tool", tool_call_id: result.toolCallId, content: result.isError ? `Error: ${result.content}` : result.content };
}

function assistantMessage(parts: ContentPart[], options: OpenAIMessageOptions): ChatMessage {
  const text = textOf(parts);
  const calls = parts.flatMap((p) =>
    p.type === "tool_call" ? [{ id: p.id, type: "function" as const, function: { name: p.name, arguments: p.arguments || "{}" } }] : [],
  );
  const message: Record<string, unknown> = { role: "assistant", content: text === "" && calls.length > 0 ? null : text };
  if (calls.length > 0) message.tool_calls = calls;
  const reasoning = parts.flatMap((p) => (p.type === "reasoning" && !p.redacted ? [p.text] : [])).join("");
  if (options.reasoningField && reasoning !== "") message[options.reasoningField] = reasoning;
  return message as unknown as ChatMessage;
}

function userMessage(parts: ContentPart[]): ChatMessage {
  if (parts.every((p) => p.type === "text")) return { role: "user", content: textOf(parts) };
  const content: UserContent[] = [];
  for (const part of parts) {
    if (part.type === "text") content.push({ type: "text", text: part.text });
    else if (part.type === "image") content.push({ type: "image_url", image_url: { url: dataUrl(part.data, part.mediaType) } });
    else if (part.type === "file") {
      content.push({ type: "file", file: { file_data: dataUrl(part.data, part.mediaType), ...(part.filename ? { filename: part.filename } : {}) } });
    }
  }
  return { role: "user", content };
}

function textOf(parts: ContentPart[]): string {
  return parts.flatMap((p) => (p.type === "text" ? [p.text] : [])).join("");
}

function dataUrl(data: string, mediaType: string): string {
  return /^https?:\/\//.test(data) ? data : `data:${mediaType};base64,${data}`;
}
