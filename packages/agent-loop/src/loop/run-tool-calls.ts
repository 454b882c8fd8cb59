import {
  describeError,
  type FinishReason,
  type PermissionGate,
  type QuestionRequest,
  type ToolCallPart,
  type ToolEvent,
  type ToolResultPart,
  type Usage,
} from "@codetether/core";
import { redact } from "@codetether/secrets";
import type { AgentEvent } from "../events/agent-event.js";
import { fitToolResult } from "../context/fit-tool-result.js";
import type { RlmCondenser } from "../context/rlm-condenser.js";
import { isReadOnlyTool, type AgentToolbox } from "./agent-toolbox.js";
import type { RepeatGuard } from "./repeat-guard.js";

export interface ToolCallsContext {
  toolbox: AgentToolbox;
  root: string;
  cwd?: string;
  signal: AbortSignal;
  permissions: PermissionGate;
  ask?: (request: QuestionRequest) => Promise<string>;
  sessionId?: string;
  step: number;
  finishReason: FinishReason;
  guard: RepeatGuard;
  maxResultTokens: number;
  query: string;
  condenser?: RlmCondenser;
  emit: (event: AgentEvent) => void;
  touch: () => void;
  /** Model usage a tool reported in its result's metadata (`usage`, `cost`), e.g. a sub-agent's. */
  onToolUsage?: (tool: string, usage: Usage, cost: number | undefined) => void;
  /** Model usage of condensing a tool's oversized result. */
  onCondenserUsage?: (tool: string, usage: Usage, cost: number | undefined) => void;
}

export interface ToolCallsOutcome {
  results: ToolResultPart[];
  /** Set when the repeat guard stopped the run: the repeated call. */
  repeated?: { tool: string; args: string; times: number };
}

const PREVIEW = 200;

export const CUT_ARGUMENTS_INSTRUCTION =
  "Your reply hit the output token limit while you were writing this tool call's arguments, so the call was not run. " +
  "Make the call again with smaller arguments: split large content into several smaller calls (for example write " +
  "a file in parts, or edit one section at a time).";

/**
 * Runs one step's tool calls. Consecutive read-only calls run concurrently; a mutating call waits
 * for everything before it and runs alone, so reads after a write see the write. Results come back
 * in call order, each paired with its call id.
 */
export async function runToolCalls(calls: ToolCallPart[], ctx: ToolCallsContext): Promise<ToolCallsOutcome> {
  const results: (ToolResultPart | undefined)[] = new Array(calls.length);
  const runnable: number[] = [];
  let repeated: ToolCallsOutcome["repeated"];
  calls.forEach((call, i) => {
    if (repeated) {
      results[i] = errorResult(call, "Not run: the run was stopped because the previous call repeated itself.");
      return;
    }
    if (ctx.finishReason === "length" && !isCompleteJson(call.arguments)) {
      results[i] = errorResult(call, CUT_ARGUMENTS_INSTRUCTION);
      return;
    }
    const times = ctx.guard.record(call.name, call.arguments);
    if (times >= ctx.guard.limit) {
      repeated = { tool: call.name, args: call.arguments, times };
      results[i] = errorResult(
        call,
        `Not run: this exact call was made ${times} times in a row with the same result. Stopped to avoid an endless loop.`,
      );
      return;
    }
    runnable.push(i);
  });

  let batch: number[] = [];
  const flush = async () => {
    const current = batch;
    batch = [];
    await Promise.all(current.map(async (i) => (results[i] = await runOne(calls[i] as ToolCallPart, ctx))));
  };
  for (const i of runnable) {
    const call = calls[i] as ToolCallPart;
    if (isReadOnlyTool(ctx.toolbox, call.name)) {
      batch.push(i);
      continue;
    }
    await flush();
    results[i] = await runOne(call, ctx);
  }
  await flush();
  return { results: results as ToolResultPart[], ...(repeated ? { repeated } : {}) };
}

