import type { SessionInfo } from "@codetether/agent-loop";
import type { Message } from "@codetether/core";

/** One line per session: id, last update, messages, tokens, cost, title (and directory with --all). */
export function formatSessionTable(sessions: SessionInfo[], withDirectory: boolean): string {
  const rows = sessions.map((s) => [
    s.id,
    new Date(s.updated).toISOString().slice(0, 16).replace("T", " "),
    String(s.messages),
    String(s.tokens.input + s.tokens.output),
    s.cost !== undefined ? `$${s.cost.toFixed(4)}` : "-",
    s.title,
    ...(withDirectory ? [s.directory] : []),
  ]);
  const header = ["ID", "UPDATED", "MSGS", "TOKENS", "COST", "TITLE", ...(withDirectory ? ["DIRECTORY"] : [])];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  return all.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ")).join("\n");
}

/** The conversation as readable text: numbered messages, tool calls and shortened results. */
export function formatTranscript(messages: Message[]): string {
  const out: string[] = [];
  messages.forEach((m, n) => {
    const parts: string[] = [];
    for (const p of m.content) {
      if (p.type === "text") parts.push(p.text);
      else if (p.type === "tool_call") parts.push(`→ ${p.name} ${clip(p.arguments, 200)}`);
      else if (p.type === "tool_result") parts.push(`${p.isError ? "✗" : "✓"} ${p.toolName ?? "result"}: ${clip(p.content, 300)}`);
      else if (p.type === "image") parts.push(`[image ${p.mediaType}]`);
      else if (p.type === "file") parts.push(`[file ${p.filename ?? p.mediaType}]`);
    }
    if (parts.length > 0) out.push(`[${n}] ${m.role}:\n${parts.join("\n")}`);
  });
  return out.join("\n\n");
}

const TODO_MARK: Record<string, string> = { pending: "[ ]", in_progress: "[~]", completed: "[x]", cancelled: "[-]" };

/** A session's todo list, one item per line with its status mark. */
export function formatTodos(todos: { id: string; content: string; status: string }[]): string {
  return todos.map((t) => `  ${TODO_MARK[t.status] ?? "[?]"} ${t.content}`).join("\n");
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
