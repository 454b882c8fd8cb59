import type { CompletionRequest, ModelInfo, StreamEvent, ToolChoice, ToolDefinition } from "@codetether/core";
import OpenAI from "openai";
import { BaseProvider } from "../base-provider.js";
import { catalogModels } from "../catalog/catalog-models.js";
import { getModelInfo } from "../catalog/get-model-info.js";
import type { RetryPolicy } from "../retry/retry-policy.js";
import { OpenAIStreamMapper } from "./openai-stream-mapper.js";
import { toOpenAIMessages } from "./to-openai-messages.js";

export interface OpenAICredentials {
  apiKey: string;
  baseUrl?: string;
  headers?: Record<string, string>;
}

export interface OpenAIChatProviderOptions {
  id: string;
  baseUrl: string;
  apiKey?: string;
  headers?: Record<string, string>;
  organization?: string;
  /** See KnownProvider.reasoningField. */
  reasoningField?: string;
  maxTokensField?: "max_tokens" | "max_completion_tokens";
  parallelToolCalls?: boolean;
  /** Send `reasoning_effort` (OpenAI's reasoning models). */
  reasoningEffort?: boolean;
  /** `listModels()` also asks the server's `/models` (self-hosted and aggregator hosts). */
  listServerModels?: boolean;
  /** Models named in config, listed even when the catalog does not know them. */
  extraModels?: string[];
  retry?: RetryPolicy;
  /** Credentials fetched per request, for hosts whose tokens expire (Copilot). */
  credentials?: () => Promise<OpenAICredentials>;
  /** Called when the host rejects the credentials, so the next request fetches fresh ones. */
  onAuthRejected?: () => void;
}

/** Chat completions through the official `openai` SDK: OpenAI itself and every compatible host. */
export class OpenAIChatProvider extends BaseProvider {
  private readonly options: OpenAIChatProviderOptions;
  private client: { key: string; sdk: OpenAI } | undefined;

  constructor(options: OpenAIChatProviderOptions) {
    super(options.id, options.retry);
    this.options = options;
  }

  protected async *streamOnce(request: CompletionRequest): AsyncIterable<StreamEvent> {
    const body = this.body(request);
    const send = async () => (await this.sdk()).chat.completions.create(body, { ...(request.signal ? { signal: request.signal } : {}) });
    const stream = await send().catch((error: unknown) => {
      // Short-lived credentials may expire between the check and the request: fetch fresh ones once.
      if ((error as { status?: number }).status !== 401 || !this.options.onAuthRejected) throw error;
      this.options.onAuthRejected();
      return send();
    });
    const mapper = new OpenAIStreamMapper();
    for await (const chunk of stream) yield* mapper.map(chunk);
    yield* mapper.end();
  }

  async listModels(): Promise<ModelInfo[]> {
    const models = new Map(catalogModels(this.id).map((m) => [m.id, m]));
    for (const id of this.options.extraModels ?? []) if (!models.has(id)) models.set(id, getModelInfo(`${this.id}/${id}`));
    if (this.options.listServerModels) {
      for (const id of await this.serverModelIds()) if (!models.has(id)) models.set(id, getModelInfo(`${this.id}/${id}`));
    }
    return [...models.values()];
  }

  /** The server's `/models`, or nothing when it cannot be reached within a few seconds. */
  private async serverModelIds(): Promise<string[]> {
    try {
      const sdk = await this.sdk();
      const page = await sdk.models.list({ signal: AbortSignal.timeout(3_000) });
      return page.data.map((m) => m.id);
    } catch {
      return [];
    }
  }

  private body(request: CompletionRequest): OpenAI.Chat.ChatCompletionCreateParamsStreaming {
    const body: Record<string, unknown> = {
      model: request.model,
      messages: toOpenAIMessages(request.messages, { ...(this.options.reasoningField ? { reasoningField: this.options.reasoningField } : {}) }),
      stream: true,
      stream_options: { include_usage: true },
    };
    if (request.tools && request.tools.length > 0) {
      body.tools = request.tools.map(toOpenAITool);
      if (request.toolChoice) body.tool_choice = toolChoice(request.toolChoice);
      if (this.options.parallelToolCalls) body.parallel_tool_calls = true;
    }
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.maxTokens !== undefined) body[this.options.maxTokensField ?? "max_tokens"] = request.maxTokens;
    if (request.stop && request.stop.length > 0) body.stop = request.stop;
    if (request.reasoning?.effort && this.options.reasoningEffort) body.reasoning_effort = request.reasoning.effort;
    return { ...body, ...request.providerOptions } as unknown as OpenAI.Chat.ChatCompletionCreateParamsStreaming;
  }

  private async sdk(): Promise<OpenAI> {
    const fresh = this.options.credentials ? await this.options.credentials() : undefined;
    const apiKey = fresh?.apiKey ?? this.options.apiKey ?? "no-key";
    const baseURL = fresh?.baseUrl ?? this.options.baseUrl;
    const key = `${apiKey}\n${baseURL}`;
    if (this.client?.key !== key) {
      this.client = {
        key,
        sdk: new OpenAI({
          apiKey,
          baseURL,
          maxRetries: 0,
          defaultHeaders: { ...this.options.headers, ...fresh?.headers },
          ...(this.options.organization ? { organization: this.options.organization } : {}),
        }),
      };
    }
    return this.client.sdk;
  }
}

function toOpenAITool(tool: ToolDefinition): OpenAI.Chat.ChatCompletionTool {
  return { type: "function", function: { name: tool.name, description: tool.description, parameters: tool.parameters } };
}

function toolChoice(choice: ToolChoice): OpenAI.Chat.ChatCompletionToolChoiceOption {
  return typeof choice === "string" ? choice : { type: "function", function: { name: choice.name } };
}
