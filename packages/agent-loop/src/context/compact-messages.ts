import {
  describeError,
  messageText,
  truncateText,
  type Message,
  type Provider,
  type TextPart,
  type Usage,
} from "@codetether/core";
import { estimateMessagesTokens } from "./message-tokens.js";

export const SUMMARY_MARK = "<conversation-summary>";

const SUMMARISER_PROMPT = `You compress a coding agent's conversation so it can continue without the full history.
Write a concise summary (at most a few hundred words) of the transcript you are given: the user's goals,
decisions made, files read or changed (with paths), commands run and their outcomes, errors met, and what
remains to do. Keep exact names, paths and numbers. Do not address the user; output only the summary.`;

export interface CompactOptions {
  messages: Message[];
  /** Tokens the latest turns may keep. */
  keepTokens: number;
  /** Max tokens of transcript sent to the summariser. */
  transcriptTokens: number;
  /** The summary's output limit; default 2048. Keep it within the model's output reserve, or a small window overflows. */
  summaryTokens?: number;
  provider: Provider;
  model: string;
  signal?: AbortSignal;
}

export interface CompactResult {
  messages: Message[];
  replaced: number;
  /** Set when the summariser failed and the turns were dropped with a note instead. */
  fallback?: string;
  /** What the summariser call used (it is billed like any call). */
  usage?: Usage;
}

/**
 * Replaces the oldest turns with a summary written by a hidden model call. Kept: the first user
 * message (the summary joins it as an extra part, so roles still alternate), and the latest turns
 * from an assistant message on, so every tool call stays paired with its result.
 */
export async function compactMessages(options: CompactOptions): Promise<CompactResult> {
  const { messages } = options;
  const first = messages.findIndex((m) => m.role === "user");
  if (first < 0) return { messages, replaced: 0 };
  const cut = chooseCut(messages, first, options.keepTokens);
  if (cut === undefined || cut <= first + 1) return { messages, replaced: 0 };
  const firstMessage = messages[first] as Message;
  const previousSummary = firstMessage.content.find(isSummaryPart);
  const middle = messages.slice(first + 1, cut);
  const transcript = renderTranscript(previousSummary ? previousSummary.text : "", middle, options.transcriptTokens);
  let summary: string;
  let fallback: string | undefined;
  let usage: Usage | undefined;
  try {
    const response = await options.provider.complete({
      model: options.model,
      messages: [
        { role: "system", content: [{ type: "text", text: SUMMARISER_PROMPT }] },
        { role: "user", content: [{ type: "text", text: transcript }] },
      ],
      maxTokens: options.summaryTokens ?? 2048,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    usage = response.usage;
    summary = messageText(response.message).trim();
    if (!summary) throw new Error("the summariser returned no text");
  } catch (error) {
    if (options.signal?.aborted) throw error;
    fallback = describeError(error).split("\n")[0] ?? "unknown error";
    summary = `${middle.length} earlier messages were removed to fit the context window (summarising them failed: ${fallback}).`;
    if (previousSummary) summary = `${previousSummary.text.replace(SUMMARY_MARK, "").trim()}\n\n${summary}`;
  }
  const kept: TextPart = { type: "text", text: `${SUMMARY_MARK}\nSummary of the earlier conversation:\n${summary}` };
  const newFirst: Message = { ...firstMessage, content: [...firstMessage.content.filter((p) => !isSummaryPart(p)), kept] };
  const out = [...messages.slice(0, first), newFirst, ...messages.slice(cut)];
  return { messages: out, replaced: middle.length, ...(fallback ? { fallback } : {}), ...(usage ? { usage } : {}) };
}

function isSummaryPart(part: Message["content"][number]): part is TextPart {
  return part.type === "text" && part.text.startsWith(SUMMARY_MARK);
}

/**
 * The index where the kept tail starts: the earliest assistant message whose tail fits `keepTokens`,
 * or the latest assistant message when even that does not fit (the tail must hold the last turn).
 */
function chooseCut(messages: Message[], first: number, keepTokens: number): number | undefined {
  let best: number | undefined;
  let tail = 0;
  for (let i = messages.length - 1; i > first; i--) {
    tail += estimateMessagesTokens([messages[i] as Message]);
    if (messages[i]?.role !== "assistant") continue;
    if (best === undefined || tail <= keepTokens) best = i;
    if (tail > keepTokens) break;
  }
  return best;
}

function renderTranscript(previous: string, messages: Message[], maxTokens: number): string {
  const lines: string[] = [];
  if (previous) lines.push(`[Earlier summary]\n${previous.replace(SUMMARY_MARK, "").trim()}`);
  for (const m of messages) {
    for (const part of m.content) {
      if (part.type === "text" && part.text.trim()) lines.push(`${m.role.toUpperCase()}: ${part.text.trim()}`);
      else if (part.type === "tool_call") lines.push(`ASSISTANT called ${part.name}(${clip(part.arguments, 400)})`);
      else if (part.type === "tool_result")
        lines.push(`RESULT${part.toolName ? ` of ${part.toolName}` : ""}${part.isError ? " (error)" : ""}: ${clip(part.content, 1200)}`);
    }
  }
  const text = lines.join("\n");
  return truncateText(text, { maxBytes: Math.max(2000, Math.floor(maxTokens * 3)), keep: "both" }).text;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters]`;
}
