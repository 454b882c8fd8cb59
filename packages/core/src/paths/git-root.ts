import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The root of the git work tree holding `dir`, or undefined outside any repository. Reads the file
 * system only (a `.git` directory, or the `.git` file of a worktree or submodule): no process.
 */
export function findGitRoot(dir: string): string | undefined {
  let current = resolve(dir);
  while (true) {
    if (existsSync(join(current, ".git"))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** The checked-out branch of the repository at `root`, or undefined when detached or unknown. */
export function gitBranch(root: string): string | undefined {
  try {
    let gitDir = join(root, ".git");
    if (statSync(gitDir).isFile()) {
      const pointer = readFileSync(gitDir, "utf8").match(/^gitdir:\s*(.+)$/m)?.[1]?.trim();
      if (!pointer) return undefined;
      gitDir = resolve(root, pointer);
    }
    const head = readFileSync(join(gitDir, "HEAD"), "utf8").trim();
    return head.match(/^ref:\s*refs\/heads\/(.+)$/)?.[1];
  } catch {
    return undefined;
  }
}
