export type Role = "system" | "user" | "assistant" | "tool";

/** Opaque per-provider data that must survive a round trip (e.g. thinking signatures). */
export type ProviderMetadata = Record<string, unknown>;

export interface TextPart {
  type: "text";
  text: string;
  providerMetadata?: ProviderMetadata;
}

/** Model "thinking". `signature` lets providers that sign reasoning verify it on the next turn. */
export interface ReasoningPart {
  type: "reasoning";
  text: string;
  signature?: string;
  /** True when the provider returned the reasoning encrypted; `text` then holds the opaque payload. */
  redacted?: boolean;
  providerMetadata?: ProviderMetadata;
}

/**
 * A call the model asked for. `arguments` is the raw JSON text exactly as the model produced it,
 * so a malformed call can be reported back to the model instead of being lost in parsing.
 */
export interface ToolCallPart {
  type: "tool_call";
  id: string;
  name: string;
  arguments: string;
  providerMetadata?: ProviderMetadata;
}

export interface ToolResultPart {
  type: "tool_result";
  toolCallId: string;
  /** Name of the tool that produced it; some wire formats (Gemini) need it. */
  toolName?: string;
  content: string;
  isError?: boolean;
}

export interface ImagePart {
  type: "image";
  /** base64 data (no data: prefix) or an http(s) URL. */
  data: string;
  mediaType: string;
}

export interface FilePart {
  type: "file";
  /** base64 data. */
  data: string;
  mediaType: string;
  filename?: string;
}

export type ContentPart = TextPart | ReasoningPart | ToolCallPart | ToolResultPart | ImagePart | FilePart;

export interface Message {
  role: Role;
  content: ContentPart[];
}

export function textPart(text: string): TextPart {
  return { type: "text", text };
}

export function systemMessage(text: string): Message {
  return { role: "system", content: [textPart(text)] };
}

export function userMessage(text: string): Message {
  return { role: "user", content: [textPart(text)] };
}

export function assistantMessage(text: string): Message {
  return { role: "assistant", content: [textPart(text)] };
}

export function toolResultMessage(results: Omit<ToolResultPart, "type">[]): Message {
  return { role: "tool", content: results.map((r) => ({ type: "tool_result", ...r })) };
}

/** The concatenated visible text of a message (reasoning and tool parts excluded). */
export function messageText(message: Message): string {
  return message.content
    .filter((p): p is TextPart => p.type === "text")
    .map((p) => p.text)
    .join("");
}

export function toolCallsOf(message: Message): ToolCallPart[] {
  return message.content.filter((p): p is ToolCallPart => p.type === "tool_call");
}
