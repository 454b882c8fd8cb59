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
 * Yields the entries under `start` in tree order (each directory followed by its contents), pruning ignored directories instead of listing
 * and then filtering them (node_modules is never read). Symlinked directories are yielded but not
 * followed, so a link cannot loop or lead the walk out of the workspace.
 */
export async function* walkFiles(start: string, options: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  const filter = options.gitignore === false ? undefined : GitignoreFilter.for(start);
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  async function* walk(dir: string, rel: string, depth: number): AsyncGenerator<WalkEntry> {
    throwIfAborted(options.signal, "The directory walk");
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // Unreadable or vanished directory: skip it rather than fail the whole walk.
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const dirent of entries) {
      if (dirent.name === ".git") continue;
      const path = join(dir, dirent.name);
      const isDir = dirent.isDirectory();
      if (filter && (await filter.isIgnored(path, isDir))) continue;
      const entry: WalkEntry = { path, rel: rel ? `${rel}/${dirent.name}` : dirent.name, isDir, isSymlink: dirent.isSymbolicLink(), depth };
      yield entry;
      if (isDir && depth < maxDepth && (options.descend?.(entry) ?? true)) yield* walk(path, entry.rel, depth + 1);
    }
  }
  yield* walk(start, "", 1);
}
