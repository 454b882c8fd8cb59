import type { FinishReason, StreamEvent, Usage } from "@codetether/core";
import type Anthropic from "@anthropic-ai/sdk";

type RawEvent = Anthropic.RawMessageStreamEvent;

/**
 * Folds Messages API stream events into core events. Anthropic counts cached reads and cache
 * writes outside `input_tokens`; core counts them inside, so they are added back.
 */
export class AnthropicStreamMapper {
  private readonly tools = new Map<number, { id: string; name: string; args: string }>();
  private raw = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };

  map(event: RawEvent): StreamEvent[] {
    switch (event.type) {
      case "message_start": {
        this.takeUsage(event.message.usage);
        return [{ type: "start", id: event.message.id, model: event.message.model }];
      }
      case "content_block_start":
        return this.blockStart(event.index, event.content_block);
      case "content_block_delta":
        return this.blockDelta(event.index, event.delta);
      case "content_block_stop": {
        const tool = this.tools.get(event.index);
        if (!tool) return [];
        this.tools.delete(event.index);
        return [{ type: "tool_call_end", id: tool.id, name: tool.name, arguments: tool.args === "" ? "{}" : tool.args }];
      }
      case "message_delta": {
        this.takeUsage(event.usage);
        const events: StreamEvent[] = [{ type: "usage", usage: this.usage() }];
        if (event.delta.stop_reason) events.push({ type: "finish", reason: finishReason(event.delta.stop_reason) });
        return events;
      }
      default:
        return [];
    }
  }

  private blockStart(index: number, block: Anthropic.RawContentBlockStartEvent["content_block"]): StreamEvent[] {
    switch (block.type) {
      case "text":
        return block.text ? [{ type: "text_delta", text: block.text }] : [];
      case "thinking":
        return block.thinking ? [{ type: "reasoning_delta", text: block.thinking }] : [];
      case "redacted_thinking":
        return [{ type: "reasoning_delta", text: block.data, redacted: true }];
      case "tool_use":
        this.tools.set(index, { id: block.id, name: block.name, args: "" });
        return [{ type: "tool_call_start", id: block.id, name: block.name }];
      default:
        return [];
    }
  }

  private blockDelta(index: number, delta: Anthropic.RawContentBlockDelta): StreamEvent[] {
    switch (delta.type) {
      case "text_delta":
        return [{ type: "text_delta", text: delta.text }];
      case "thinking_delta":
        return [{ type: "reasoning_delta", text: delta.thinking }];
      case "signature_delta":
        return [{ type: "reasoning_delta", text: "", signature: delta.signature }];
      case "input_json_delta": {
        const tool = this.tools.get(index);
        if (!tool || delta.partial_json === "") return [];
        tool.args += delta.partial_json;
        return [{ type: "tool_call_delta", id: tool.id, argumentsDelta: delta.partial_json }];
      }
      default:
        return [];
    }
  }

  private takeUsage(u: Partial<Record<"input_tokens" | "output_tokens" | "cache_read_input_tokens" | "cache_creation_input_tokens", number | null>>): void {
    if (typeof u.input_tokens === "number") this.raw.input = u.input_tokens;
    if (typeof u.output_tokens === "number") this.raw.output = u.output_tokens;
    if (typeof u.cache_read_input_tokens === "number") this.raw.cacheRead = u.cache_read_input_tokens;
    if (typeof u.cache_creation_input_tokens === "number") this.raw.cacheWrite = u.cache_creation_input_tokens;
  }

  private usage(): Usage {
    const { input, output, cacheRead, cacheWrite } = this.raw;
    const usage: Usage = { inputTokens: input + cacheRead + cacheWrite, outputTokens: output };
    if (cacheRead > 0) usage.cachedInputTokens = cacheRead;
    if (cacheWrite > 0) usage.cacheWriteTokens = cacheWrite;
    return usage;
  }
}

function finishReason(reason: string): FinishReason {
  switch (reason) {
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "max_tokens":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "refusal":
      return "content_filter";
    default:
      return "other";
  }
}
