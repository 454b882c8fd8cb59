import {
  AbortedError,
  addUsage,
  CodetetherError,
  denyAll,
  emptyUsage,
  messageText,
  StreamAccumulator,
  toolCallsOf,
  type FinishReason,
  type Message,
  type ModelInfo,
  type PermissionGate,
  type Provider,
  type QuestionRequest,
  type ReasoningOptions,
  type ToolResultPart,
  type Usage,
} from "@codetether/core";
import type { AgentDefinition } from "../agents/agent-definition.js";
import type { AgentErrorInfo, AgentEvent, ExitReason } from "../events/agent-event.js";
import { contextBudget, type ContextOptions } from "../context/context-budget.js";
import { estimateMessagesTokens } from "../context/message-tokens.js";
import { pairToolResults } from "../context/pair-tool-results.js";
import { windowAfterOverflow, type ModelWindow } from "../context/window-after-overflow.js";
import type { RlmCondenser } from "../context/rlm-condenser.js";
import { AgentTimeoutError } from "../errors/agent-timeout-error.js";
import { ContextOverflowError } from "../errors/context-overflow-error.js";
import { ProviderFailedError } from "../errors/provider-failed-error.js";
import { RepeatedToolCallError } from "../errors/repeated-tool-call-error.js";
import { readOnlyToolbox, type AgentToolbox, type PlanModeLike } from "./agent-toolbox.js";
import { IdleTimer } from "./idle-timer.js";
import { linkedSignal } from "./linked-signal.js";
import { manageContext } from "./manage-context.js";
import { RepeatGuard } from "./repeat-guard.js";
import { runToolCalls } from "./run-tool-calls.js";
import { selectAgentTools } from "./select-agent-tools.js";
import { toolCallIds, uniqueToolCallIds } from "./unique-tool-call-ids.js";

export interface RunAgentOptions {
  provider: Provider;
  /** The model id within the provider, or its catalog entry (whose window drives the context budget). */
  model: string | ModelInfo;
  agent: AgentDefinition;
  /** The conversation so far, ending with the new user message. The system prompt goes in `system`. */
  messages: Message[];
  system?: string;
  /** The tool registry; the agent's selection (all, read-only, named) is applied on top. */
  tools?: AgentToolbox;
  /** Workspace root for tools; default `process.cwd()`. */
  root?: string;
  cwd?: string;
  signal?: AbortSignal;
  /** Decides `ask` permissions. Default: deny (a library caller must opt in to side effects it was not asked about). */
  permissions?: PermissionGate;
  ask?: (request: QuestionRequest) => Promise<string>;
  /** Default: the agent's max steps. */
  maxSteps?: number;
  /** Stop after this long without progress (stream or tool output). Default 10 minutes; 0 disables. */
  timeoutMs?: number;
  onEvent?: (event: AgentEvent) => void;
  /** Called with the whole new conversation after old turns were summarised (a session store snapshots it). */
  onContext?: (messages: Message[]) => void;
  condenser?: RlmCondenser;
  sessionId?: string;
  /** Prices a call's usage (inject `@codetether/providers`' calculateCost); undefined = unknown. */
  calculateCost?: (usage: Usage) => number | undefined;
  /** While active, only read-only tools are offered. */
  planMode?: PlanModeLike;
  temperature?: number;
  maxTokens?: number;
  reasoning?: ReasoningOptions;
  context?: ContextOptions;
}

export interface RunAgentResult {
  /** The last assistant message of the run (undefined when none was produced). */
  message: Message | undefined;
  /** Its visible text. */
  text: string;
  /** The whole conversation after the run (compacted when compaction happened), without the system prompt. */
  messages: Message[];
  /** Messages added by this run, in order. */
  newMessages: Message[];
  usage: Usage;
  cost?: number;
  steps: number;
  reason: ExitReason;
  finishReason?: FinishReason;
  error?: CodetetherError;
}

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const FALLBACK_WINDOW = { contextWindow: 128_000, maxOutputTokens: 8192 };
/** Times one run re-budgets against a smaller window after the provider said the context overflowed. */
const MAX_OVERFLOW_RETRIES = 2;

/**
 * The agent loop: streams the model's reply, runs the tools it asks for, feeds results back, and
 * repeats until the model answers without tools or a limit stops it. Stateless: everything it adds
 * is announced as `message` events (for a session store) and returned.
 */
