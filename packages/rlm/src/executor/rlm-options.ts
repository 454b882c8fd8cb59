import type { Provider, Usage } from "@codetether/core";
import type { ContentType } from "../content/content-type.js";
import type { ReplEntry } from "../repl/repl.js";

/** How the root model drives the REPL: code blocks in its text (any model) or structured tool calls. */
export type RlmDriveMode = "text" | "tools";

export interface RlmLimits {
  /** Root-model turns before the run stops with a partial answer (default 12). */
  maxIterations?: number;
  /** `llm_query` sub-calls allowed in the whole run (default 32). */
  maxSubcalls?: number;
  /** Sub-calls running at once (default 4). */
  maxConcurrentSubcalls?: number;
  /** Timeout of each model call, root or sub-call, in milliseconds (default 120,000). */
  callTimeoutMs?: number;
  /** Input + output tokens over all calls before the run stops with a partial answer (default 500,000). */
  maxTotalTokens?: number;
  /** Cap on each REPL output before it enters the prompt (default 4,000 chars). */
  maxResultChars?: number;
  /** Cap on the text handed to one sub-call (default 40,000 chars). */
  maxSubcallChars?: number;
  /** Older REPL outputs are elided once the conversation passes this many chars (default 60,000). */
  maxPromptChars?: number;
}

export interface RlmExecutorOptions extends RlmLimits {
  /** The text to explore; it never enters a prompt whole. */
  content: string;
  provider: Provider;
  /** Model id within the provider, for the root model. */
  model: string;
  /** Model id for `llm_query` sub-calls (default: `model`). */
  subModel?: string;
  /** Default "text" (works with any model); "tools" offers rlm_* tools to models that call tools. */
  mode?: RlmDriveMode;
  /** Skips detection when the caller knows the type. */
  contentType?: ContentType;
  temperature?: number;
  /** Output token cap per model reply. */
  maxTokens?: number;
  onEvent?: (event: RlmEvent) => void;
}

export interface RlmSubQuery {
  question: string;
  /** Characters of content the sub-call was given. */
  sliceChars: number;
  answer: string;
  elapsedMs: number;
  error?: string;
}

export interface RlmStats {
  inputTokens: number;
  outputTokens: number;
  iterations: number;
  subcalls: number;
  elapsedMs: number;
  /** Content characters ÷ characters sent to the model over all calls (higher means less was sent). */
  compressionRatio: number;
  contentChars: number;
  /** Characters of every request sent to the model, root and sub-calls. */
  charsSent: number;
}

export interface RlmTraceEntry {
  iteration: number;
  kind: "root" | "finalize";
  /** Characters of the request that produced this turn. */
  promptChars: number;
  /** The model's reply text (shortened). */
  reply: string;
  /** Tool calls the model made, by name. */
  toolCalls: string[];
  commands: ReplEntry[];
  usage: Usage;
  elapsedMs: number;
}

/**
 * Why a run stopped without FINAL, or which limit cut its work short: `max_subcalls` (llm_query
 * refused), `timeout` (a model call ran past callTimeoutMs), `max_tokens` (the budget was spent).
 */
export type RlmStopReason = "max_iterations" | "max_subcalls" | "max_tokens" | "timeout" | "aborted" | "error";

export interface RlmResult {
  answer: string;
  iterations: number;
  subQueries: RlmSubQuery[];
  stats: RlmStats;
  trace: RlmTraceEntry[];
  /**
   * True when a limit ended the run, or refused work the model asked for (a sub-call over
   * maxSubcalls or the token budget, a timed-out sub-call), or an error after progress ended it:
   * `answer` is the best found so far.
   */
  partial?: boolean;
  stopReason?: RlmStopReason;
  /** What happened, when partial. */
  stopDetail?: string;
  contentType: ContentType;
}

export type RlmEvent =
  | { type: "iteration"; iteration: number }
  | { type: "command"; iteration: number; source: string; output: string; isError: boolean }
  | { type: "subcall"; question: string; sliceChars: number }
  | { type: "done"; answer: string; partial: boolean };
