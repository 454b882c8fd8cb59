import type { CompletionRequest, ModelInfo, StreamEvent, ToolChoice } from "@codetether/core";
import { FunctionCallingConfigMode, GoogleGenAI, type GenerateContentConfig } from "@google/genai";
import { BaseProvider } from "../base-provider.js";
import { catalogModels } from "../catalog/catalog-models.js";
import { getModelInfo } from "../catalog/get-model-info.js";
import { HttpFailure } from "../errors/http-failure.js";
import type { RetryPolicy } from "../retry/retry-policy.js";
import { GoogleStreamMapper } from "./google-stream-mapper.js";
import { toGooglePrompt } from "./to-google-contents.js";

export interface GoogleProviderOptions {
  id?: string;
  apiKey: string;
  baseUrl?: string;
  headers?: Record<string, string>;
  extraModels?: string[];
  retry?: RetryPolicy;
}

const THINKING_BUDGET = { low: 2_048, medium: 8_192, high: 24_576 } as const;

/** Gemini through `@google/genai` (`streamGenerateContent`), with function calling and thoughts. */
export class GoogleProvider extends BaseProvider {
  private readonly sdk: GoogleGenAI;
  private readonly extraModels: string[];

  constructor(options: GoogleProviderOptions) {
    super(options.id ?? "google", options.retry);
    this.extraModels = options.extraModels ?? [];
    this.sdk = new GoogleGenAI({
      apiKey: options.apiKey,
      httpOptions: {
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        ...(options.headers ? { headers: options.headers } : {}),
        // No SDK retries (ours is the one policy), and failures keep their headers (Retry-After).
        retryOptions: { attempts: 1 },
        fetch: failingFetch,
      },
    });
  }

  protected async *streamOnce(request: CompletionRequest): AsyncIterable<StreamEvent> {
    // Stopping early must also stop the HTTP request, which the SDK's generator does not do itself.
    const controller = new AbortController();
    const onAbort = () => controller.abort(request.signal?.reason);
    if (request.signal?.aborted) onAbort();
    request.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const { systemInstruction, contents } = toGooglePrompt(request.messages);
      const stream = await this.sdk.models.generateContentStream({
        model: request.model,
        contents,
        config: { ...this.config(request), ...(systemInstruction ? { systemInstruction } : {}), abortSignal: controller.signal },
      });
      const mapper = new GoogleStreamMapper();
      for await (const response of stream) yield* mapper.map(response);
      yield* mapper.end();
    } finally {
      request.signal?.removeEventListener("abort", onAbort);
      controller.abort();
    }
  }

  async listModels(): Promise<ModelInfo[]> {
    const models = catalogModels(this.id);
    for (const id of this.extraModels) if (!models.some((m) => m.id === id)) models.push(getModelInfo(`${this.id}/${id}`));
    return models;
  }

  private config(request: CompletionRequest): GenerateContentConfig {
    const config: GenerateContentConfig = {};
    if (request.tools && request.tools.length > 0) {
      config.tools = [
        { functionDeclarations: request.tools.map((t) => ({ name: t.name, description: t.description, parametersJsonSchema: t.parameters })) },
      ];
      if (request.toolChoice) config.toolConfig = { functionCallingConfig: toolChoice(request.toolChoice) };
    }
    if (request.temperature !== undefined) config.temperature = request.temperature;
    if (request.maxTokens !== undefined) config.maxOutputTokens = request.maxTokens;
    if (request.stop && request.stop.length > 0) config.stopSequences = request.stop;
    if (request.reasoning) {
      config.thinkingConfig = {
        includeThoughts: true,
        thinkingBudget: request.reasoning.budgetTokens ?? THINKING_BUDGET[request.reasoning.effort ?? "medium"],
      };
    } else if (getModelInfo(`google/${request.model}`).supportsReasoning) {
      // Thinking models think anyway; asking for the thoughts costs nothing and lets the user see them.
      config.thinkingConfig = { includeThoughts: true };
    }
    return { ...config, ...request.providerOptions } as GenerateContentConfig;
  }
}

function toolChoice(choice: ToolChoice): NonNullable<NonNullable<GenerateContentConfig["toolConfig"]>["functionCallingConfig"]> {
  if (choice === "auto") return { mode: FunctionCallingConfigMode.AUTO };
  if (choice === "none") return { mode: FunctionCallingConfigMode.NONE };
  if (choice === "required") return { mode: FunctionCallingConfigMode.ANY };
  return { mode: FunctionCallingConfigMode.ANY, allowedFunctionNames: [choice.name] };
}

/** fetch that turns a non-2xx answer into an HttpFailure before the SDK flattens it into a message. */
async function failingFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  if (response.ok) return response;
  throw new HttpFailure(response.status, response.headers, await response.text().catch(() => ""));
}
