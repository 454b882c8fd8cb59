import { AmbiguousEditError } from "../errors/ambiguous-edit-error.js";
import { EditNotFoundError } from "../errors/edit-not-found-error.js";
import { ToolInputError } from "../errors/tool-input-error.js";

export interface TextEdit {
  old_string: string;
  new_string: string;
  replace_all?: boolean;
}

export interface TextEditResult {
  text: string;
  replacements: number;
  /** 1-based line where each replaced match started. */
  lines: number[];
  /** True when the match needed whitespace/indentation tolerance. */
  tolerant: boolean;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

function exactMatches(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) found.push(i);
  return found;
}

const squash = (line: string) => line.trim().replace(/\s+/g, " ");
const indentOf = (line: string) => /^[ \t]*/.exec(line)?.[0] ?? "";

function trimBlankEnds(lines: string[]): { lines: string[]; lead: number; trail: number } {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] as string).trim() === "") start++;
  while (end > start && (lines[end - 1] as string).trim() === "") end--;
  return { lines: lines.slice(start, end), lead: start, trail: lines.length - end };
}

/**
 * Matches of `needle` where each run of whitespace may be any other run (`foo(a,  b)` finds
 * `foo(a, b)`), for fragments that start or end mid-line, which the line-based match cannot see.
 */
function whitespaceFlexibleMatches(text: string, needle: string): { index: number; length: number }[] {
  const trimmed = needle.trim();
  if (trimmed === "" || !/\s/.test(trimmed)) return [];
  const source = trimmed
    .split(/\s+/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("\\s+");
  const found: { index: number; length: number }[] = [];
  for (const m of text.matchAll(new RegExp(source, "g"))) found.push({ index: m.index ?? 0, length: m[0].length });
  return found;
}

/**
 * Replaces `old_string` with `new_string` in `text` (both with `\n` line ends). An exact match is
 * tried first; failing that, whole lines are compared ignoring indentation and runs of spaces, and
 * the replacement is re-indented by the difference, because models often get indentation wrong;
 * last, a fragment is matched with any whitespace where it has whitespace.
 * More than one match without `replace_all` is refused with the line numbers.
 */
export function applyTextEdit(text: string, edit: TextEdit, path: string): TextEditResult {
  const { old_string: oldText, new_string: newText } = edit;
  if (oldText === "") throw new ToolInputError(`old_string is empty; to create or overwrite ${path} use write_file.`, { field: "old_string" });
  if (oldText === newText) throw new ToolInputError("old_string and new_string are identical; there is nothing to change.", { field: "new_string" });

  const exact = exactMatches(text, oldText);
  if (exact.length > 0) {
    if (exact.length > 1 && !edit.replace_all) throw new AmbiguousEditError(path, exact.map((i) => lineAt(text, i)));
    const targets = edit.replace_all ? exact : exact.slice(0, 1);
    let out = "";
    let last = 0;
    for (const index of targets) {
      out += text.slice(last, index) + newText;
      last = index + oldText.length;
    }
    out += text.slice(last);
    return { text: out, replacements: targets.length, lines: targets.map((i) => lineAt(text, i)), tolerant: false };
  }

  const fileLines = text.split("\n");
  const old = trimBlankEnds(oldText.split("\n"));
  if (old.lines.length === 0) throw new EditNotFoundError(path);
  const wanted = old.lines.map(squash);
  const starts: number[] = [];
  for (let i = 0; i + wanted.length <= fileLines.length; i++) {
    let ok = true;
    for (let j = 0; j < wanted.length && ok; j++) ok = squash(fileLines[i + j] as string) === wanted[j];
    if (ok) {
      starts.push(i);
      i += wanted.length - 1;
    }
  }
  if (starts.length === 0) {
    const spaced = whitespaceFlexibleMatches(text, oldText);
    if (spaced.length > 0) {
      if (spaced.length > 1 && !edit.replace_all) throw new AmbiguousEditError(path, spaced.map((m) => lineAt(text, m.index)));
      const targets = edit.replace_all ? spaced : spaced.slice(0, 1);
      // The match skipped old_string's outer whitespace; drop the same from new_string so it is not doubled.
      const lead = /^\s*/.exec(oldText)?.[0] ?? "";
      const trail = /\s*$/.exec(oldText)?.[0] ?? "";
      let replacement = lead && newText.startsWith(lead) ? newText.slice(lead.length) : newText;
      if (trail && replacement.endsWith(trail)) replacement = replacement.slice(0, replacement.length - trail.length);
      let out = "";
      let last = 0;
      for (const m of targets) {
        out += text.slice(last, m.index) + replacement;
        last = m.index + m.length;
      }
      out += text.slice(last);
      return { text: out, replacements: targets.length, lines: targets.map((m) => lineAt(text, m.index)), tolerant: true };
    }
    const near = fileLines.findIndex((l) => squash(l) === wanted[0] && wanted[0] !== "");
    throw new EditNotFoundError(path, near === -1 ? undefined : near + 1);
  }
  if (starts.length > 1 && !edit.replace_all) throw new AmbiguousEditError(path, starts.map((s) => s + 1));

  const targets = edit.replace_all ? starts : starts.slice(0, 1);
  // Drop the blank edge lines new_string shares with old_string; they were not part of the match.
  const newTrimmed = trimBlankEnds(newText.split("\n"));
  const newLines =
    newText === ""
      ? []
      : [
          ...Array.from({ length: Math.max(0, newTrimmed.lead - old.lead) }, () => ""),
          ...newTrimmed.lines,
          ...Array.from({ length: Math.max(0, newTrimmed.trail - old.trail) }, () => ""),
        ];
  const oldIndent = indentOf(old.lines.find((l) => l.trim() !== "") ?? "");

  const out = [...fileLines];
  for (const start of [...targets].reverse()) {
    const fileIndent = indentOf(fileLines[start] as string);
    const replacement = newLines.map((line) => {
      if (line.trim() === "") return "";
      return line.startsWith(oldIndent) ? fileIndent + line.slice(oldIndent.length) : line;
    });
    out.splice(start, wanted.length, ...replacement);
  }
  return { text: out.join("\n"), replacements: targets.length, lines: targets.map((s) => s + 1), tolerant: true };
}
