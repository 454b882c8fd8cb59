import { readFile, stat } from "node:fs/promises";
import { relative, sep } from "node:path";
import { extractSymbols, isIndexedSource, type SymbolDefinition } from "./symbol-extractors.js";
import { walkFiles } from "./walk-files.js";

const MAX_FILE_BYTES = 1024 * 1024;
const IDENTIFIER = /[A-Za-z_$][\w$]{2,}/g;

export interface IndexedFile {
  path: string;
  mtimeMs: number;
  size: number;
  definitions: SymbolDefinition[];
  /** identifier → [first line (1-based), occurrences]: where names are used, for ranking uses below definitions. */
  uses: Map<string, [number, number]>;
  /** Source lines of the first use of each identifier, by line number. */
  useLines: Map<number, string>;
}

export interface IndexUpdate {
  files: number;
  reindexed: number;
  removed: number;
}

/**
 * The symbols of every source file under a root. `update` re-reads only files whose mtime or size
 * changed since the last update (and drops deleted ones), so repeated searches stay cheap.
 */
export class SymbolIndex {
  private readonly files = new Map<string, IndexedFile>();

  constructor(readonly root: string) {}

  get size(): number {
    return this.files.size;
  }

  entries(): IterableIterator<IndexedFile> {
    return this.files.values();
  }

  async update(signal?: AbortSignal): Promise<IndexUpdate> {
    const seen = new Set<string>();
    let reindexed = 0;
    const pending: Promise<void>[] = [];
    const visit = async (abs: string) => {
      let rel = relative(this.root, abs);
      if (sep !== "/") rel = rel.split(sep).join("/");
      seen.add(rel);
      let info;
      try {
        info = await stat(abs);
      } catch {
        return;
      }
      const known = this.files.get(rel);
      if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return;
      if (info.size > MAX_FILE_BYTES) {
        this.files.delete(rel);
        return;
      }
      let text: string;
      try {
        text = await readFile(abs, "utf8");
      } catch {
        return;
      }
      this.files.set(rel, { path: rel, mtimeMs: info.mtimeMs, size: info.size, ...indexText(rel, text) });
      reindexed++;
    };
    for await (const abs of walkFiles(this.root, { signal, filter: isIndexedSource })) {
      pending.push(visit(abs));
      if (pending.length >= 32) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    let removed = 0;
    for (const rel of [...this.files.keys()]) {
      if (!seen.has(rel)) {
        this.files.delete(rel);
        removed++;
      }
    }
    return { files: this.files.size, reindexed, removed };
  }
}

function indexText(path: string, text: string): Pick<IndexedFile, "definitions" | "uses" | "useLines"> {
  const definitions = extractSymbols(path, text);
  // A name on its own definition line is not a use of it.
  const definitionSites = new Set(definitions.map((d) => `${d.name}:${d.line}`));
  const uses = new Map<string, [number, number]>();
  const useLines = new Map<number, string>();
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.length > 1000) continue;
    for (const m of line.matchAll(IDENTIFIER)) {
      if (definitionSites.has(`${m[0]}:${i + 1}`)) continue;
      const entry = uses.get(m[0]);
      if (entry) entry[1]++;
      else {
        uses.set(m[0], [i + 1, 1]);
        if (!useLines.has(i + 1)) useLines.set(i + 1, line.trim().slice(0, 200));
      }
    }
  }
  return { definitions, uses, useLines };
}
