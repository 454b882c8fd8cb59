import Anthropic from "@anthropic-ai/sdk";
import type { CompletionRequest, ModelInfo, StreamEvent, ToolChoice } from "@codetether/core";
import { BaseProvider } from "../base-provider.js";
import { catalogModels } from "../catalog/catalog-models.js";
import { getModelInfo } from "../catalog/get-model-info.js";
import type { RetryPolicy } from "../retry/retry-policy.js";
import { AnthropicStreamMapper } from "./anthropic-stream-mapper.js";
import { toAnthropicPrompt } from "./to-anthropic-messages.js";

export interface AnthropicProviderOptions {
  id?: string;
  apiKey: string;
  baseUrl?: string;
  headers?: Record<string, string>;
  extraModels?: string[];
  retry?: RetryPolicy;
}

const THINKING_BUDGET = { low: 2_048, medium: 8_192, high: 24_576 } as const;
/** The API requires max_tokens; the model's own ceiling is often far more than a turn needs. */
const DEFAULT_MAX_TOKENS = 16_384;
/** Models on which Anthropic deprecates fixed thinking budgets in favour of adaptive thinking. */
const ADAPTIVE_THINKING = new Set(["claude-opus-4-6", "claude-mythos-preview"]);

/** Claude through the Messages API (`@anthropic-ai/sdk`), streaming, with thinking and prompt caching. */
export class AnthropicProvider extends BaseProvider {
  private readonly sdk: Anthropic;
  private readonly extraModels: string[];

  constructor(options: AnthropicProviderOptions) {
    super(options.id ?? "anthropic", options.retry);
    this.extraModels = options.extraModels ?? [];
    this.sdk = new Anthropic({
      apiKey: options.apiKey,
      maxRetries: 0,
      ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
      ...(options.headers ? { defaultHeaders: options.headers } : {}),
    });
  }

  protected async *streamOnce(request: CompletionRequest): AsyncIterable<StreamEvent> {
    const stream = await this.sdk.messages.create(this.body(request), { ...(request.signal ? { signal: request.signal } : {}) });
    const mapper = new AnthropicStreamMapper();
    for await (const event of stream) yield* mapper.map(event);
  }

  async listModels(): Promise<ModelInfo[]> {
    const models = catalogModels(this.id);
    for (const id of this.extraModels) if (!models.some((m) => m.id === id)) models.push(getModelInfo(`${this.id}/${id}`));
    return models;
  }

  private body(request: CompletionRequest): Anthropic.MessageCreateParamsStreaming {
    const { system, messages } = toAnthropicPrompt(request.messages);
    const info = getModelInfo(`anthropic/${request.model}`);
    const budget = request.reasoning ? (request.reasoning.budgetTokens ?? THINKING_BUDGET[request.reasoning.effort ?? "medium"]) : undefined;
    const maxTokens = Math.max(request.maxTokens ?? Math.min(info.maxOutputTokens, DEFAULT_MAX_TOKENS), (budget ?? 0) + 1_024);
    const body: Record<string, unknown> = { model: request.model, messages, max_tokens: maxTokens, stream: true };
    if (system) body.system = system;
    if (request.tools && request.tools.length > 0) {
      body.tools = request.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters }));
      // With thinking on, the API accepts only auto/none tool choice: a forced choice is dropped.
      const choice = request.toolChoice ? toolChoice(request.toolChoice) : undefined;
      if (choice && (budget === undefined || choice.type === "auto" || choice.type === "none")) body.tool_choice = choice;
    }
    if (budget !== undefined) {
      body.thinking =
        ADAPTIVE_THINKING.has(request.model) && request.reasoning?.budgetTokens === undefined
          ? { type: "adaptive" }
          : { type: "enabled", budget_tokens: budget };
    }
    // Thinking requires the default temperature.
    else if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.stop && request.stop.length > 0) body.stop_sequences = request.stop;
    return { ...body, ...request.providerOptions } as unknown as Anthropic.MessageCreateParamsStreaming;
  }
}

function toolChoice(choice: ToolChoice): Anthropic.ToolChoice {
  if (choice === "auto") return { type: "auto" };
  if (choice === "none") return { type: "none" };
  if (choice === "required") return { type: "any" };
  return { type: "tool", name: choice.name };
}
