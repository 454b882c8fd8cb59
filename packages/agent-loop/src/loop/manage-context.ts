import type { Message, Provider, Usage } from "@codetether/core";
import type { AgentEvent } from "../events/agent-event.js";
import { compactMessages } from "../context/compact-messages.js";
import type { ContextBudget } from "../context/context-budget.js";
import { estimateMessagesTokens } from "../context/message-tokens.js";
import { shrinkOldToolResults } from "../context/shrink-tool-results.js";

export interface ManageContextInput {
  conversation: Message[];
  budget: ContextBudget;
  provider: Provider;
  model: string;
  signal: AbortSignal;
  emit: (event: AgentEvent) => void;
}

/** Keeps the conversation under the budget's threshold: shrink old tool results, then summarise old turns. */
export async function manageContext({
  conversation,
  budget,
  provider,
  model,
  signal,
  emit,
}: ManageContextInput): Promise<{ messages: Message[]; summarised: boolean; usage?: Usage }> {
  const before = estimateMessagesTokens(conversation);
  if (before <= budget.threshold) return { messages: conversation, summarised: false };
  const shrunk = shrinkOldToolResults(conversation, budget.keepRecent);
  const current = shrunk.messages;
  const tokens = estimateMessagesTokens(current);
  if (shrunk.shrunk > 0) {
    emit({ type: "compaction", kind: "shrink", tokensBefore: before, tokensAfter: tokens, replacedMessages: 0 });
  }
  if (tokens <= budget.threshold) return { messages: current, summarised: false };
  const compacted = await compactMessages({
    messages: current,
    keepTokens: budget.keepRecent,
    transcriptTokens: Math.floor(budget.usable * 0.6),
    summaryTokens: Math.max(256, Math.min(2048, budget.outputReserve)),
    provider,
    model,
    signal,
  });
  const usage = compacted.usage ? { usage: compacted.usage } : {};
  if (compacted.replaced > 0) {
    const after = estimateMessagesTokens(compacted.messages);
    emit({ type: "compaction", kind: "summary", tokensBefore: tokens, tokensAfter: after, replacedMessages: compacted.replaced });
    return { messages: compacted.messages, summarised: true, ...usage };
  }
  return { messages: current, summarised: false, ...usage };
}
