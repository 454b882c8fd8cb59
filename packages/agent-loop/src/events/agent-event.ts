import type { FinishReason, Message, Usage } from "@codetether/core";

/** Why a run ended. */
export type ExitReason =
  /** The model answered without asking for tools. */
  | "done"
  | "max_steps"
  | "aborted"
  /** No progress (no stream event, no tool output) within the timeout. */
  | "timeout"
  | "repeated_tool_call"
  /** The provider failed after its own retries; see the `error` event. */
  | "error";

/** A CodetetherError flattened for the event stream (JSON-safe). */
export interface AgentErrorInfo {
  code: string;
  message: string;
  hint?: string;
}

/**
 * The one event stream of a run. The CLI's text view, `--format jsonl`, the TUI and A2A are views of
 * these events; every one is a plain JSON object with a `type`.
 */
export type AgentEvent =
  | { type: "start"; agent: string; model: string; sessionId?: string; time: number }
  /** A model call is about to start (1-based). */
  | { type: "step"; step: number; maxSteps: number }
  | { type: "text_delta"; step: number; text: string }
  | { type: "reasoning_delta"; step: number; text: string }
  /** The model asked for a tool; emitted when the call runs. */
  | { type: "tool_call_start"; step: number; callId: string; tool: string; argsPreview: string }
  | { type: "tool_output"; callId: string; tool: string; chunk: string; stream?: "stdout" | "stderr" }
  | {
      type: "tool_call_end";
      step: number;
      callId: string;
      tool: string;
      success: boolean;
      durationMs: number;
      outputPreview: string;
      title?: string;
    }
  | { type: "permission"; callId?: string; tool: string; permission: string; pattern: string; granted: boolean }
  /**
   * Usage of one model call, its cost when prices are known, and the run's totals so far. `source`
   * marks usage besides the step's own call: the hidden summariser (`compaction`) or model calls a
   * tool made (`tool`, e.g. a sub-agent; `tool` names it), condensing an oversized tool result (`condenser`;
   * `tool` names the tool whose result it was), or the session's title call after the run (`title`).
   */
  | { type: "usage"; step: number; usage: Usage; cost?: number; totalUsage: Usage; totalCost?: number; source?: "compaction" | "tool" | "condenser" | "title"; tool?: string }
  /** A message was added to the conversation (the session store records these). */
  | { type: "message"; message: Message }
  | {
      type: "compaction";
      /** `shrink`: old tool results were shortened; `summary`: old turns were replaced by a summary. */
      kind: "shrink" | "summary";
      tokensBefore: number;
      tokensAfter: number;
      /** Messages replaced by the summary (0 for shrink). */
      replacedMessages: number;
    }
  /** A tool result too large for the window was condensed (RLM) or truncated head+tail. */
  | { type: "tool_result_condensed"; callId: string; tool: string; method: "rlm" | "truncate"; fromChars: number; toChars: number }
  | { type: "error"; error: AgentErrorInfo }
  | { type: "done"; reason: ExitReason; steps: number; text: string; usage: Usage; cost?: number; finishReason?: FinishReason };

export type AgentEventType = AgentEvent["type"];
