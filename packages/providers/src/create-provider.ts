import type { Provider } from "@codetether/core";
import { envVarsFor } from "@codetether/secrets";
import { AnthropicProvider } from "./anthropic/anthropic-provider.js";
import { CopilotProvider } from "./copilot/copilot-provider.js";
import { MissingKeyError } from "./errors/missing-key-error.js";
import { UnknownProviderError } from "./errors/unknown-provider-error.js";
import { GoogleProvider } from "./google/google-provider.js";
import { OpenAIChatProvider } from "./openai/openai-chat-provider.js";
import { isLoopbackUrl } from "./registry/is-loopback-url.js";
import { KNOWN_PROVIDERS, knownProvider, type ProviderType } from "./registry/known-providers.js";
import type { RetryPolicy } from "./retry/retry-policy.js";

export interface CreateProviderOptions {
  /** A built-in id (`openai`, `moonshotai`, …) or any name for a configured host. */
  id: string;
  /** For `github-copilot`: the GitHub token (exchanged for Copilot tokens). */
  apiKey?: string;
  baseUrl?: string;
  headers?: Record<string, string>;
  /** Wire format; defaults to the built-in provider's, or `openai-compatible` when a baseUrl is given. */
  type?: ProviderType;
  organization?: string;
  /** Model ids to list besides the catalog's (from `[providers.<id>] models`). */
  models?: string[];
  retry?: RetryPolicy;
  /** `github-copilot` only: the token-exchange URL (tests point it at a local server). */
  copilotTokenUrl?: string;
}

/**
 * Builds a core `Provider` for a provider id. Throws MissingKeyError when a hosted provider gets no
 * key, and UnknownProviderError for an id that is neither built in nor given a type and base URL.
 */
export function createProvider(options: CreateProviderOptions): Provider {
  const known = knownProvider(options.id);
  const type = options.type ?? known?.type ?? (options.baseUrl ? "openai-compatible" : undefined);
  if (!type) throw new UnknownProviderError(options.id, KNOWN_PROVIDERS.map((p) => p.id));
  const baseUrl = options.baseUrl ?? known?.baseUrl;
  const keyless = type === "openai-compatible" && (!known || isLoopbackUrl(baseUrl));
  if (!options.apiKey && !keyless) throw new MissingKeyError(options.id, [], envVarsFor(options.id).join(" or ") || undefined);
  const common = {
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.models ? { extraModels: options.models } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  };
  const apiKey = options.apiKey ?? "";
  switch (type) {
    case "anthropic":
      return new AnthropicProvider({ id: options.id, apiKey, ...(baseUrl ? { baseUrl } : {}), ...common });
    case "google":
      return new GoogleProvider({ id: options.id, apiKey, ...(baseUrl ? { baseUrl } : {}), ...common });
    case "github-copilot":
      return new CopilotProvider({
        id: options.id,
        githubToken: apiKey,
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        ...(options.copilotTokenUrl ? { tokenUrl: options.copilotTokenUrl } : {}),
        ...common,
      });
    case "openai":
    case "openai-compatible": {
      if (!baseUrl) throw new UnknownProviderError(options.id, KNOWN_PROVIDERS.map((p) => p.id));
      return new OpenAIChatProvider({
        id: options.id,
        baseUrl,
        ...(options.apiKey ? { apiKey: options.apiKey } : {}),
        ...(options.organization ? { organization: options.organization } : {}),
        ...(known?.reasoningField ? { reasoningField: known.reasoningField } : {}),
        maxTokensField: known?.maxTokensField ?? (type === "openai" ? "max_completion_tokens" : "max_tokens"),
        parallelToolCalls: known?.parallelToolCalls ?? type === "openai",
        reasoningEffort: type === "openai",
        // Self-hosted servers (Ollama, vLLM, …) and aggregators list what they actually serve.
        listServerModels: type === "openai-compatible" && (!known || known.id === "openrouter" || isLoopbackUrl(baseUrl)),
        ...common,
      });
    }
  }
}
