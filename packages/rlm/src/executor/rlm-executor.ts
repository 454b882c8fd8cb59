import { ContentIndex } from "../content/content-index.js";
import { type ContentType, detectContentType } from "../content/content-type.js";
import { RlmInputError } from "../errors/rlm-input-error.js";
import type { RlmExecutorOptions, RlmLimits, RlmResult } from "./rlm-options.js";
import { RlmRun } from "./rlm-run.js";

export const DEFAULT_RLM_LIMITS: Required<RlmLimits> = {
  maxIterations: 12,
  maxSubcalls: 32,
  maxConcurrentSubcalls: 4,
  callTimeoutMs: 120_000,
  maxTotalTokens: 500_000,
  maxResultChars: 4_000,
  maxSubcallChars: 40_000,
  maxPromptChars: 60_000,
};

export interface AnalyzeOptions {
  signal?: AbortSignal;
}

/**
 * A Recursive Language Model run over one content: the root model explores the content through a
 * REPL (it never sees the content whole) and may hand slices to sub-calls of a model. The content
 * is indexed once, here; every `analyze()` reuses that index.
 */
export class RlmExecutor {
  readonly contentType: ContentType;
  private readonly index: ContentIndex;
  private readonly limits: Required<RlmLimits>;

  constructor(private readonly options: RlmExecutorOptions) {
    if (typeof options.content !== "string") {
      throw new RlmInputError("RlmExecutor needs `content` as a string.", "Read the files first and pass their text as content.");
    }
    if (!options.provider || typeof options.provider.complete !== "function") {
      throw new RlmInputError("RlmExecutor needs a `provider` with complete().", "Pass a Provider, e.g. one resolved by ProviderRegistry.");
    }
    if (typeof options.model !== "string" || options.model.trim() === "") {
      throw new RlmInputError("RlmExecutor needs a `model` id.", "Pass the model id within the provider, e.g. gpt-4o-mini.");
    }
    const limits = { ...DEFAULT_RLM_LIMITS };
    for (const key of Object.keys(DEFAULT_RLM_LIMITS) as (keyof RlmLimits)[]) {
      const value = options[key];
      if (value === undefined) continue;
      // maxSubcalls may be 0: the REPL then runs without llm_query.
      const least = key === "maxSubcalls" ? 0 : 1;
      if (!Number.isFinite(value) || value < least) {
        throw new RlmInputError(
          `RLM limit ${key} must be a number of at least ${least}, got ${String(value)}.`,
          `Set ${key} to ${least} or more, or leave it out for the default (${DEFAULT_RLM_LIMITS[key]}).`,
        );
      }
      limits[key] = Math.floor(value);
    }
    this.limits = limits;
    // Windows line ends would hide from `$` in a regex and show as stray \r in every output:
    // normalised once, here, with the indexing.
    const text = options.content.includes("\r\n") ? options.content.replace(/\r\n/g, "\n") : options.content;
    this.index = new ContentIndex(text);
    this.contentType = options.contentType ?? detectContentType(text);
  }

  async analyze(query: string, analyzeOptions: AnalyzeOptions = {}): Promise<RlmResult> {
    if (typeof query !== "string" || query.trim() === "") {
      throw new RlmInputError("The RLM query is empty.", "Ask a question about the content, e.g. \"which errors happened most?\"");
    }
    const { provider, model, subModel, mode, temperature, maxTokens, onEvent } = this.options;
    const run = new RlmRun({
      ...this.limits,
      index: this.index,
      contentType: this.contentType,
      provider,
      model,
      subModel: subModel ?? model,
      mode: mode ?? "text",
      ...(temperature !== undefined ? { temperature } : {}),
      ...(maxTokens !== undefined ? { maxTokens } : {}),
      ...(analyzeOptions.signal ? { signal: analyzeOptions.signal } : {}),
      ...(onEvent ? { onEvent } : {}),
    });
    return run.execute(query);
  }
}
