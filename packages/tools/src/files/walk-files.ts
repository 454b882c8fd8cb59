import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { throwIfAborted } from "@codetether/core";
import { GitignoreFilter } from "./gitignore-filter.js";

export interface WalkEntry {
  path: string;
  /** Relative to the start directory, with `/`. */
  rel: string;
  isDir: boolean;
  isSymlink: boolean;
  depth: number;
}

export interface WalkOptions {
  /** 1 = the start directory's own entries. Default: unlimited. */
  maxDepth?: number;
  /** Honour .gitignore files (default true). `.git` is always skipped. */
  gitignore?: boolean;
  signal?: AbortSignal;
  /** Called for directories before descending; return false to skip one. */
  descend?: (entry: WalkEntry) => boolean;
}

/**
 * Yields the entries under `start`, depth first, pruning ignored directories instead of listing
 * and then filtering them (node_modules is never read). Symlinked directories are yielded but not
 * followed, so a link cannot loop or lead the walk out of the workspace.
 */
export async function* walkFiles(start: string, options: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  const filter = options.gitignore === false ? undefined : GitignoreFilter.for(start);
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  const stack: { dir: string; rel: string; depth: number }[] = [{ dir: start, rel: "", depth: 1 }];
  while (stack.length > 0) {
    throwIfAborted(options.signal, "The directory walk");
    const { dir, rel, depth } = stack.pop() as { dir: string; rel: string; depth: number };
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue; // Unreadable or vanished directory: skip it rather than fail the whole walk.
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: { dir: string; rel: string; depth: number }[] = [];
    for (const dirent of entries) {
      if (dirent.name === ".git") continue;
      const path = join(dir, dirent.name);
      const isDir = dirent.isDirectory();
      if (filter && (await filter.isIgnored(path, isDir))) continue;
      const entry: WalkEntry = { path, rel: rel ? `${rel}/${dirent.name}` : dirent.name, isDir, isSymlink: dirent.isSymbolicLink(), depth };
      yield entry;
      if (isDir && depth < maxDepth && (options.descend?.(entry) ?? true)) subdirs.push({ dir: path, rel: entry.rel, depth: depth + 1 });
    }
    stack.push(...subdirs.reverse());
  }
}
