import type { Tool, ToolContext, ToolResult, Usage } from "@codetether/core";
import { rlmTool, type RlmToolArgs, type RlmToolOptions } from "@codetether/rlm";
import { MeteredProvider } from "./metered-provider.js";

/**
 * The `rlm` tool, reporting the usage (and cost) of the model calls it made in its result's metadata,
 * which the agent loop counts into the run's and the session's totals like a sub-agent's.
 */
export function meteredRlmTool(options: RlmToolOptions, priceUsage: (usage: Usage) => number | undefined): Tool<RlmToolArgs> {
  const template = rlmTool(options);
  return {
    ...template,
    async execute(args: RlmToolArgs, ctx: ToolContext): Promise<ToolResult> {
      // A meter per call: calls of one step may run concurrently (the tool is read-only).
      const provider = new MeteredProvider(options.provider);
      const result = await rlmTool({ ...options, provider }).execute(args, ctx);
      if (provider.callCount === 0) return result;
      const cost = priceUsage(provider.usage);
      return { ...result, metadata: { ...result.metadata, usage: provider.usage, ...(cost !== undefined ? { cost } : {}) } };
    },
  };
}
