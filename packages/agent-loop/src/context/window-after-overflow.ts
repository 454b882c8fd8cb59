import type { CodetetherError } from "@codetether/core";

export interface ModelWindow {
  contextWindow: number;
  maxOutputTokens: number;
}

/** How providers state the limit: OpenAI and vLLM ("maximum context length is 8192 tokens"), Anthropic ("… > 200000 maximum"), llama.cpp and others ("context size (4096)"). */
const LIMIT_PATTERNS = [/maximum context length is (\d[\d,]*)/i, />\s*(\d[\d,]*)\s*maximum/i, /context (?:size|window|length)\D{0,24}?(\d[\d,]{2,})/i];

/**
 * A smaller window to budget against after the provider rejected a request as too long: the limit
 * the provider stated when its message names one, else three quarters of what was sent (the real
 * window is below that). Undefined when it would not shrink the window.
 */
export function windowAfterOverflow(current: ModelWindow, error: CodetetherError, sentTokens: number): ModelWindow | undefined {
  const stated = statedLimit(error.message);
  const guess = Math.floor(Math.min(current.contextWindow, sentTokens) * 0.75);
  const next = stated !== undefined && stated < current.contextWindow ? stated : guess;
  if (!(next >= 512 && next < current.contextWindow)) return undefined;
  return { contextWindow: next, maxOutputTokens: Math.min(current.maxOutputTokens, Math.floor(next / 4)) };
}

function statedLimit(message: string): number | undefined {
  for (const pattern of LIMIT_PATTERNS) {
    const match = pattern.exec(message);
    if (!match?.[1]) continue;
    const n = Number(match[1].replace(/,/g, ""));
    if (Number.isFinite(n) && n > 0) return n;
  }
  return undefined;
}
