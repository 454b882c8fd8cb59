import { readFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { findGitRoot } from "@codetether/core";
import { isWithin } from "../guard/workspace-guard.js";

/**
 * Answers "would git ignore this path?" from the `.gitignore` files between a base directory (the
 * repository root, or the walked directory outside a repository) and the path, plus
 * `.git/info/exclude`. Deeper files override shallower ones, as in git. Files are read once.
 */
export class GitignoreFilter {
  readonly base: string;
  private readonly cache = new Map<string, Promise<Ignore | null>>();

  constructor(base: string) {
    this.base = base;
  }

  /** A filter for walking `dir`: based at its git repository's root when it has one. */
  static for(dir: string): GitignoreFilter {
    return new GitignoreFilter(findGitRoot(dir) ?? dir);
  }

  private load(dir: string): Promise<Ignore | null> {
    let entry = this.cache.get(dir);
    if (!entry) {
      entry = (async () => {
        const sources = [join(dir, ".gitignore")];
        if (dir === this.base) sources.push(join(dir, ".git", "info", "exclude"));
        let ig: Ignore | null = null;
        for (const file of sources) {
          try {
            const text = await readFile(file, "utf8");
            ig = (ig ?? ignore()).add(text);
          } catch {
            // No such file: nothing ignored at this level.
          }
        }
        return ig;
      })();
      this.cache.set(dir, entry);
    }
    return entry;
  }

  /** Whether `path` (absolute) is ignored; directories match `dir/` patterns too. `.git` always is. */
  async isIgnored(path: string, isDir: boolean): Promise<boolean> {
    if (path.split(sep).includes(".git")) return true;
    if (!isWithin(this.base, path) || path === this.base) return false;
    const dirs: string[] = [];
    for (let d = dirname(path); ; d = dirname(d)) {
      dirs.push(d);
      if (d === this.base || dirname(d) === d) break;
    }
    let ignored = false;
    for (const dir of dirs.reverse()) {
      const ig = await this.load(dir);
      if (!ig) continue;
      const rel = relative(dir, path).split(sep).join("/") + (isDir ? "/" : "");
      const result = ig.test(rel);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}
