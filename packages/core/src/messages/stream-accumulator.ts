import type { CompletionResponse, FinishReason, StreamEvent, Usage } from "./completion.js";
import { emptyUsage } from "./completion.js";
import type { ContentPart, Message, ProviderMetadata } from "./message.js";

interface OpenToolCall {
  id: string;
  name: string;
  args: string;
  providerMetadata?: ProviderMetadata;
}

/**
 * Folds a provider's stream events into the assistant message they describe, in order of arrival:
 * consecutive deltas of one kind grow one part; tool calls keep their position among the parts.
 */
export class StreamAccumulator {
  private readonly parts: ContentPart[] = [];
  private readonly openCalls = new Map<string, { call: OpenToolCall; index: number }>();
  private usageSoFar: Usage = emptyUsage();
  private reason: FinishReason = "stop";
  private sawUsage = false;
  id?: string;
  model?: string;

  push(event: StreamEvent): void {
    switch (event.type) {
      case "start":
        this.id = event.id ?? this.id;
        this.model = event.model ?? this.model;
        break;
      case "text_delta": {
        const last = this.parts.at(-1);
        if (last?.type === "text") last.text += event.text;
        else this.parts.push({ type: "text", text: event.text });
        break;
      }
      case "reasoning_delta": {
        const last = this.parts.at(-1);
        if (last?.type === "reasoning" && !last.redacted && !event.redacted) {
          last.text += event.text;
          if (event.signature) last.signature = event.signature;
          if (event.providerMetadata) last.providerMetadata = { ...last.providerMetadata, ...event.providerMetadata };
        } else {
          this.parts.push({
            type: "reasoning",
            text: event.text,
            ...(event.signature ? { signature: event.signature } : {}),
            ...(event.redacted ? { redacted: true } : {}),
            ...(event.providerMetadata ? { providerMetadata: event.providerMetadata } : {}),
          });
        }
        break;
      }
      case "tool_call_start": {
        const call: OpenToolCall = { id: event.id, name: event.name, args: "", providerMetadata: event.providerMetadata };
        this.parts.push({ type: "tool_call", id: event.id, name: event.name, arguments: "" });
        this.openCalls.set(event.id, { call, index: this.parts.length - 1 });
        break;
      }
      case "tool_call_delta": {
        const open = this.openCalls.get(event.id);
        if (open) open.call.args += event.argumentsDelta;
        break;
      }
      case "tool_call_end": {
        const open = this.openCalls.get(event.id);
        const part: ContentPart = {
          type: "tool_call",
          id: event.id,
          name: event.name,
          arguments: event.arguments,
          ...((event.providerMetadata ?? open?.call.providerMetadata)
            ? { providerMetadata: event.providerMetadata ?? open?.call.providerMetadata }
            : {}),
        };
        if (open) {
          this.parts[open.index] = part;
          this.openCalls.delete(event.id);
        } else {
          this.parts.push(part);
        }
        break;
      }
      case "usage":
        // Providers report cumulative usage per response; the latest report wins.
        this.usageSoFar = event.usage;
        this.sawUsage = true;
        break;
      case "finish":
        this.reason = event.reason;
        break;
    }
  }

  /** Tool calls whose end never arrived (a cut stream) keep the arguments received so far. */
  message(): Message {
    const parts = this.parts.map((p) => {
      if (p.type !== "tool_call") return p;
      const open = this.openCalls.get(p.id);
      return open ? { ...p, arguments: open.call.args } : p;
    });
    return { role: "assistant", content: parts };
  }

  get usage(): Usage {
    return this.usageSoFar;
  }

  get hasUsage(): boolean {
    return this.sawUsage;
  }

  get finishReason(): FinishReason {
    return this.reason;
  }

  response(fallbackModel: string): CompletionResponse {
    return {
      message: this.message(),
      usage: this.usageSoFar,
      finishReason: this.reason,
      model: this.model ?? fallbackModel,
      ...(this.id ? { id: this.id } : {}),
    };
  }
}

/** Drains a stream into one response: the shared `complete()` of every streaming provider. */
export async function collectStream(stream: AsyncIterable<StreamEvent>, model: string): Promise<CompletionResponse> {
  const acc = new StreamAccumulator();
  for await (const event of stream) acc.push(event);
  return acc.response(model);
}

