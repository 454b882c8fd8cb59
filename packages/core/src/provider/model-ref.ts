import { ModelRefError } from "../errors/model-ref-error.js";

export interface ModelRef {
  provider: string;
  model: string;
}

/**
 * Parses `provider/model`, splitting at the first `/` only, because model ids themselves may hold
 * `/` and `:` (`openrouter/openai/gpt-5`, `ollama/qwen3:8b`). `provider:model` is accepted when
 * there is no `/`; a bare model id resolves through `defaultProvider`.
 */
export function parseModelRef(ref: string, defaultProvider?: string): ModelRef {
  const trimmed = ref.trim();
  if (trimmed === "") throw new ModelRefError(ref, "it is empty");
  const slash = trimmed.indexOf("/");
  if (slash >= 0) return checked(ref, trimmed.slice(0, slash), trimmed.slice(slash + 1));
  const colon = trimmed.indexOf(":");
  if (colon >= 0) return checked(ref, trimmed.slice(0, colon), trimmed.slice(colon + 1));
  if (!defaultProvider) throw new ModelRefError(ref, "it names no provider and no default provider is configured");
  return checked(ref, defaultProvider, trimmed);
}

function checked(ref: string, provider: string, model: string): ModelRef {
  if (provider === "") throw new ModelRefError(ref, "the provider part before the separator is empty");
  if (model === "") throw new ModelRefError(ref, "the model part after the separator is empty");
  return { provider, model };
}

export function formatModelRef(ref: ModelRef): string {
  return `${ref.provider}/${ref.model}`;
}
