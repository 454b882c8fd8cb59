import type { ModelInfo, Usage } from "@codetether/core";
import { getModelInfo } from "./get-model-info.js";

/**
 * US dollars a usage costs on a model. Cached reads and cache writes are priced at their own rates
 * (both are part of `inputTokens`); 0 when the model has no known price.
 */
export function calculateCost(ref: string | ModelInfo, usage: Usage): number {
  const pricing = (typeof ref === "string" ? getModelInfo(ref) : ref).pricing;
  if (!pricing) return 0;
  const cached = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteTokens ?? 0;
  const fresh = Math.max(0, usage.inputTokens - cached - written);
  const dollars =
    fresh * pricing.inputPerMTok +
    cached * (pricing.cachedInputPerMTok ?? pricing.inputPerMTok) +
    written * (pricing.cacheWritePerMTok ?? pricing.inputPerMTok) +
    usage.outputTokens * pricing.outputPerMTok;
  return dollars / 1_000_000;
}
