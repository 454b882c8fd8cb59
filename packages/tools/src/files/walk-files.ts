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
}

type Visit = (dir: string, rel: string, depth: number) => Promise<{ entries: WalkEntry[]; subdirs: WalkEntry[] }>;

/**
 * The filter for a walk from `start`. A directory asked for by name that is itself ignored
 * (`node_modules/zod`) is walked under its own ignore files only: it is not empty, and a
 * model exploring a dependency must see what is there.
 */
async function filterFor(start: string): Promise<GitignoreFilter> {
  const filter = GitignoreFilter.for(start);
  return (await filter.isIgnored(start, true)) ? new GitignoreFilter(start) : filter;
}

function lister(start: string, options: WalkOptions): Visit {
  const pending = options.gitignore === false ? undefined : filterFor(start);
  const maxDepth = options.maxDepth ?? Number.POSITIVE_INFINITY;
  return async (dir, rel, depth) => {
    throwIfAborted(options.signal, "The directory walk");
    const filter = await pending;
    let dirents;
    try {
      dirents = await readdir(dir, { withFileTypes: true });
    } catch {
      return { entries: [], subdirs: [] }; // Unreadable or vanished: skip it rather than fail the walk.
    }
    const chain = filter ? await filter.enter(dir) : [];
    dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const entries: WalkEntry[] = [];
    const subdirs: WalkEntry[] = [];
    for (const d of dirents) {
      if (d.name === ".git") continue;
      const path = join(dir, d.name);
      const isDir = d.isDirectory();
      if (filter && chain.length > 0 && filter.isIgnoredIn(chain, path, isDir)) continue;
      const entry: WalkEntry = { path, rel: rel ? `${rel}/${d.name}` : d.name, isDir, isSymlink: d.isSymbolicLink(), depth };
      entries.push(entry);
      if (isDir && depth < maxDepth) subdirs.push(entry);
    }
    return { entries, subdirs };
  };
}

/**
 * Yields the entries under `start` in tree order (each directory followed by its contents),
 * pruning ignored directories instead of listing and then filtering them (node_modules is never
 * read). Symlinked directories are yielded but not followed, so a link cannot loop or lead out.
 */
export async function* walkFiles(start: string, options: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  const visit = lister(start, options);
  const stack: WalkEntry[][] = [];
  const first = await visit(start, "", 1);
  stack.push([...first.entries].reverse());
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as WalkEntry[];
    const entry = top.pop();
    if (!entry) {
      stack.pop();
      continue;
    }
    yield entry;
    if (entry.isDir && entry.depth < (options.maxDepth ?? Number.POSITIVE_INFINITY)) {
      const next = await visit(entry.path, entry.rel, entry.depth + 1);
      stack.push([...next.entries].reverse());
    }
  }
}

/** All entries under `start`, read with directories in parallel; order is not meaningful. */
export async function collectFiles(start: string, options: WalkOptions = {}): Promise<WalkEntry[]> {
  const visit = lister(start, options);
  const out: WalkEntry[] = [];
  const go = async (dir: string, rel: string, depth: number): Promise<void> => {
    const { entries, subdirs } = await visit(dir, rel, depth);
    for (const e of entries) out.push(e);
    await Promise.all(subdirs.map((s) => go(s.path, s.rel, depth + 1)));
  };
  await go(start, "", 1);
  return out;
}
