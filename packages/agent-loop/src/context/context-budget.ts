import { estimateTokens, type ToolDefinition } from "@codetether/core";

export interface ContextOptions {
  /** Tokens kept free for the model's reply; default min(maxOutputTokens, 25% of the window). */
  outputReserve?: number;
  /** Extra tokens kept free for framing and estimate error; default 2% of the window (at least 256). */
  overhead?: number;
  /** Share of the usable budget at which old tool results are shrunk and then turns compacted. Default 0.8. */
  threshold?: number;
  /** Share of the usable budget the latest turns may keep through a compaction. Default 0.35. */
  keepRecent?: number;
  /** A single tool result above this share of the usable budget is condensed or truncated. Default 0.25. */
  maxToolResultShare?: number;
}

export interface ContextBudget {
  window: number;
  outputReserve: number;
  /** Fixed cost: framing overhead plus the system prompt and tool definitions. */
  overhead: number;
  /** What the conversation messages may use: window − output reserve − overhead. */
  usable: number;
  /** Token count above which the loop shrinks and compacts. */
  threshold: number;
  keepRecent: number;
  maxToolResultTokens: number;
}

export function contextBudget(
  model: { contextWindow: number; maxOutputTokens: number },
  system: string | undefined,
  tools: ToolDefinition[],
  options: ContextOptions = {},
): ContextBudget {
  const window = Math.max(1, model.contextWindow);
  const outputReserve = options.outputReserve ?? Math.min(model.maxOutputTokens || window / 4, Math.floor(window / 4));
  const framing = options.overhead ?? Math.max(256, Math.floor(window * 0.02));
  const fixed = framing + (system ? estimateTokens(system) : 0) + (tools.length ? estimateTokens(JSON.stringify(tools)) : 0);
  const usable = Math.max(256, window - outputReserve - fixed);
  return {
    window,
    outputReserve,
    overhead: fixed,
    usable,
    threshold: Math.floor(usable * (options.threshold ?? 0.8)),
    keepRecent: Math.floor(usable * (options.keepRecent ?? 0.35)),
    maxToolResultTokens: Math.max(200, Math.floor(usable * (options.maxToolResultShare ?? 0.25))),
  };
}
