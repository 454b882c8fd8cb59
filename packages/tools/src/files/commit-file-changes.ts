import { rm } from "node:fs/promises";
import { describeError, writeFileAtomic } from "@codetether/core";
import { FileChangeFailedError } from "../errors/file-change-failed-error.js";

/** One file's planned change; `before`/`after` null mean "absent" (create / delete). */
export interface FileChange {
  /** Real absolute path to write. */
  path: string;
  before: Uint8Array | null;
  after: string | null;
  /** Permission bits to keep (an edited script stays executable). */
  mode?: number;
}

export type WriteFileFn = (path: string, data: string | Uint8Array, mode?: number) => Promise<void>;

const defaultWrite: WriteFileFn = (path, data, mode) => writeFileAtomic(path, data, mode === undefined ? {} : { mode });

/**
 * Applies planned changes in order, each one atomic (temp file + rename); if one fails, the ones
 * already applied are undone in reverse, so a multi-file edit lands whole or not at all.
 */
export async function commitFileChanges(changes: readonly FileChange[], write: WriteFileFn = defaultWrite): Promise<void> {
  const done: FileChange[] = [];
  for (const change of changes) {
    try {
      if (change.after === null) await rm(change.path, { force: true });
      else await write(change.path, change.after, change.mode);
      done.push(change);
    } catch (error) {
      const problems: string[] = [];
      for (const applied of done.reverse()) {
        try {
          if (applied.before === null) await rm(applied.path, { force: true });
          else await writeFileAtomic(applied.path, applied.before, applied.mode === undefined ? {} : { mode: applied.mode });
        } catch (undoError) {
          problems.push(`${applied.path}: ${describeError(undoError)}`);
        }
      }
      throw new FileChangeFailedError(change.path, error, problems);
    }
  }
}
