import { estimateTokens, type ContentPart } from "@codetether/core";
import { AttachmentError } from "./attachment-error.js";

/** Share of the context window one inlined file may take; the rest is for the prompt, tools and work. */
const MAX_WINDOW_SHARE = 0.5;

/**
 * Refuses an inlined text file too large for the model's window before it is recorded: once in the
 * session it would be resent on every continue, and every request would overflow.
 */
export function checkAttachmentsFit(parts: ContentPart[], paths: string[], model: { id: string; contextWindow: number }): void {
  parts.forEach((part, i) => {
    if (part.type !== "text") return;
    const tokens = estimateTokens(part.text);
    if (tokens <= model.contextWindow * MAX_WINDOW_SHARE) return;
    throw new AttachmentError(
      paths[i] ?? "the file",
      `it is about ${tokens} tokens, more than half of ${model.id}'s ${model.contextWindow}-token context window; attach a part of it, or ask the agent to read it with its tools`,
    );
  });
}
