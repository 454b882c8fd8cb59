import { messageText, type Message, type Provider, type Usage } from "@codetether/core";

const TITLE_PROMPT =
  "Write a title of at most six words for the conversation below. Reply with the title only: no quotes, no punctuation at the end.";

/**
 * A short title for a session, asked of the model after the first exchange. Falls back to the first
 * line of the user's message when the call fails or returns nothing usable.
 */
export async function generateTitle(options: {
  provider: Provider;
  model: string;
  messages: Message[];
  signal?: AbortSignal;
  /** The title call's usage, to count it into the session's totals (it is billed like any call). */
  onUsage?: (usage: Usage) => void;
}): Promise<string> {
  const user = options.messages.find((m) => m.role === "user");
  const assistant = [...options.messages].reverse().find((m) => m.role === "assistant" && messageText(m).trim());
  const fallback = clean(user ? messageText(user) : "") || "New session";
  const excerpt = [
    user ? `User: ${messageText(user).slice(0, 1500)}` : "",
    assistant ? `Assistant: ${messageText(assistant).slice(0, 1500)}` : "",
  ]
    .filter(Boolean)
    .join("\n\n");
  if (!excerpt) return fallback;
  try {
    const response = await options.provider.complete({
      model: options.model,
      messages: [
        { role: "system", content: [{ type: "text", text: TITLE_PROMPT }] },
        { role: "user", content: [{ type: "text", text: excerpt }] },
      ],
      maxTokens: 32,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    options.onUsage?.(response.usage);
    return clean(messageText(response.message)) || fallback;
  } catch {
    // A title is a nicety: never fail a run over it.
    return fallback;
  }
}

function clean(text: string): string {
  const line = text.replace(/<think>[\s\S]*?<\/think>/g, "").trim().split("\n")[0] ?? "";
  const stripped = line.replace(/^(title:\s*)/i, "").replace(/^["'`*#\s]+|["'`*.\s]+$/g, "").trim();
  return stripped.length > 60 ? `${stripped.slice(0, 57)}…` : stripped;
}
