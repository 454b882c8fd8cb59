import type { FinishReason, StreamEvent, Usage } from "@codetether/core";
import type { GenerateContentResponse } from "@google/genai";

/**
 * Folds `streamGenerateContent` responses into core events. Gemini sends each function call whole
 * in one part, so a call starts, gets its arguments and ends within one chunk.
 */
export class GoogleStreamMapper {
  private started = false;
  private calls = 0;
  private finish: FinishReason | undefined;
  private sawCalls = false;

  map(response: GenerateContentResponse): StreamEvent[] {
    const events: StreamEvent[] = [];
    if (!this.started) {
      this.started = true;
      events.push({ type: "start", ...(response.responseId ? { id: response.responseId } : {}), ...(response.modelVersion ? { model: response.modelVersion } : {}) });
    }
    const candidate = response.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (part.functionCall) {
        this.sawCalls = true;
        const id = part.functionCall.id || `call_${++this.calls}`;
        const name = part.functionCall.name ?? "";
        const args = JSON.stringify(part.functionCall.args ?? {});
        const providerMetadata = part.thoughtSignature ? { google: { thoughtSignature: part.thoughtSignature } } : undefined;
        events.push({ type: "tool_call_start", id, name, ...(providerMetadata ? { providerMetadata } : {}) });
        events.push({ type: "tool_call_delta", id, argumentsDelta: args });
        events.push({ type: "tool_call_end", id, name, arguments: args, ...(providerMetadata ? { providerMetadata } : {}) });
      } else if (part.thought) {
        events.push({ type: "reasoning_delta", text: part.text ?? "", ...(part.thoughtSignature ? { signature: part.thoughtSignature } : {}) });
      } else if (typeof part.text === "string" && part.text !== "") {
        events.push({ type: "text_delta", text: part.text });
      }
    }
    if (candidate?.finishReason) this.finish = finishReason(candidate.finishReason, this.sawCalls);
    if (response.usageMetadata) events.push({ type: "usage", usage: toUsage(response.usageMetadata) });
    return events;
  }

  end(): StreamEvent[] {
    return [{ type: "finish", reason: this.finish ?? (this.sawCalls ? "tool_calls" : "stop") }];
  }
}

function finishReason(reason: string, sawCalls: boolean): FinishReason {
  switch (reason) {
    case "STOP":
      return sawCalls ? "tool_calls" : "stop";
    case "MAX_TOKENS":
      return "length";
    case "SAFETY":
    case "RECITATION":
    case "BLOCKLIST":
    case "PROHIBITED_CONTENT":
    case "SPII":
    case "IMAGE_SAFETY":
      return "content_filter";
    default:
      return "other";
  }
}

/** Gemini counts thoughts apart from the candidates; core counts reasoning inside the output. */
function toUsage(u: NonNullable<GenerateContentResponse["usageMetadata"]>): Usage {
  const thoughts = u.thoughtsTokenCount ?? 0;
  const usage: Usage = { inputTokens: u.promptTokenCount ?? 0, outputTokens: (u.candidatesTokenCount ?? 0) + thoughts };
  if (u.cachedContentTokenCount) usage.cachedInputTokens = u.cachedContentTokenCount;
  if (thoughts > 0) usage.reasoningTokens = thoughts;
  return usage;
}
