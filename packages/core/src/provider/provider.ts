import type { CompletionRequest, CompletionResponse, StreamEvent } from "../messages/completion.js";

export interface ModelPricing {
  /** US dollars per million input tokens. */
  inputPerMTok: number;
  outputPerMTok: number;
  cachedInputPerMTok?: number;
  cacheWritePerMTok?: number;
}

export interface ModelInfo {
  /** Model id within its provider, e.g. `kimi-k2.5`. */
  id: string;
  provider: string;
  name?: string;
  contextWindow: number;
  maxOutputTokens: number;
  supportsTools: boolean;
  supportsVision: boolean;
  supportsReasoning: boolean;
  pricing?: ModelPricing;
}

/**
 * Anything that can answer a completion request. Core defines the shape only, so any layer can
 * accept a provider object without pulling in an LLM SDK.
 */
export interface Provider {
  readonly id: string;
  complete(request: CompletionRequest): Promise<CompletionResponse>;
  stream(request: CompletionRequest): AsyncIterable<StreamEvent>;
  listModels(): Promise<ModelInfo[]>;
}
