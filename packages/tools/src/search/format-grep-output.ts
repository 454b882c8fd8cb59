import type { GrepEngineResult, GrepFileResult } from "./grep-types.js";

const MAX_LINE_CHARS = 400;

function clip(text: string): string {
  return text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}… [line cut at ${MAX_LINE_CHARS} chars]` : text;
}

export interface FormattedGrep {
  output: string;
  shownMatches: number;
  truncated: boolean;
}

/**
 * `path:line: text` for matches and `path-line- text` for context, files in path order, separated
 * by a blank line, `--` between distant groups; at most `limit` matching lines, with a notice saying
 * how many more there were.
 */
export function formatGrepOutput(result: GrepEngineResult, pattern: string, limit: number): FormattedGrep {
  const withheld = result.withheldFiles.length
    ? `\n\n[Matches in ${result.withheldFiles.join(", ")} are not shown: such files hold secrets. Read one with read_file, which asks for permission, if you need it.]`
    : "";
  if (result.totalMatches === 0) return { output: `No matches for ${JSON.stringify(pattern)}.${withheld}`, shownMatches: 0, truncated: false };
  const files: GrepFileResult[] = [...result.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const blocks: string[] = [];
  let shown = 0;
  let shownFiles = 0;
  for (const file of files) {
    if (shown >= limit) break;
    const out: string[] = [];
    let previous = -1;
    let fileMatches = 0;
    const total = file.lines.filter((l) => l.isMatch).length;
    // Context after the last shown match is still printed, so cut the file's lines at the limit plus its trailing context.
    let lastIndex = file.lines.length - 1;
    if (shown + total > limit) {
      let seen = 0;
      for (let i = 0; i < file.lines.length; i++) {
        if (file.lines[i]?.isMatch && ++seen === limit - shown) {
          lastIndex = i;
          while (lastIndex + 1 < file.lines.length && !file.lines[lastIndex + 1]?.isMatch) lastIndex++;
          break;
        }
      }
    }
    for (const l of file.lines.slice(0, lastIndex + 1)) {
      if (previous !== -1 && l.line > previous + 1) out.push("--");
      out.push(l.isMatch ? `${file.path}:${l.line}: ${clip(l.text)}` : `${file.path}-${l.line}- ${clip(l.text)}`);
      if (l.isMatch) fileMatches++;
      previous = l.line;
    }
    shown += fileMatches;
    shownFiles++;
    blocks.push(`${out.join("\n")}\n(${fileMatches}${fileMatches < total ? ` of ${total}` : ""} match${total === 1 ? "" : "es"})`);
  }
  const truncated = shown < result.totalMatches;
  const header = `Found ${result.totalMatches} matching line${result.totalMatches === 1 ? "" : "s"} in ${result.totalFiles} file${result.totalFiles === 1 ? "" : "s"}.`;
  const notice = truncated
    ? `\n\n[Showing ${shown} of ${result.totalMatches} matching lines in ${shownFiles} of ${result.totalFiles} files; narrow the pattern, path or include, or raise limit.]`
    : "";
  return { output: `${header}\n\n${blocks.join("\n\n")}${notice}${withheld}`, shownMatches: shown, truncated };
}
