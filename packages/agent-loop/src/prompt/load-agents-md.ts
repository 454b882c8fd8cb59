import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { findGitRoot } from "@codetether/core";

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
      files.push({ path, content: readFileSync(path, "utf8") });
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
