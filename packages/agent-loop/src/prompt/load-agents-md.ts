import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { findGitRoot, truncateText } from "@codetether/core";

/** Instructions go into every request's system prompt: a runaway file must not fill the window. */
export const AGENTS_MD_MAX_BYTES = 32 * 1024;

export interface AgentsMdFile {
  path: string;
  content: string;
}

/**
 * Every `AGENTS.md` from the git root down to `dir` (outermost first, so the nearest file, read
 * last, has the final word). Outside a repository only `dir`'s own file counts.
 */
export function loadAgentsMd(dir: string): AgentsMdFile[] {
  const start = resolve(dir);
  const stop = findGitRoot(start) ?? start;
  const dirs: string[] = [];
  let current = start;
  while (true) {
    dirs.unshift(current);
    if (current === stop) break;
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  const files: AgentsMdFile[] = [];
  for (const d of dirs) {
    const path = join(d, "AGENTS.md");
    if (!existsSync(path)) continue;
    try {
      const cut = truncateText(readFileSync(path, "utf8"), { maxBytes: AGENTS_MD_MAX_BYTES, keep: "head" });
      const content = cut.truncated ? `${cut.text}\n[AGENTS.md cut here: ${cut.omittedBytes} more bytes were left out; read the file for the rest.]` : cut.text;
      files.push({ path, content });
    } catch {
      // An unreadable AGENTS.md (permissions, a directory of that name) is skipped, not fatal.
    }
  }
  return files;
}

/** The AGENTS.md files as one prompt section, each headed by its path relative to `cwd`. */
export function formatAgentsMd(files: AgentsMdFile[], cwd: string): string {
  return files
    .map((f) => `Instructions from ${relative(cwd, f.path) || "AGENTS.md"}:\n${f.content.trim()}`)
    .join("\n\n");
}
