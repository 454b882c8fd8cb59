import type { RlmCondenser } from "@codetether/agent-loop";
import type { Usage } from "@codetether/core";
import { createRlmCondenser, type RlmCondenserOptions } from "@codetether/rlm";
import { MeteredProvider } from "./metered-provider.js";

/**
 * The RLM condenser for oversized tool results, reporting the usage (and cost) of the model calls
 * each condensing made, which the agent loop counts into the run's and the session's totals.
 */
export function meteredCondenser(options: RlmCondenserOptions, priceUsage: (usage: Usage) => number | undefined): RlmCondenser {
  return {
    async condense(input) {
      // A meter per call: results of one step may be condensed concurrently.
      const provider = new MeteredProvider(options.provider);
      const out = await createRlmCondenser({ ...options, provider }).condense(input);
      if (provider.callCount === 0) return out;
      const cost = priceUsage(provider.usage);
      return { ...out, usage: provider.usage, ...(cost !== undefined ? { cost } : {}) };
    },
  };
}
