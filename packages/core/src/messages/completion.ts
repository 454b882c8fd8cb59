import type { Message, ProviderMetadata } from "./message.js";

/** A JSON Schema object, as tools declare their parameters. */
export type JsonSchema = Record<string, unknown>;

export interface ToolDefinition {
  name: string;
  description: string;
  parameters: JsonSchema;
}

export type ToolChoice = "auto" | "none" | "required" | { name: string };

export interface ReasoningOptions {
  effort?: "low" | "medium" | "high";
  /** Token budget for thinking, where the provider takes one (Anthropic, Gemini). */
  budgetTokens?: number;
}

export interface CompletionRequest {
  /** The model id within the provider (not the `provider/model` ref). */
  model: string;
  messages: Message[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  temperature?: number;
  maxTokens?: number;
  stop?: string[];
  reasoning?: ReasoningOptions;
  signal?: AbortSignal;
  /** Escape hatch for provider-specific request fields. */
  providerOptions?: Record<string, unknown>;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache (a subset of inputTokens). */
  cachedInputTokens?: number;
  /** Input tokens written to the prompt cache (Anthropic). */
  cacheWriteTokens?: number;
  /** Output tokens spent on reasoning (a subset of outputTokens). */
  reasoningTokens?: number;
}

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "abort" | "error" | "other";

export interface CompletionResponse {
  message: Message;
  usage: Usage;
  finishReason: FinishReason;
  model: string;
  id?: string;
}

export type StreamEvent =
  | { type: "start"; id?: string; model?: string }
  | { type: "text_delta"; text: string }
  | { type: "reasoning_delta"; text: string; signature?: string; redacted?: boolean; providerMetadata?: ProviderMetadata }
  | { type: "tool_call_start"; id: string; name: string; providerMetadata?: ProviderMetadata }
  | { type: "tool_call_delta"; id: string; argumentsDelta: string }
  | { type: "tool_call_end"; id: string; name: string; arguments: string; providerMetadata?: ProviderMetadata }
  | { type: "usage"; usage: Usage }
  | { type: "finish"; reason: FinishReason };

export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0 };
}

/** Adds two usages field by field; optional fields stay absent when neither side has them. */
export function addUsage(a: Usage, b: Usage): Usage {
  const sum = (x?: number, y?: number) => (x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0));
  const out: Usage = { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens };
  const cached = sum(a.cachedInputTokens, b.cachedInputTokens);
  const write = sum(a.cacheWriteTokens, b.cacheWriteTokens);
  const reasoning = sum(a.reasoningTokens, b.reasoningTokens);
  if (cached !== undefined) out.cachedInputTokens = cached;
  if (write !== undefined) out.cacheWriteTokens = write;
  if (reasoning !== undefined) out.reasoningTokens = reasoning;
  return out;
}
