import type { Chunk } from "../content/chunk-content.js";

export interface GrepHit {
  /** 1-based line number in the content (or in the text that was searched). */
  line: number;
  text: string;
}

/** What a REPL command returns, and what a variable holds. */
export type ReplValue =
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  /** Lines of the content; rendered with their line numbers, passed on as plain text. */
  | { kind: "lines"; firstLine: number; text: string }
  | { kind: "hits"; pattern: string; hits: GrepHit[]; total: number; show: number }
  | { kind: "chunks"; chunks: Chunk[] }
  | { kind: "answers"; question: string; answers: string[] };

function numbered(firstLine: number, text: string): string {
  if (text === "") return "(no lines)";
  const rows = text.split("\n");
  const width = String(firstLine + rows.length - 1).length;
  return rows.map((row, i) => `${String(firstLine + i).padStart(width)}: ${row}`).join("\n");
}

/** How a value is shown in the REPL transcript (before capping). */
export function renderValue(value: ReplValue): string {
  switch (value.kind) {
    case "text":
      return value.text;
    case "number":
      return String(value.value);
    case "lines":
      return numbered(value.firstLine, value.text);
    case "hits": {
      if (value.total === 0) return `no lines match ${value.pattern}`;
      const shown = value.hits.slice(0, value.show);
      const head =
        shown.length < value.total
          ? `${value.total} matching lines, first ${shown.length}:`
          : `${value.total} matching line${value.total === 1 ? "" : "s"}:`;
      return [head, ...shown.map((h) => `${h.line}: ${h.text}`)].join("\n");
    }
    case "chunks":
      return [
        `${value.chunks.length} chunk${value.chunks.length === 1 ? "" : "s"}:`,
        ...value.chunks.map((c) => `[${c.index}] lines ${c.startLine}-${c.endLine} (${c.end - c.start} chars): ${c.label}`),
      ].join("\n");
    case "answers":
      return value.answers.map((a, i) => `[${i}] ${a}`).join("\n");
  }
}

/** The plain text of a value, as a sub-call or a nested grep sees it. */
export function valueText(value: ReplValue): string {
  switch (value.kind) {
    case "text":
    case "lines":
      return value.text;
    case "number":
      return String(value.value);
    case "hits":
      return value.hits.map((h) => `${h.line}: ${h.text}`).join("\n");
    case "chunks":
      return value.chunks.map((c) => c.text).join("\n");
    case "answers":
      return value.answers.join("\n\n");
  }
}

/** A one-line description of a variable for `context()`. */
export function describeValue(value: ReplValue): string {
  switch (value.kind) {
    case "text":
    case "lines":
      return `text, ${value.text.length} chars`;
    case "number":
      return `number ${value.value}`;
    case "hits":
      return `grep hits for ${value.pattern}, ${value.total} lines`;
    case "chunks":
      return `${value.chunks.length} chunks`;
    case "answers":
      return `${value.answers.length} sub-call answers`;
  }
}
