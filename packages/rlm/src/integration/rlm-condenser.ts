import type { Provider } from "@codetether/core";
import { RlmExecutor } from "../executor/rlm-executor.js";
import type { RlmDriveMode, RlmEvent, RlmLimits } from "../executor/rlm-options.js";

/**
 * Condenses a tool result far larger than the context window into what matters for a query.
 * The same shape as `RlmCondenser` in @codetether/agent-loop, which accepts this structurally
 * (rlm sits below the loop and does not import it).
 */
export interface RlmCondenser {
  condense(input: {
    content: string;
    toolName: string;
    query: string;
    maxChars: number;
    signal?: AbortSignal;
  }): Promise<{ text: string; stats?: Record<string, number> }>;
}

export interface RlmCondenserOptions extends RlmLimits {
  provider: Provider;
  model: string;
  subModel?: string;
  mode?: RlmDriveMode;
  onEvent?: (event: RlmEvent) => void;
}

function condenseQuery(toolName: string, query: string, maxChars: number): string {
  return [
    `The \`${toolName}\` tool returned the content loaded in the REPL; it is too large for the agent's context window.`,
    `The agent is working on: ${query.trim() || "(no request given)"}`,
    `Extract what the agent needs from this output for that work: the exact lines, paths, names, numbers and errors, with line numbers, and a one-line summary of the rest.`,
    `Your FINAL answer replaces the output in the agent's context: keep it under ${maxChars} characters.`,
  ].join("\n");
}

/** An RLM-backed condenser for the agent loop: explores the big tool result instead of truncating it. */
export function createRlmCondenser(options: RlmCondenserOptions): RlmCondenser {
  const { provider, model, subModel, mode, onEvent, ...limits } = options;
  return {
    async condense(input) {
      const executor = new RlmExecutor({
        ...limits,
        content: input.content,
        provider,
        model,
        ...(subModel ? { subModel } : {}),
        ...(mode ? { mode } : {}),
        ...(onEvent ? { onEvent } : {}),
      });
      const result = await executor.analyze(condenseQuery(input.toolName, input.query, input.maxChars), {
        ...(input.signal ? { signal: input.signal } : {}),
      });
      let text = result.partial ? `${result.answer}\n[partial: ${result.stopDetail ?? result.stopReason}]` : result.answer;
      if (text.length > input.maxChars) text = `${text.slice(0, Math.max(0, input.maxChars - 30))}\n… [condensed text cut]`;
      return {
        text,
        stats: {
          inputTokens: result.stats.inputTokens,
          outputTokens: result.stats.outputTokens,
          iterations: result.stats.iterations,
          subcalls: result.stats.subcalls,
          elapsedMs: result.stats.elapsedMs,
          compressionRatio: result.stats.compressionRatio,
          contentChars: result.stats.contentChars,
          charsSent: result.stats.charsSent,
          partial: result.partial ? 1 : 0,
        },
      };
    },
  };
}
