import { describeError, estimateTokens, truncateText, type Usage } from "@codetether/core";
import type { RlmCondenser } from "./rlm-condenser.js";

export interface FitToolResultInput {
  content: string;
  toolName: string;
  /** What the user is after (the latest user message), to guide the condenser. */
  query: string;
  maxTokens: number;
  condenser?: RlmCondenser;
  signal?: AbortSignal;
}

export interface FittedToolResult {
  text: string;
  method: "none" | "rlm" | "truncate";
  stats?: Record<string, number>;
  /** The condenser's model usage and cost, when it reported them. */
  usage?: Usage;
  cost?: number;
}

/**
 * Makes a tool result fit its share of the window: untouched when small; condensed by RLM when a
 * condenser is plugged in; otherwise (or when the condenser fails) cut to head + tail with a marker
 * saying how much was left out.
 */
export async function fitToolResult(input: FitToolResultInput): Promise<FittedToolResult> {
  const { content, maxTokens } = input;
  if (estimateTokens(content) <= maxTokens) return { text: content, method: "none" };
  // Dense text packs ~2.4 chars a token; budget with that so the result surely fits.
  const maxChars = Math.max(400, Math.floor(maxTokens * 2.4));
  let note = "";
  if (input.condenser) {
    try {
      const out = await input.condenser.condense({
        content,
        toolName: input.toolName,
        query: input.query,
        maxChars,
        ...(input.signal ? { signal: input.signal } : {}),
      });
      const text = out.text.length > maxChars ? truncateText(out.text, { maxBytes: maxChars, keep: "both" }).text : out.text;
      return {
        text: `[The ${input.toolName} output was ${content.length} characters; condensed for the question at hand:]\n${text}`,
        method: "rlm",
        ...(out.stats ? { stats: out.stats } : {}),
        ...(out.usage ? { usage: out.usage } : {}),
        ...(out.cost !== undefined ? { cost: out.cost } : {}),
      };
    } catch (error) {
      if (input.signal?.aborted) throw error;
      note = ` (condensing failed: ${describeError(error).split("\n")[0]})`;
    }
  }
  const cut = truncateText(content, { maxBytes: maxChars, keep: "both" });
  return {
    text: `[The ${input.toolName} output was ${content.length} characters, too large for the context window; showing the start and the end${note}. Narrow the request (a line range, a pattern, a path) to see the middle.]\n${cut.text}`,
    method: "truncate",
  };
}
