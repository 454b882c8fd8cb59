import type { ContentPart, Message } from "@codetether/core";
import type { Content, Part } from "@google/genai";

export interface GooglePrompt {
  systemInstruction?: string;
  contents: Content[];
}

/**
 * Maps core messages to Gemini `contents`: roles become `user`/`model`, tool results become
 * `functionResponse` parts (which need the function's name, found from the call when the result
 * lacks it), and thought signatures go back on the parts they came with.
 */
export function toGooglePrompt(messages: Message[]): GooglePrompt {
  const callNames = new Map<string, string>();
  for (const m of messages) for (const p of m.content) if (p.type === "tool_call") callNames.set(p.id, p.name);
  const system = messages
    .filter((m) => m.role === "system")
    .flatMap((m) => m.content.flatMap((p) => (p.type === "text" ? [p.text] : [])))
    .join("\n\n");
  const contents: Content[] = [];
  for (const message of messages) {
    if (message.role === "system") continue;
    const role = message.role === "assistant" ? "model" : "user";
    const parts = message.content.flatMap((p) => toParts(p, role, callNames));
    if (parts.length === 0) continue;
    const last = contents.at(-1);
    if (last && last.role === role) last.parts?.push(...parts);
    else contents.push({ role, parts });
  }
  return { ...(system !== "" ? { systemInstruction: system } : {}), contents };
}

function toParts(part: ContentPart, role: "user" | "model", callNames: Map<string, string>): Part[] {
  switch (part.type) {
    case "text":
      return part.text === "" ? [] : [{ text: part.text }];
    case "reasoning":
      // Only Gemini's own thoughts (signed) mean anything to it; others' reasoning is dropped.
      if (role !== "model" || !part.signature) return [];
      return [{ text: part.text, thought: true, thoughtSignature: part.signature }];
    case "tool_call": {
      const signature = (part.providerMetadata?.google as { thoughtSignature?: string } | undefined)?.thoughtSignature;
      return [
        {
          functionCall: { id: part.id, name: part.name, args: parseArgs(part.arguments) },
          ...(signature ? { thoughtSignature: signature } : {}),
        },
      ];
    }
    case "tool_result":
      return [
        {
          functionResponse: {
            id: part.toolCallId,
            name: part.toolName ?? callNames.get(part.toolCallId) ?? "unknown",
            response: part.isError ? { error: part.content } : { output: part.content },
          },
        },
      ];
    case "image":
      return /^https?:\/\//.test(part.data)
        ? [{ fileData: { fileUri: part.data, mimeType: part.mediaType } }]
        : [{ inlineData: { data: part.data, mimeType: part.mediaType } }];
    case "file":
      return [{ inlineData: { data: part.data, mimeType: part.mediaType } }];
  }
}

function parseArgs(args: string): Record<string, unknown> {
  if (args.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(args);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { _raw: args };
  }
}
