import {
  AbortedError,
  CodetetherError,
  type CompletionRequest,
  type CompletionResponse,
  type Message,
  type Provider,
  type ToolResultPart,
  type Usage,
  addUsage,
  emptyUsage,
  estimateTokens,
  messageText,
  systemMessage,
  toolCallsOf,
  toolResultMessage,
  userMessage,
} from "@codetether/core";
import type { ContentIndex } from "../content/content-index.js";
import type { ContentType } from "../content/content-type.js";
import { RlmCommandError } from "../errors/rlm-command-error.js";
import { RlmTimeoutError } from "../errors/rlm-timeout-error.js";
import type { ParsedCommand } from "../repl/command-ast.js";
import { type FinalSpec, bareCommands, extractReply, findFinal } from "../repl/extract-commands.js";
import { parseCommands } from "../repl/parse-commands.js";
import { REPL_COMMANDS, Repl, type ReplEntry } from "../repl/repl.js";
import { renderValue } from "../repl/repl-value.js";
import { messageChars, requestChars } from "./request-chars.js";
import type {
  RlmDriveMode,
  RlmEvent,
  RlmResult,
  RlmStopReason,
  RlmSubQuery,
  RlmTraceEntry,
} from "./rlm-options.js";
import { RLM_TOOL_DEFINITIONS, toolCallToCommands } from "./rlm-tool-definitions.js";
import { Semaphore } from "./semaphore.js";
import { SUBCALL_SYSTEM_PROMPT, rlmSystemPrompt } from "./system-prompt.js";

export interface RlmRunSettings {
  index: ContentIndex;
  contentType: ContentType;
  provider: Provider;
  model: string;
  subModel: string;
  mode: RlmDriveMode;
  maxIterations: number;
  maxSubcalls: number;
  maxConcurrentSubcalls: number;
  callTimeoutMs: number;
  maxTotalTokens: number;
  maxResultChars: number;
  maxSubcallChars: number;
  maxPromptChars: number;
  temperature?: number;
  maxTokens?: number;
  signal?: AbortSignal;
  onEvent?: (event: RlmEvent) => void;
}

const NUDGE: Record<RlmDriveMode, string> = {
  text: 'No REPL commands found. Write commands in a ```repl code block, one per line (for example grep("ERROR")), or give the answer with FINAL("...").',
  tools: "No tool call found. Call the rlm_* tools (for example rlm_grep) to explore the content, or rlm_final to answer.",
};
const FINALIZE =
  'You have used all your turns. Do not run more commands. Reply now with FINAL("...") holding your best answer from what you found, and say what is still uncertain.';
const OUTLINE_MAX_CHARS = 20_000_000;
const ELIDED = "[earlier REPL output elided to keep the prompt small; run the command again if you need it]";

/** One `analyze()` call: the conversation with the root model, the REPL it drives, the accounting. */
export class RlmRun {
  private readonly repl: Repl;
  private readonly semaphore: Semaphore;
  private readonly messages: Message[] = [];
  /** REPL outputs that may be elided when the conversation grows (never the question). */
  private readonly elidable = new Set<Message>();
  private readonly trace: RlmTraceEntry[] = [];
  private readonly subQueries: RlmSubQuery[] = [];
  private usage: Usage = emptyUsage();
  private charsSent = 0;
  private subcallsStarted = 0;
  private iterations = 0;
  private lastProse = "";
  /** The first limit that refused a sub-call: the answer was made without it. */
  private limitHit?: { reason: RlmStopReason; detail: string };
  private readonly started = performance.now();

  constructor(private readonly s: RlmRunSettings) {
    this.semaphore = new Semaphore(s.maxConcurrentSubcalls);
    this.repl = new Repl({
      index: s.index,
      contentType: s.contentType,
      subcall: (question, text) => this.subcall(question, text),
      maxResultChars: s.maxResultChars,
      defaultChunkChars: Math.min(20_000, s.maxSubcallChars),
      maxSubcallChars: s.maxSubcallChars,
    });
  }

  private emit(event: RlmEvent): void {
    this.s.onEvent?.(event);
  }

