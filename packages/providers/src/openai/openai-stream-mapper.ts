import type { FinishReason, StreamEvent, Usage } from "@codetether/core";
import type OpenAI from "openai";

type Chunk = OpenAI.Chat.ChatCompletionChunk;

interface OpenCall {
  id: string;
  name: string;
  args: string;
}

/**
 * Folds chat-completion chunks into core stream events. Tool calls arrive keyed by `index` with the
 * id and name only on their first chunk; they end when the choice finishes (or the stream does).
 */
export class OpenAIStreamMapper {
  private started = false;
  /** Calls in order of arrival; `byIndex` finds the one a delta continues. */
  private calls: OpenCall[] = [];
  private readonly byIndex = new Map<number, OpenCall>();
  private finish: FinishReason | undefined;
  private sawCalls = false;
  /** Ids handed out in this response: tool results are paired with calls by id, so none may repeat. */
  private readonly usedIds = new Set<string>();

  map(chunk: Chunk): StreamEvent[] {
    const events: StreamEvent[] = [];
    if (!this.started) {
      this.started = true;
      events.push({ type: "start", id: chunk.id, model: chunk.model });
    }
    for (const choice of chunk.choices ?? []) {
      const delta = (choice.delta ?? {}) as Record<string, unknown> & Chunk["choices"][number]["delta"];
      const reasoning = delta.reasoning_content ?? delta.reasoning;
      if (typeof reasoning === "string" && reasoning !== "") events.push({ type: "reasoning_delta", text: reasoning });
      if (typeof delta.content === "string" && delta.content !== "") events.push({ type: "text_delta", text: delta.content });
      for (const call of delta.tool_calls ?? []) this.toolCallDelta(call, events);
      if (choice.finish_reason) {
        this.finish = finishReason(choice.finish_reason);
        this.closeCalls(events);
      }
      // Some hosts (Moonshot) report usage on the final choice rather than the chunk.
      const choiceUsage = (choice as unknown as { usage?: unknown }).usage;
      if (choiceUsage) events.push({ type: "usage", usage: toUsage(choiceUsage) });
    }
    if (chunk.usage) events.push({ type: "usage", usage: toUsage(chunk.usage) });
    return events;
  }

  /** Events owed when the stream ends: calls never closed, and the finish. */
  end(): StreamEvent[] {
    const events: StreamEvent[] = [];
    const hadCalls = this.calls.length > 0 || this.sawCalls;
    this.closeCalls(events);
    events.push({ type: "finish", reason: this.finish ?? (hadCalls ? "tool_calls" : "stop") });
    return events;
  }

  private toolCallDelta(call: OpenAI.Chat.ChatCompletionChunk.Choice.Delta.ToolCall, events: StreamEvent[]): void {
    let open = this.byIndex.get(call.index);
    // Some hosts reuse index 0 for every parallel call; a new id then means a new call.
    if (!open || (call.id && call.id !== open.id)) {
      open = { id: this.uniqueId(call.id || `call_${call.index}`), name: call.function?.name ?? "", args: "" };
      this.calls.push(open);
      this.byIndex.set(call.index, open);
      this.sawCalls = true;
      events.push({ type: "tool_call_start", id: open.id, name: open.name });
    }
    const args = call.function?.arguments;
    if (args) {
      open.args += args;
      events.push({ type: "tool_call_delta", id: open.id, argumentsDelta: args });
    }
  }

  /** Some hosts number every call `call_0` (or send none): suffix repeats so each call keeps its own result. */
  private uniqueId(id: string): string {
    let unique = id;
    for (let n = 2; this.usedIds.has(unique); n++) unique = `${id}_${n}`;
    this.usedIds.add(unique);
    return unique;
  }

  private closeCalls(events: StreamEvent[]): void {
    for (const call of this.calls) events.push({ type: "tool_call_end", id: call.id, name: call.name, arguments: call.args });
    this.calls = [];
    this.byIndex.clear();
  }
}

function finishReason(reason: string): FinishReason {
  switch (reason) {
    case "stop":
      return "stop";
    case "length":
      return "length";
    case "tool_calls":
    case "function_call":
      return "tool_calls";
    case "content_filter":
      return "content_filter";
    default:
      return "other";
  }
}

/** OpenAI nests cached tokens under prompt_tokens_details; Moonshot and DeepSeek report them flat. */
export function toUsage(raw: unknown): Usage {
  const u = raw as Record<string, any>;
  const usage: Usage = { inputTokens: u.prompt_tokens ?? 0, outputTokens: u.completion_tokens ?? 0 };
  const cached = u.prompt_tokens_details?.cached_tokens ?? u.cached_tokens ?? u.prompt_cache_hit_tokens;
  if (typeof cached === "number") usage.cachedInputTokens = cached;
  const reasoning = u.completion_tokens_details?.reasoning_tokens;
  if (typeof reasoning === "number") usage.reasoningTokens = reasoning;
  return usage;
}
