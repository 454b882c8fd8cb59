import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { StaleFileError } from "../errors/stale-file-error.js";

export interface FileSnapshot {
  mtimeMs: number;
  size: number;
  /** sha256 of the content; absent when the file was too big to hash on read. */
  hash?: string;
}

export function hashContent(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Remembers what the agent last saw of each file (mtime, size, hash), so an edit to a file that
 * someone changed since is refused instead of silently overwriting their work. One per tool set:
 * the agent's reads and its own writes both update it. Keys are real (symlink-free) paths.
 */
export class FileReadTracker {
  private readonly seen = new Map<string, FileSnapshot>();

  record(realPath: string, snapshot: FileSnapshot): void {
    this.seen.set(realPath, snapshot);
  }

  /** Records the state a tool just wrote (or read) from its content. */
  async recordContent(realPath: string, content: Uint8Array | string): Promise<void> {
    const s = await stat(realPath);
    this.record(realPath, { mtimeMs: s.mtimeMs, size: s.size, hash: hashContent(content) });
  }

  get(realPath: string): FileSnapshot | undefined {
    return this.seen.get(realPath);
  }

  forget(realPath: string): void {
    this.seen.delete(realPath);
  }

  /**
   * Throws `StaleFileError` when a file read before has changed since. A file never read passes:
   * edits to it are still checked by their `old_string`, and new files have nothing to lose.
   */
  async assertUnchanged(realPath: string, displayPath: string, current?: Uint8Array | null): Promise<void> {
    const before = this.seen.get(realPath);
    if (!before) return;
    let s;
    try {
      s = await stat(realPath);
    } catch {
      throw new StaleFileError(displayPath, "it was deleted");
    }
    if (s.mtimeMs === before.mtimeMs && s.size === before.size) return;
    // A touch without a change is not a conflict: compare content when we have a hash.
    if (before.hash !== undefined) {
      const content = current ?? (await readFile(realPath));
      if (hashContent(content) === before.hash) {
        this.record(realPath, { ...before, mtimeMs: s.mtimeMs });
        return;
      }
    }
    const what = s.size !== before.size ? `size ${before.size} → ${s.size} bytes` : `modified at ${new Date(s.mtimeMs).toISOString()}`;
    throw new StaleFileError(displayPath, what);
  }
}