async function runOne(call: ToolCallPart, ctx: ToolCallsContext): Promise<ToolResultPart> {
  if (ctx.signal.aborted) return errorResult(call, "Not run: the run was aborted.");
  const started = Date.now();
  ctx.emit({ type: "tool_call_start", step: ctx.step, callId: call.id, tool: call.name, argsPreview: clip(call.arguments) });
  ctx.touch();
  let output: string;
  let isError: boolean;
  let title: string | undefined;
  try {
    const result = await ctx.toolbox.execute(call.name, call.arguments, {
      root: ctx.root,
      ...(ctx.cwd ? { cwd: ctx.cwd } : {}),
      signal: ctx.signal,
      permissions: ctx.permissions,
      emit: (event) => forwardToolEvent(event, call, ctx),
      callId: call.id,
      ...(ctx.sessionId ? { sessionId: ctx.sessionId } : {}),
      ...(ctx.ask ? { ask: ctx.ask } : {}),
    });
    output = result.output;
    isError = result.isError === true;
    title = result.title;
    const used = result.metadata?.usage as Partial<Usage> | undefined;
    if (used && typeof used.inputTokens === "number" && typeof used.outputTokens === "number") {
      const cost = result.metadata?.cost;
      ctx.onToolUsage?.(call.name, used as Usage, typeof cost === "number" ? cost : undefined);
    }
  } catch (error) {
    // A tool that throws is a tool failure the model can read about, not the end of the run.
    output = ctx.signal.aborted ? `Aborted: ${describeError(error)}` : `Tool ${call.name} failed: ${describeError(error)}`;
    isError = true;
  }
  ctx.touch();
  // A key a tool printed (`cat .env`, `env`) must reach neither the model, the events nor the session.
  output = redact(output);
  const fitted = await fitToolResult({
    content: output,
    toolName: call.name,
    query: ctx.query,
    maxTokens: ctx.maxResultTokens,
    signal: ctx.signal,
    ...(ctx.condenser ? { condenser: ctx.condenser } : {}),
  }).catch(() => ({ text: output, method: "none" as const }));
  if ("usage" in fitted && fitted.usage) ctx.onCondenserUsage?.(call.name, fitted.usage, fitted.cost);
  if (fitted.method !== "none") {
    ctx.emit({
      type: "tool_result_condensed",
      callId: call.id,
      tool: call.name,
      method: fitted.method,
      fromChars: output.length,
      toChars: fitted.text.length,
    });
  }
  ctx.emit({
    type: "tool_call_end",
    step: ctx.step,
    callId: call.id,
    tool: call.name,
    success: !isError,
    durationMs: Date.now() - started,
    outputPreview: clip(output),
    ...(title ? { title } : {}),
  });
  return { type: "tool_result", toolCallId: call.id, toolName: call.name, content: fitted.text, ...(isError ? { isError } : {}) };
}

function forwardToolEvent(event: ToolEvent, call: ToolCallPart, ctx: ToolCallsContext): void {
  ctx.touch();
  if (event.type === "tool_output") {
    ctx.emit({
      type: "tool_output",
      callId: call.id,
      tool: event.tool,
      chunk: redact(event.chunk),
      ...(event.stream ? { stream: event.stream } : {}),
    });
  } else if (event.type === "permission_asked") {
    ctx.emit({
      type: "permission",
      callId: call.id,
      tool: event.tool,
      permission: event.permission,
      pattern: event.pattern,
      granted: event.granted,
    });
  }
}

function errorResult(call: ToolCallPart, content: string): ToolResultPart {
  return { type: "tool_result", toolCallId: call.id, toolName: call.name, content, isError: true };
}

function isCompleteJson(text: string): boolean {
  try {
    JSON.parse(text || "{}");
    return true;
  } catch {
    return false;
  }
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length <= PREVIEW ? oneLine : `${oneLine.slice(0, PREVIEW)}…`;
}
