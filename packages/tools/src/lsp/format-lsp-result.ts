import { readFileSync } from "node:fs";
import { relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type {
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  LocationLink,
  MarkedString,
  MarkupContent,
  SymbolInformation,
  WorkspaceSymbol,
} from "vscode-languageserver-protocol";

const SYMBOL_KINDS = [
  "",
  "file",
  "module",
  "namespace",
  "package",
  "class",
  "method",
  "property",
  "field",
  "constructor",
  "enum",
  "interface",
  "function",
  "variable",
  "constant",
  "string",
  "number",
  "boolean",
  "array",
  "object",
  "key",
  "null",
  "enum member",
  "struct",
  "event",
  "operator",
  "type parameter",
];
const COMPLETION_KINDS = ["", "text", "method", "function", "constructor", "field", "variable", "class", "interface", "module", "property", "unit", "value", "enum", "keyword", "snippet", "color", "file", "reference", "folder", "enum member", "constant", "struct", "event", "operator", "type parameter"];
const SEVERITIES = ["", "error", "warning", "info", "hint"];

/** Paths shown relative to the workspace root, positions 1-based, as the model gave them. */
export class LspFormatter {
  private readonly lines = new Map<string, string[]>();

  constructor(private readonly root: string) {}

  path(uri: string): string {
    if (!uri.startsWith("file:")) return uri;
    const abs = fileURLToPath(uri);
    const rel = relative(this.root, abs);
    return rel.startsWith("..") ? abs : sep === "/" ? rel : rel.split(sep).join("/");
  }

  private sourceLine(uri: string, line: number): string {
    if (!uri.startsWith("file:")) return "";
    let lines = this.lines.get(uri);
    if (!lines) {
      try {
        lines = readFileSync(fileURLToPath(uri), "utf8").split(/\r?\n/);
      } catch {
        lines = [];
      }
      this.lines.set(uri, lines);
    }
    return (lines[line] ?? "").trim();
  }

  locations(result: Location | Location[] | LocationLink[] | null | undefined, what: string): string {
    const list = result ? (Array.isArray(result) ? result : [result]) : [];
    if (list.length === 0) return `No ${what} found.`;
    const rows = list.map((l) => {
      const uri = "targetUri" in l ? l.targetUri : l.uri;
      const range = "targetUri" in l ? l.targetSelectionRange : l.range;
      return `${this.path(uri)}:${range.start.line + 1}:${range.start.character + 1}: ${this.sourceLine(uri, range.start.line)}`;
    });
    return `${list.length} ${what}${list.length === 1 ? "" : "s"}:\n${rows.join("\n")}`;
  }

  hover(result: Hover | null | undefined): string {
    if (!result) return "No hover information at this position.";
    const part = (c: MarkedString | MarkupContent): string => (typeof c === "string" ? c : "kind" in c ? c.value : `\`\`\`${c.language}\n${c.value}\n\`\`\``);
    const contents = Array.isArray(result.contents) ? result.contents.map(part).join("\n\n") : part(result.contents);
    return contents.trim() || "No hover information at this position.";
  }

  completion(result: CompletionItem[] | CompletionList | null | undefined, limit = 50): string {
    const items = result ? (Array.isArray(result) ? result : result.items) : [];
    if (items.length === 0) return "No completions at this position.";
    const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    const rows = sorted.slice(0, limit).map((i) => `${i.label}${i.kind ? ` (${COMPLETION_KINDS[i.kind] ?? i.kind})` : ""}${i.detail ? ` — ${i.detail}` : ""}`);
    const more = items.length > limit ? `\n… and ${items.length - limit} more` : "";
    return `${items.length} completions:\n${rows.join("\n")}${more}`;
  }

  /** Hints (unused variables and the like) are counted, not listed: they are editor decoration, not problems. */
  diagnostics(path: string, all: Diagnostic[]): string {
    const list = all.filter((d) => d.severity !== 4);
    const hints = all.length - list.length;
    const hintNote = hints ? ` (${hints} hint${hints === 1 ? "" : "s"} not shown)` : "";
    if (list.length === 0) return `No diagnostics in ${path}.${hintNote}`;
    const rows = list.map(
      (d) =>
        `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITIES[d.severity ?? 1] ?? "error"}${d.code !== undefined ? ` [${d.code}]` : ""}: ${(typeof d.message === "string" ? d.message : d.message.value).replace(/\s*\n\s*/g, " ")}`,
    );
    return `${list.length} diagnostic${list.length === 1 ? "" : "s"}${hintNote}:\n${rows.join("\n")}`;
  }

  documentSymbols(result: DocumentSymbol[] | SymbolInformation[] | null | undefined, path: string): string {
    if (!result || result.length === 0) return `No symbols in ${path}.`;
    const rows: string[] = [];
    const walk = (symbols: DocumentSymbol[], depth: number) => {
      for (const s of symbols) {
        rows.push(`${"  ".repeat(depth)}${SYMBOL_KINDS[s.kind] ?? s.kind} ${s.name} (line ${s.selectionRange.start.line + 1})`);
        if (s.children?.length) walk(s.children, depth + 1);
      }
    };
    if ("selectionRange" in (result[0] as object)) walk(result as DocumentSymbol[], 0);
    else for (const s of result as SymbolInformation[]) rows.push(`${SYMBOL_KINDS[s.kind] ?? s.kind} ${s.name}${s.containerName ? ` in ${s.containerName}` : ""} (line ${s.location.range.start.line + 1})`);
    return rows.join("\n");
  }

  workspaceSymbols(result: SymbolInformation[] | WorkspaceSymbol[] | null | undefined, query: string, limit = 100): string {
    if (!result || result.length === 0) return `No symbols match ${JSON.stringify(query)}.`;
    const rows = result.slice(0, limit).map((s) => {
      const loc = s.location;
      const where = "range" in loc ? `${this.path(loc.uri)}:${loc.range.start.line + 1}:${loc.range.start.character + 1}` : this.path(loc.uri);
      return `${SYMBOL_KINDS[s.kind] ?? s.kind} ${s.name}${s.containerName ? ` in ${s.containerName}` : ""} — ${where}`;
    });
    return `${result.length} symbol${result.length === 1 ? "" : "s"}:\n${rows.join("\n")}${result.length > limit ? `\n… and ${result.length - limit} more` : ""}`;
  }
}
