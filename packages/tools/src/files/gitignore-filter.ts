import { readFile } from "node:fs/promises";
import { dirname, join, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { findGitRoot } from "@codetether/core";
import { isWithin } from "../guard/workspace-guard.js";

interface Level {
  dir: string;
  ig: Ignore;
}

/**
 * Answers "would git ignore this path?" from the `.gitignore` files between a base directory (the
 * repository root, or the walked directory outside a repository) and the path, plus
 * `.git/info/exclude`. Deeper files override shallower ones, as in git. Each file is read once;
 * after `enter(dir)`, checks for entries of `dir` are synchronous, which keeps big walks fast.
 */
export class GitignoreFilter {
  readonly base: string;
  private readonly chains = new Map<string, Level[]>();
  private readonly loading = new Map<string, Promise<Level[]>>();

  constructor(base: string) {
    this.base = base;
  }

  /** A filter for walking `dir`: based at its git repository's root when it has one. */
  static for(dir: string): GitignoreFilter {
    return new GitignoreFilter(findGitRoot(dir) ?? dir);
  }

  private async readLevel(dir: string): Promise<Ignore | null> {
    const sources = [join(dir, ".gitignore")];
    if (dir === this.base) sources.push(join(dir, ".git", "info", "exclude"));
    let ig: Ignore | null = null;
    for (const file of sources) {
      try {
        ig = (ig ?? ignore()).add(await readFile(file, "utf8"));
      } catch {
        // No such file: nothing ignored at this level.
      }
    }
    return ig;
  }

  /** Loads the ignore files that apply to entries of `dir` (its own and its ancestors' up to the base). */
  enter(dir: string): Promise<Level[]> {
    const known = this.chains.get(dir);
    if (known) return Promise.resolve(known);
    let pending = this.loading.get(dir);
    if (!pending) {
      pending = (async () => {
        const parentChain = dir === this.base || !isWithin(this.base, dir) || dirname(dir) === dir ? [] : await this.enter(dirname(dir));
        const ig = isWithin(this.base, dir) ? await this.readLevel(dir) : null;
        const chain = ig ? [...parentChain, { dir, ig }] : parentChain;
        this.chains.set(dir, chain);
        return chain;
      })();
      this.loading.set(dir, pending);
    }
    return pending;
  }

  /** Synchronous check for an entry of a directory already `enter`ed. */
  isIgnoredIn(chain: readonly Level[], path: string, isDir: boolean): boolean {
    let ignored = false;
    for (const { dir, ig } of chain) {
      let rel = path.slice(dir.length + 1);
      if (sep !== "/") rel = rel.split(sep).join("/");
      const result = ig.test(isDir ? `${rel}/` : rel);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }

  /** Whether `path` (absolute) is ignored; directories match `dir/` patterns too. `.git` always is. */
  async isIgnored(path: string, isDir: boolean): Promise<boolean> {
    if (path.split(sep).includes(".git")) return true;
    if (!isWithin(this.base, path) || path === this.base) return false;
    return this.isIgnoredIn(await this.enter(dirname(path)), path, isDir);
  }
}