export async function runAgent(options: RunAgentOptions): Promise<RunAgentResult> {
  const { provider, agent } = options;
  const modelId = typeof options.model === "string" ? options.model : options.model.id;
  // The catalog's window, until a provider's "context too long" proves it smaller.
  let window: ModelWindow =
    typeof options.model === "string"
      ? FALLBACK_WINDOW
      : { contextWindow: options.model.contextWindow, maxOutputTokens: options.model.maxOutputTokens };
  let overflowRetries = 0;
  /** Set after a context overflow: the error and the conversation's size when it came. */
  let overflow: { error: CodetetherError; tokens: number } | undefined;
  const maxSteps = options.maxSteps ?? agent.maxSteps;
  const root = options.root ?? process.cwd();
  const baseTools = options.tools ? selectAgentTools(options.tools, agent.tools) : undefined;
  const emit = (event: AgentEvent) => {
    try {
      options.onEvent?.(event);
    } catch (error) {
      // A broken view must not break the work.
      process.emitWarning(`codetether: an agent event listener threw: ${String(error)}`);
    }
  };

  const controller = new AbortController();
  let timedOut = false;
  const onUserAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) controller.abort(options.signal.reason);
  else options.signal?.addEventListener("abort", onUserAbort, { once: true });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timer = new IdleTimer(timeoutMs, () => {
    timedOut = true;
    controller.abort(new AgentTimeoutError(timeoutMs));
  });
  const signal = controller.signal;
  let step: ReturnType<typeof linkedSignal> | undefined;

  let conversation = [...pairToolResults(options.messages)];
  const newMessages: Message[] = [];
  const append = (message: Message) => {
    conversation.push(message);
    newMessages.push(message);
    emit({ type: "message", message });
  };
  let usage = emptyUsage();
  let cost: number | undefined;
  let steps = 0;
  let reason: ExitReason = "max_steps";
  let finishReason: FinishReason | undefined;
  let error: CodetetherError | undefined;
  let lastAssistant: Message | undefined;
  const guard = new RepeatGuard(3);
  const callIds = toolCallIds(conversation);
  /** Usage besides the steps' own calls (summariser, sub-agents) counts toward the run's totals too. */
  const addOtherUsage = (atStep: number, used: Usage, usedCost: number | undefined, source: "compaction" | "tool" | "condenser", tool?: string) => {
    usage = addUsage(usage, used);
    if (usedCost !== undefined) cost = (cost ?? 0) + usedCost;
    emit({
      type: "usage",
      step: atStep,
      usage: used,
      ...(usedCost !== undefined ? { cost: usedCost } : {}),
      totalUsage: usage,
      ...(cost !== undefined ? { totalCost: cost } : {}),
      source,
      ...(tool ? { tool } : {}),
    });
  };
  const query = lastUserText(conversation);

  emit({ type: "start", agent: agent.name, model: modelId, ...(options.sessionId ? { sessionId: options.sessionId } : {}), time: Date.now() });
  try {
    while (steps < maxSteps) {
      if (signal.aborted) throw signal.reason ?? new AbortedError("The run");
      step?.dispose();
      step = linkedSignal(signal);
      const toolbox = baseTools && options.planMode?.active ? readOnlyToolbox(baseTools) : baseTools;
      const definitions = toolbox?.definitions() ?? [];
      const budget = contextBudget(window, options.system, definitions, options.context);
      const managed = await manageContext({ conversation, budget, provider, model: modelId, signal: step.signal, emit });
      conversation = managed.messages;
      if (managed.summarised) options.onContext?.(conversation);
      if (managed.usage) addOtherUsage(steps + 1, managed.usage, options.calculateCost?.(managed.usage), "compaction");
      if (overflow) {
        // Sending what was just refused would only be refused again.
        if (estimateMessagesTokens(conversation) >= overflow.tokens) {
          throw new ContextOverflowError(modelId, window.contextWindow, overflow.error.message, overflow.error);
        }
        overflow = undefined;
      }
      steps++;
      emit({ type: "step", step: steps, maxSteps });

      const acc = new StreamAccumulator();
      try {
        const request = {
          model: modelId,
          messages: options.system ? [{ role: "system" as const, content: [{ type: "text" as const, text: options.system }] }, ...conversation] : conversation,
          ...(definitions.length ? { tools: definitions } : {}),
          ...((options.temperature ?? agent.temperature) !== undefined ? { temperature: options.temperature ?? agent.temperature } : {}),
          ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
          ...(options.reasoning ? { reasoning: options.reasoning } : {}),
          signal: step.signal,
        };
        for await (const event of provider.stream(request)) {
          timer.touch();
          acc.push(event);
          if (event.type === "text_delta") emit({ type: "text_delta", step: steps, text: event.text });
          else if (event.type === "reasoning_delta" && !event.redacted) emit({ type: "reasoning_delta", step: steps, text: event.text });
          if (signal.aborted) break;
        }
        if (signal.aborted) throw signal.reason ?? new AbortedError("The run");
      } catch (streamError) {
        if (signal.aborted) {
          // Keep what the user already saw; unfinished tool calls and unsigned reasoning cannot be replayed.
          const partial = acc.message().content.filter((p) => p.type === "text" && p.text.length > 0);
          if (partial.length > 0) {
            lastAssistant = { role: "assistant", content: partial };
            append(lastAssistant);
          }
          throw signal.reason ?? streamError;
        }
        const failure = CodetetherError.isInstance(streamError) ? streamError : new ProviderFailedError(provider.id, streamError);
        if (failure.code === "provider_context_overflow" && acc.message().content.length === 0) {
          // The window is smaller than budgeted (a model the catalog does not know): budget against
          // a smaller one, which makes the next pass compact, and make the same step again.
          const tokens = estimateMessagesTokens(conversation);
          const smaller = overflowRetries < MAX_OVERFLOW_RETRIES ? windowAfterOverflow(window, failure, tokens + budget.overhead) : undefined;
          if (!smaller) throw new ContextOverflowError(modelId, window.contextWindow, failure.message, failure);
          window = smaller;
          overflowRetries++;
          overflow = { error: failure, tokens };
          steps--;
          continue;
        }
        throw failure;
      }

      if (acc.hasUsage) {
        usage = addUsage(usage, acc.usage);
        const stepCost = options.calculateCost?.(acc.usage);
        if (stepCost !== undefined) cost = (cost ?? 0) + stepCost;
        emit({
          type: "usage",
          step: steps,
          usage: acc.usage,
          ...(stepCost !== undefined ? { cost: stepCost } : {}),
          totalUsage: usage,
          ...(cost !== undefined ? { totalCost: cost } : {}),
        });
      }
      finishReason = acc.finishReason;
      let message = acc.message();
      message.content = message.content.filter((p) => !(p.type === "text" && p.text.length === 0));
      message = uniqueToolCallIds(message, callIds);
      const calls = toolCallsOf(message);
      if (message.content.length > 0) {
        lastAssistant = message;
        append(message);
      }
      if (calls.length === 0) {
        reason = "done";
        break;
      }
      if (!toolbox) {
        append(toolResults(calls.map((c) => ({ type: "tool_result", toolCallId: c.id, toolName: c.name, content: "No tools are available in this run.", isError: true }))));
        continue;
      }
      const outcome = await runToolCalls(calls, {
        toolbox,
        root,
        ...(options.cwd ? { cwd: options.cwd } : {}),
        signal: step.signal,
        permissions: options.permissions ?? denyAll,
        ...(options.ask ? { ask: options.ask } : {}),
        ...(options.sessionId ? { sessionId: options.sessionId } : {}),
        step: steps,
        finishReason: acc.finishReason,
        guard,
        maxResultTokens: budget.maxToolResultTokens,
        query,
        ...(options.condenser ? { condenser: options.condenser } : {}),
        emit,
        touch: () => timer.touch(),
        onToolUsage: (tool, used, usedCost) => addOtherUsage(steps, used, usedCost, "tool", tool),
        onCondenserUsage: (tool, used, usedCost) => addOtherUsage(steps, used, usedCost, "condenser", tool),
      });
      append(toolResults(outcome.results));
      if (outcome.repeated) {
        throw new RepeatedToolCallError(outcome.repeated.tool, outcome.repeated.args, outcome.repeated.times);
      }
      if (signal.aborted) throw signal.reason ?? new AbortedError("The run");
    }
  } catch (thrown) {
    if (timedOut) {
      reason = "timeout";
      error = thrown instanceof AgentTimeoutError ? thrown : new AgentTimeoutError(timeoutMs);
    } else if (signal.aborted && !(thrown instanceof RepeatedToolCallError)) {
      reason = "aborted";
      error = CodetetherError.isInstance(thrown) && thrown.code === "aborted" ? thrown : new AbortedError("The run");
    } else if (thrown instanceof RepeatedToolCallError) {
      reason = "repeated_tool_call";
      error = thrown;
    } else {
      reason = "error";
      error = CodetetherError.isInstance(thrown) ? thrown : new ProviderFailedError(provider.id, thrown);
    }
    emit({ type: "error", error: errorInfo(error) });
  } finally {
    timer.stop();
    step?.dispose();
    options.signal?.removeEventListener("abort", onUserAbort);
  }

  const text = lastAssistant ? messageText(lastAssistant) : "";
  emit({
    type: "done",
    reason,
    steps,
    text,
    usage,
    ...(cost !== undefined ? { cost } : {}),
    ...(finishReason ? { finishReason } : {}),
  });
  return {
    message: lastAssistant,
    text,
    messages: conversation,
    newMessages,
    usage,
    ...(cost !== undefined ? { cost } : {}),
    steps,
    reason,
    ...(finishReason ? { finishReason } : {}),
    ...(error ? { error } : {}),
  };
}

function toolResults(results: ToolResultPart[]): Message {
  return { role: "tool", content: results };
}

function lastUserText(messages: Message[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as Message;
    if (m.role === "user") return messageText(m);
  }
  return "";
}

export function errorInfo(error: CodetetherError): AgentErrorInfo {
  return { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
}
