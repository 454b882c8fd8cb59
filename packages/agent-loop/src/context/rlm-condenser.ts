import type { Usage } from "@codetether/core";

/**
 * Condenses a tool result far larger than the context window into what matters for `query`.
 * `@codetether/rlm` implements it (structurally); the loop only depends on this shape.
 */
export interface RlmCondenser {
  condense(input: {
    content: string;
    toolName: string;
    query: string;
    maxChars: number;
    signal?: AbortSignal;
  }): Promise<{
    text: string;
    stats?: Record<string, number>;
    /** Usage of the model calls condensing took (and their cost), counted into the run's totals. */
    usage?: Usage;
    cost?: number;
  }>;
}