  private tokensUsed(): number {
    return this.usage.inputTokens + this.usage.outputTokens;
  }

  /** One model call under the per-call timeout and the run's signal; usage and size are accounted. */
  private async call(request: Omit<CompletionRequest, "signal">): Promise<CompletionResponse> {
    const timeout = AbortSignal.timeout(this.s.callTimeoutMs);
    const signal = this.s.signal ? AbortSignal.any([this.s.signal, timeout]) : timeout;
    const chars = requestChars(request);
    this.charsSent += chars;
    const pending = this.s.provider.complete({ ...request, signal });
    // A provider that ignores the signal must not hold the run past its timeout.
    const stopped = new Promise<never>((_, reject) => {
      const onAbort = () => reject(this.s.signal?.aborted ? new AbortedError("The RLM run") : new RlmTimeoutError(this.s.callTimeoutMs));
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort, { once: true });
    });
    pending.catch(() => undefined);
    stopped.catch(() => undefined);
    let response: CompletionResponse;
    try {
      response = await Promise.race([pending, stopped]);
    } catch (error) {
      if (this.s.signal?.aborted) throw new AbortedError("The RLM run");
      if (timeout.aborted) throw new RlmTimeoutError(this.s.callTimeoutMs);
      throw error;
    }
    let usage = response.usage;
    if (usage.inputTokens === 0 && usage.outputTokens === 0) {
      // Some servers report no usage; estimate so the token limit still holds.
      usage = { inputTokens: Math.ceil(chars / 3.6), outputTokens: estimateTokens(messageText(response.message)) };
    }
    this.usage = addUsage(this.usage, usage);
    return response;
  }

  private async subcall(question: string, text: string): Promise<string> {
    if (this.subcallsStarted >= this.s.maxSubcalls) {
      this.limitHit ??= { reason: "max_subcalls", detail: `sub-call limit reached (${this.s.maxSubcalls} llm_query calls): some sub-queries were refused` };
      throw new RlmCommandError(`sub-call limit reached (${this.s.maxSubcalls} llm_query calls); answer with what you have`);
    }
    if (this.tokensUsed() >= this.s.maxTotalTokens) {
      this.limitHit ??= { reason: "max_tokens", detail: `token limit reached (${this.tokensUsed()} of ${this.s.maxTotalTokens}): some sub-queries were refused` };
      throw new RlmCommandError("the token budget is spent; answer with FINAL now");
    }
    this.subcallsStarted++;
    const slice =
      text.length > this.s.maxSubcallChars
        ? `${text.slice(0, this.s.maxSubcallChars)}\n… [text cut at ${this.s.maxSubcallChars} of ${text.length} chars]`
        : text;
    this.emit({ type: "subcall", question, sliceChars: slice.length });
    await this.semaphore.acquire();
    const t0 = performance.now();
    try {
      const prompt = slice === "" ? `Question: ${question}` : `Question: ${question}\n\nText:\n${slice}`;
      const response = await this.call({
        model: this.s.subModel,
        messages: [systemMessage(SUBCALL_SYSTEM_PROMPT), userMessage(prompt)],
        ...(this.s.temperature !== undefined ? { temperature: this.s.temperature } : {}),
        ...(this.s.maxTokens !== undefined ? { maxTokens: this.s.maxTokens } : {}),
      });
      const answer = messageText(response.message).trim() || "(empty answer)";
      this.subQueries.push({ question, sliceChars: slice.length, answer, elapsedMs: Math.round(performance.now() - t0) });
      return answer;
    } catch (error) {
      const message = CodetetherError.isInstance(error) ? error.message : (error as Error).message;
      if (error instanceof RlmTimeoutError) this.limitHit ??= { reason: "timeout", detail: `a sub-query timed out: ${message}` };
      this.subQueries.push({ question, sliceChars: slice.length, answer: "", elapsedMs: Math.round(performance.now() - t0), error: message });
      throw new RlmCommandError(`llm_query failed: ${message}`);
    } finally {
      this.semaphore.release();
    }
  }

  private firstView(query: string): string {
    const { index, contentType } = this.s;
    const head = index.range(0, 9);
    const shown = head.length > 1_500 ? `${head.slice(0, 1_500)}…` : head;
    // Where parts start at definitions, headings or files, their first lines read as a table of
    // contents; log chunks start with timestamps, which say little. Skipped on very large content
    // to keep the first turn quick (chunks() is there for it).
    const outline =
      contentType !== "logs" && index.size <= OUTLINE_MAX_CHARS && index.size > this.s.maxResultChars
        ? ["", "Parts (chunks()):", this.repl.outline(12)]
        : [];
    return [
      `Question: ${query}`,
      "",
      "The content is loaded in the REPL; it is not in this prompt.",
      this.repl.describeContext(),
      "",
      "First lines:",
      shown
        .split("\n")
        .map((l, i) => `${i + 1}: ${l}`)
        .join("\n"),
      ...outline,
    ].join("\n");
  }

  /** Keeps the conversation under maxPromptChars by eliding the oldest REPL outputs first. */
  private trimHistory(): void {
    let total = this.messages.reduce((n, m) => n + messageChars(m), 0);
    for (const m of this.messages) {
      if (total <= this.s.maxPromptChars) return;
      if (!this.elidable.has(m)) continue;
      const before = messageChars(m);
      m.content = m.content.map((p) => (p.type === "tool_result" ? { ...p, content: ELIDED } : p.type === "text" ? { ...p, text: ELIDED } : p));
      this.elidable.delete(m);
      total -= before - messageChars(m);
    }
  }

  /**
   * Each output is capped already; a block of many commands is capped as a whole too, so one
   * turn cannot flood the prompt (and then be elided whole). Later outputs give way first.
   */
  private capBlock(entries: ReplEntry[]): ReplEntry[] {
    const budget = Math.max(this.s.maxResultChars, Math.floor(this.s.maxPromptChars / 3));
    let used = 0;
    return entries.map((e) => {
      used += e.source.length + e.output.length;
      if (used <= budget || e.isError) return e;
      return { ...e, output: `[output not shown: this block's outputs passed ${budget} chars; run this command again on its own]` };
    });
  }

  private async resolveFinal(spec: FinalSpec, entries: ReplEntry[]): Promise<string | undefined> {
    if (spec.kind === "text") return spec.value;
    if (spec.kind === "var") {
      const value = this.repl.variable(spec.name);
      if (value) return value.kind === "text" ? value.text : renderValue(value);
      entries.push({ source: `FINAL(${spec.name})`, output: `error: ${spec.name} is not defined; use FINAL("answer") or set the variable first`, isError: true });
      return undefined;
    }
    if (spec.kind === "expr") {
      try {
        return await this.repl.evaluateText(spec.source);
      } catch (error) {
        entries.push({ source: `FINAL(${spec.source})`, output: `error: ${(error as Error).message}`, isError: true });
        return undefined;
      }
    }
    // An f-string: each {…} that is a variable or a command becomes its value; anything else stays as written.
    let out = "";
    let last = 0;
    for (const m of spec.value.matchAll(/\{([^{}]+)\}/g)) {
      out += spec.value.slice(last, m.index);
      last = (m.index as number) + m[0].length;
      try {
        out += await this.repl.evaluateText((m[1] as string).trim());
      } catch {
        out += m[0];
      }
    }
    return out + spec.value.slice(last);
  }

  async execute(query: string): Promise<RlmResult> {
    const tools = this.s.mode === "tools" ? RLM_TOOL_DEFINITIONS : undefined;
    const budget = { maxIterations: this.s.maxIterations, maxSubcalls: this.s.maxSubcalls };
    this.messages.push(systemMessage(rlmSystemPrompt(this.s.mode, budget)), userMessage(this.firstView(query)));
    let final: string | undefined;
    let stop: { reason: RlmStopReason; detail: string } | undefined;

    for (let iteration = 1; iteration <= this.s.maxIterations; iteration++) {
      if (this.s.signal?.aborted) {
        stop = { reason: "aborted", detail: "the run was aborted" };
        break;
      }
      if (this.tokensUsed() >= this.s.maxTotalTokens) {
        stop = { reason: "max_tokens", detail: `token limit reached (${this.tokensUsed()} of ${this.s.maxTotalTokens})` };
        break;
      }
      this.iterations = iteration;
      this.emit({ type: "iteration", iteration });
      this.trimHistory();
      const request = { model: this.s.model, messages: this.messages, ...this.sampling(), ...(tools ? { tools } : {}) };
      const promptChars = requestChars(request);
      const t0 = performance.now();
      const usageBefore = this.usage;
      let response: CompletionResponse;
      try {
        response = await this.call({ ...request, messages: [...this.messages] });
      } catch (error) {
        const reason: RlmStopReason = error instanceof AbortedError ? "aborted" : error instanceof RlmTimeoutError ? "timeout" : "error";
        // With nothing found yet, the caller is better served by the real error than by an empty answer.
        if (iteration === 1 && reason === "error") throw error;
        stop = { reason, detail: CodetetherError.isInstance(error) ? error.message : (error as Error).message };
        this.iterations = iteration - 1;
        break;
      }
      const reply = response.message;
      this.messages.push(reply);
      const calls = toolCallsOf(reply);
      const text = messageText(reply);
      let entries: ReplEntry[] = [];
      if (calls.length > 0) {
        // All calls of a turn run as one REPL block, so independent sub-calls overlap.
        const perCall = calls.map((c) => toolCallToCommands(c.name, c.arguments));
        const run = await this.repl.run(perCall.flat());
        entries = this.capBlock(run.entries);
        final = run.final;
        let at = 0;
        const results: Omit<ToolResultPart, "type">[] = calls.map((c, i) => {
          const mine = entries.slice(at, at + (perCall[i] as ParsedCommand[]).length);
          at += mine.length;
          return {
            toolCallId: c.id,
            toolName: c.name,
            content: mine.map((e) => e.output).join("\n") || "(no output)",
            isError: mine.some((e) => e.isError),
          };
        });
        const resultMessage = toolResultMessage(results);
        this.messages.push(resultMessage);
        this.elidable.add(resultMessage);
        if (text.trim()) this.lastProse = text.trim();
      } else {
        const extracted = extractReply(text);
        if (extracted.prose) this.lastProse = extracted.prose;
        let parsed = extracted.blocks.flatMap((b) => parseCommands(b));
        // Without a fence, commands may still make up the reply, FINAL(x) after them included.
        if (parsed.length === 0) parsed = bareCommands(extracted.final ? extracted.prose : text, REPL_COMMANDS);
        if (parsed.length > 0) {
          const run = await this.repl.run(parsed);
          entries = this.capBlock(run.entries);
          final = run.final;
        }
        if (final === undefined && extracted.final) final = await this.resolveFinal(extracted.final, entries);
        if (final === undefined && parsed.length === 0 && entries.length === 0 && this.s.mode === "tools" && extracted.prose) {
          // A tool-calling model that answers in plain text is done.
          final = extracted.prose;
        }
        if (final === undefined) {
          const next = userMessage(entries.length > 0 ? transcript(entries) : NUDGE[this.s.mode]);
          this.messages.push(next);
          if (entries.length > 0) this.elidable.add(next);
        }
      }
      for (const e of entries) this.emit({ type: "command", iteration, ...e });
      this.trace.push({
        iteration,
        kind: "root",
        promptChars,
        reply: text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text,
        toolCalls: calls.map((c) => c.name),
        commands: entries,
        usage: { inputTokens: this.usage.inputTokens - usageBefore.inputTokens, outputTokens: this.usage.outputTokens - usageBefore.outputTokens },
        elapsedMs: Math.round(performance.now() - t0),
      });
      if (final !== undefined) break;
    }

    if (final === undefined && !stop) {
      stop = { reason: "max_iterations", detail: `iteration limit reached (${this.s.maxIterations})` };
      final = await this.finalize(tools);
    }
    const answer = final ?? this.partialAnswer();
    stop ??= this.limitHit;
    this.emit({ type: "done", answer, partial: stop !== undefined });
    return this.result(answer, stop);
  }

  private sampling(): Pick<CompletionRequest, "temperature" | "maxTokens"> {
    return {
      ...(this.s.temperature !== undefined ? { temperature: this.s.temperature } : {}),
      ...(this.s.maxTokens !== undefined ? { maxTokens: this.s.maxTokens } : {}),
    };
  }

  /** At the iteration limit, one last turn asks the model for its best answer from what it has seen. */
  private async finalize(tools: typeof RLM_TOOL_DEFINITIONS | undefined): Promise<string | undefined> {
    if (this.s.signal?.aborted || this.tokensUsed() >= this.s.maxTotalTokens) return undefined;
    this.messages.push(userMessage(FINALIZE));
    this.trimHistory();
    const request = { model: this.s.model, messages: [...this.messages], ...this.sampling(), ...(tools ? { tools } : {}) };
    const t0 = performance.now();
    const usageBefore = this.usage;
    let response: CompletionResponse;
    try {
      response = await this.call(request);
    } catch {
      return undefined; // the heuristic partial answer stands in
    }
    const text = messageText(response.message);
    const finalCall = toolCallsOf(response.message).find((c) => c.name === "rlm_final");
    let answer: string | undefined;
    if (finalCall) {
      try {
        const args = JSON.parse(finalCall.arguments) as { answer?: unknown; variable?: unknown };
        if (typeof args.answer === "string") answer = args.answer;
        else if (typeof args.variable === "string") answer = await this.resolveFinal({ kind: "var", name: args.variable }, []);
      } catch {
        // fall through to the text
      }
    }
    const found = findFinal(text);
    if (answer === undefined && found) answer = await this.resolveFinal(found.spec, []);
    if (answer === undefined && text.trim() !== "") answer = extractReply(text).prose || undefined;
    this.trace.push({
      iteration: this.iterations,
      kind: "finalize",
      promptChars: requestChars(request),
      reply: text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text,
      toolCalls: toolCallsOf(response.message).map((c) => c.name),
      commands: [],
      usage: { inputTokens: this.usage.inputTokens - usageBefore.inputTokens, outputTokens: this.usage.outputTokens - usageBefore.outputTokens },
      elapsedMs: Math.round(performance.now() - t0),
    });
    return answer;
  }

  /** Without FINAL: what the model last said, the last sub-call answer and the last REPL output. */
  private partialAnswer(): string {
    const parts: string[] = [];
    if (this.lastProse) parts.push(this.lastProse);
    const lastSub = [...this.subQueries].reverse().find((q) => !q.error);
    if (lastSub) parts.push(`Last sub-query (${lastSub.question}): ${lastSub.answer}`);
    const lastOutput = [...this.trace].reverse().flatMap((t) => [...t.commands].reverse()).find((e) => !e.isError);
    if (lastOutput) {
      const out = lastOutput.output.length > 2_000 ? `${lastOutput.output.slice(0, 2_000)}…` : lastOutput.output;
      parts.push(`Last REPL output (${lastOutput.source}):\n${out}`);
    }
    return parts.join("\n\n") || "(no answer: the run stopped before anything was found)";
  }

  private result(answer: string, stop: { reason: RlmStopReason; detail: string } | undefined): RlmResult {
    const contentChars = this.s.index.size;
    return {
      answer,
      iterations: this.iterations,
      subQueries: this.subQueries,
      stats: {
        inputTokens: this.usage.inputTokens,
        outputTokens: this.usage.outputTokens,
        iterations: this.iterations,
        subcalls: this.subQueries.length,
        elapsedMs: Math.round(performance.now() - this.started),
        compressionRatio: this.charsSent === 0 ? 0 : Math.round((contentChars / this.charsSent) * 100) / 100,
        contentChars,
        charsSent: this.charsSent,
      },
      trace: this.trace,
      ...(stop ? { partial: true, stopReason: stop.reason, stopDetail: stop.detail } : {}),
      contentType: this.s.contentType,
    };
  }
}

function transcript(entries: ReplEntry[]): string {
  return ["REPL output:", ...entries.map((e) => `>>> ${e.source}\n${e.output}`)].join("\n");
}
