import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { forExplicitStart, isIgnored, loadAncestorLayers, loadIgnoreLayer, type IgnoreLayer } from "./ignore-rules.js";

export interface WalkOptions {
  signal?: AbortSignal;
  /** Keeps a file when it returns true; given the absolute path. */
  filter?: (path: string) => boolean;
}

/**
 * Every regular file under `dir`, honouring .gitignore/.ignore files (nested and in parent
 * directories) like ripgrep does; hidden files are included, `.git` and symlinks are not.
 */
export async function* walkFiles(dir: string, options: WalkOptions = {}): AsyncGenerator<string> {
  const ancestors = (await loadAncestorLayers(dir)).map((layer) => forExplicitStart(layer, dir));
  const stack: { dir: string; layers: IgnoreLayer[] }[] = [{ dir, layers: ancestors }];
  while (stack.length > 0) {
    if (options.signal?.aborted) return;
    const { dir: current, layers: parentLayers } = stack.pop() as { dir: string; layers: IgnoreLayer[] };
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      continue; // unreadable directories are skipped, as ripgrep does
    }
    const own = await loadIgnoreLayer(current);
    const layers = own ? [...parentLayers, own] : parentLayers;
    const subdirs: string[] = [];
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === ".git" || isIgnored(layers, path, true)) continue;
        subdirs.push(path);
      } else if (entry.isFile()) {
        if (isIgnored(layers, path, false)) continue;
        if (options.filter && !options.filter(path)) continue;
        yield path;
      }
    }
    for (const sub of subdirs.reverse()) stack.push({ dir: sub, layers });
  }
}
